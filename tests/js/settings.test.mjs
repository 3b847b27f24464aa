// The user's settings: kept in storage, carried by a file and by a link's
// fragment, edited field by field; damaged input never throws past a code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  STORAGE_KEY, configFileText, configFromFile, configFromFragment, configLink, configuredRole, readSettings,
  withColumnRole, withSetting, withSurveyTemplate, writeSettings,
} from '../../web/settings.js';

// A configuration as an analyst writes it: accents, apostrophes, nested objects.
const CONFIG = {
  kind: 'survey',
  min_base: 10,
  columns: { 'Qualità del servizio': { role: 'rating', scale: [1, 5] }, sede: { level: 'office' } },
  survey: {
    indices: [{ name: 'Accessibilità', items: ['acc_1', 'acc_2'] }],
    raking: { margins: { genere: { Donna: 0.5124, Uomo: 0.4876 }, 'età': { "l'over 60": 0.4, altri: 0.6 } } },
    significance: 0.01,
  },
};

function memoryStorage(initial = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (k) => (items.has(k) ? items.get(k) : null), setItem: (k, v) => items.set(k, String(v)), items };
}

test('settings survive a visit: written, read back the same', () => {
  const storage = memoryStorage();
  assert.equal(writeSettings(storage, { config: CONFIG, patterns: true, lang: 'en' }), true);
  assert.deepEqual(readSettings(storage), { config: CONFIG, patterns: true, lang: 'en' });
  assert.equal(JSON.parse(storage.items.get(STORAGE_KEY)).version, 1);
});

test('no stored settings, or damaged ones, give the defaults', () => {
  const defaults = { config: {}, patterns: false, lang: null };
  assert.deepEqual(readSettings(memoryStorage()), defaults);
  assert.deepEqual(readSettings(null), defaults);
  assert.deepEqual(readSettings(memoryStorage({ [STORAGE_KEY]: '{not json' })), defaults);
  assert.deepEqual(readSettings(memoryStorage({ [STORAGE_KEY]: '[1,2]' })), defaults);
  // Wrong types inside are dropped one by one.
  assert.deepEqual(readSettings(memoryStorage({ [STORAGE_KEY]: '{"config":[],"patterns":"yes","lang":"fr"}' })), defaults);
});

test('a browser that refuses storage is told, not thrown at', () => {
  const refusing = { setItem: () => { throw new Error('QuotaExceededError'); } };
  assert.equal(writeSettings(refusing, { config: {}, patterns: false, lang: null }), false);
});

test('a link carries the configuration in its fragment and gives it back exactly', () => {
  const link = configLink('https://intranet.example/ascolto/?lang=en&app=NASpI#old', CONFIG);
  const url = new URL(link);
  assert.equal(url.search, '?lang=en&app=NASpI'); // the owner's view and language kept
  assert.match(url.hash, /^#config=[A-Za-z0-9_-]+$/); // URL-safe, no padding
  assert.deepEqual(configFromFragment(url.hash), CONFIG);
});

test('a link with no settings gives null; a damaged one a code, never an exception of another kind', () => {
  assert.equal(configFromFragment(''), null);
  assert.equal(configFromFragment('#section-2'), null);
  for (const fragment of ['#config=%%%', '#config=bm90IGpzb24', '#config=WzEsMl0', '#config=__8']) {
    assert.throws(() => configFromFragment(fragment), { code: 'link_damaged' }, fragment);
  }
});

test('a settings file is the configuration object itself, as --config reads it', () => {
  const text = configFileText(CONFIG);
  assert.ok(text.endsWith('\n'));
  assert.deepEqual(configFromFile(text), CONFIG);
  assert.deepEqual(configFromFile(`\uFEFF${text}`), CONFIG); // saved by a Windows editor
  assert.throws(() => configFromFile('{"kind": "survey",}'), { code: 'file_not_json' });
  assert.throws(() => configFromFile('[]'), { code: 'file_not_object' });
  assert.throws(() => configFromFile('"survey"'), { code: 'file_not_object' });
});

test('a field sets its value deep in the configuration; emptying it leaves no trace', () => {
  const set = withSetting({}, ['survey', 'significance'], 0.1);
  assert.deepEqual(set, { survey: { significance: 0.1 } });
  assert.deepEqual(withSetting(set, ['survey', 'significance'], ''), {});
  // Other keys in the same object stay.
  assert.deepEqual(withSetting(CONFIG, ['survey', 'significance'], null).survey.indices, CONFIG.survey.indices);
  assert.equal(CONFIG.survey.significance, 0.01, 'the original is not changed');
  assert.deepEqual(withSetting({ min_base: 5 }, ['min_base'], 8), { min_base: 8 });
});

test('a column role is set, read, and removed back to detection', () => {
  const config = withColumnRole(CONFIG, 'sede', 'territory');
  assert.deepEqual(config.columns.sede, { level: 'office', role: 'territory' });
  assert.equal(configuredRole(config, 'sede'), 'territory');
  const back = withColumnRole(config, 'sede', '');
  assert.deepEqual(back.columns.sede, { level: 'office' });
  const onlyRole = withColumnRole({}, 'dispositivo', 'none');
  assert.deepEqual(withColumnRole(onlyRole, 'dispositivo', ''), {});
  assert.equal(configuredRole({}, 'x'), '');
  assert.throws(() => withColumnRole({}, 'x', 'personal'), { code: 'unknown_role' });
});

test('the survey template fills indices and margins from the report, keeping what is written', () => {
  const share = (value) => ({ value, se: 0.01, n: 100 });
  const report = {
    datasets: [{ name: 'volumi.csv', volumes: {} }, {
      name: 'indagine.csv',
      survey: {
        indices: [{ name: 'Indice di accessibilità', items: ['acc_1', 'acc_2'], weights: [1, 1], min_answered: 0.5, mean: share(3.8) }],
        profile: [
          { column: 'genere', categories: [{ value: 'Donna', share: share(0.512449) }, { value: 'Uomo', share: share(0.487551) }] },
          { column: 'regione', categories: [{ value: 'Lazio', share: { suppressed: true } }] }, // nothing usable: left out
        ],
      },
    }],
  };
  assert.deepEqual(withSurveyTemplate({ min_base: 10 }, report), {
    min_base: 10,
    survey: {
      indices: [{ name: 'Indice di accessibilità', items: ['acc_1', 'acc_2'], weights: [1, 1], min_answered: 0.5 }],
      raking: { margins: { genere: { Donna: 0.5124, Uomo: 0.4876 } } },
    },
  });
  const written = { survey: { raking: { margins: { genere: { Donna: 0.5, Uomo: 0.5 } } } } };
  assert.deepEqual(withSurveyTemplate(written, report).survey.raking, written.survey.raking);
  assert.equal(withSurveyTemplate({}, { datasets: [{ name: 'f.csv', feedback: {} }] }), null);
});
