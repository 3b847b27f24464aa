// The demo survey reproduces the agency's published 2022 figures
// (../shared/design/domain.md) at their published precision, through the
// same WASM core the page uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSurvey } from '../../scripts/gen-demo.mjs';
import { analyze } from '../../web/api.js';

const percent = (share, digits = 2) => Number((share * 100).toFixed(digits));
const round2 = (v) => Number(v.toFixed(2));

test('the demo generator is deterministic', () => {
  assert.equal(demoSurvey({ scale: 0.05 }), demoSurvey({ scale: 0.05 }));
});

test('the demo survey reproduces the published figures', async () => {
  const report = await analyze({ name: 'indagine-demo.csv', bytes: Buffer.from(demoSurvey()) });
  const d = report.datasets[0];
  assert.equal(d.kind.value, 'survey');
  const s = d.survey;
  assert.equal(s.weighting.column, 'peso');
  assert.deepEqual(s.wave.values, ['2019', '2021', '2022']);
  assert.equal(s.wave.current, '2022');

  const category = (list, column, value) =>
    list.find((g) => g.column === column).categories.find((c) => c.value === value);
  const byWave = (item, wave) => item.by_wave.find((w) => w.wave === wave).estimate.value;
  assert.equal(category(s.profile, 'genere', 'Donna').count + category(s.profile, 'genere', 'Uomo').count, 30131);
  assert.equal(percent(category(s.profile, 'genere', 'Donna').share.value), 51.24);
  assert.equal(percent(category(s.profile, 'classe_eta', '60+').share.value), 40.37);
  const work = (v) => percent(category(s.profile, 'condizione_professionale', v).share.value);
  assert.equal(work('Dipendente privato'), 26.38);
  assert.equal(work('Pensionato privato'), 23.04);
  assert.equal(work('Disoccupato'), 14.93);

  const web = category(s.shares.single_choice, 'canale_principale', 'Sito web');
  assert.equal(percent(web.share.value), 76.95);
  assert.equal(percent(byWave(web, '2021'), 1), 68.7);
  const info = (v) => percent(category(s.shares.single_choice, 'canale_informazione', v).share.value);
  assert.equal(info('App'), 20.5);
  assert.equal(info('Contact center'), 17.58);
  assert.equal(info('Sede'), 13.9);
  const casework = s.shares.single_choice.find((g) => g.column === 'canale_pratica').categories;
  const top = casework.reduce((a, b) => (a.share.value > b.share.value ? a : b));
  assert.equal(top.value, 'Contact center');
  assert.equal(percent(top.share.value), 31.76);
  const noDifficulty = s.shares.yes_no.find((y) => y.column === 'nessuna_difficolta_contatti');
  assert.equal(percent(noDifficulty.yes.value, 1), 83.6);

  // Global satisfaction 3.74 (2019) -> 3.93 (2022), a significant rise.
  assert.equal(round2(s.overall.estimate.value), 3.93);
  assert.equal(round2(byWave(s.overall, '2019')), 3.74);
  const rise = s.overall.wave_differences.find((x) => x.from === '2019' && x.to === '2022');
  assert.equal(round2(rise.value), 0.19);
  assert.ok(rise.p < 0.001 && rise.significant);

  const index = (name) => s.indices.find((i) => i.name.includes(name)).mean.value;
  assert.equal(round2(index('accessibilità')), 3.77);
  assert.equal(round2(index('risposta')), 3.91);

  const news = s.shares.multi_response.find((m) => m.name === 'notizie').options;
  const option = (v) => percent(news.find((o) => o.value === v).share.value);
  assert.deepEqual(['online', 'stampa', 'tg', 'programmi tv', 'radio'].map(option), [40.39, 14.64, 46.42, 23.07, 12]);

  // 2021 focus on social channels: only Facebook above 3 out of 5.
  const social = s.journey.items.filter((i) => i.column.startsWith('social_'));
  const above3 = social.filter((i) => byWave(i, '2021') > 3).map((i) => i.column);
  assert.deepEqual(above3, ['social_facebook']);

  // The journey: four phases by four channels, with the pooled phase means.
  assert.deepEqual(s.journey.phases, ['Informazione', 'Richiesta', 'Pratica', 'Esito']);
  assert.deepEqual(s.journey.channels, ['Web', 'App', 'Contact center', 'Sede']);
  assert.equal(s.journey.by_phase.length, 4);
});
