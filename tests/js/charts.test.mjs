import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ratingDistributionOption, distributionRows } from '../../web/charts/rating-distribution.js';
import { translator, errorMessage, withScaleBoxes } from '../../web/i18n.js';
import { fileLine, formatCount, formatDay, formatEstimate, formatNumber, formatPercent, formatUpTo } from '../../web/format.js';

const rating = {
  column: 'voto',
  scale: { min: 1, max: 5, not_applicable: [] },
  mean: { value: 3.93, se: 0.006, ci95: [3.918, 3.942], n: 30131 },
  distribution: [
    { level: 1, count: 1200, share: { value: 0.04, ci95: [0.038, 0.042], n: 30131 } },
    { level: 2, count: null, share: { suppressed: true } },
    { level: 3, count: 5100, share: { value: 0.17, ci95: [0.166, 0.174], n: 30131 } },
  ],
};

test('the distribution chart reads its rows from one dataset and leaves suppressed levels out', () => {
  const option = ratingDistributionOption(rating, { lang: 'it', t: translator('it') });
  assert.equal(option.dataset.id, 'distribution');
  assert.deepEqual(option.dataset.source.map((r) => r.level), ['1', '3']);
  assert.equal(option.series[0].datasetId, 'distribution');
  assert.deepEqual(option.series[0].encode, { x: 'level', y: 'share' });
  assert.equal(option.aria.enabled, true);
  assert.match(option.aria.label.description, /Media 3,93/);
  assert.equal(option.title.text, 'Distribuzione di voto');
  assert.equal(option.yAxis.axisLabel.formatter(0.25), '25%');
});

test('distribution rows carry the interval for the tooltip and table', () => {
  assert.deepEqual(distributionRows(rating)[0], { level: '1', share: 0.04, low: 0.038, high: 0.042, count: 1200 });
});

test('numbers follow the locale: 3,93 and 30.131 in Italian', () => {
  assert.equal(formatNumber('it', 3.93), '3,93');
  assert.equal(formatCount('it', 30131), '30.131');
  assert.equal(formatCount('it', 2139), '2.139');
  assert.equal(formatCount('en', 30131), '30,131');
  const t = translator('it');
  assert.equal(formatEstimate('it', rating.mean, t), '3,93 (IC 95%: 3,92–3,94; n = 30.131)');
  assert.equal(formatEstimate('it', { suppressed: true }, t), null);
});

test('formats are kept per locale and style: each call still formats its own way', () => {
  // Alternating languages, digits and styles: a formatter kept under the wrong key would show here.
  for (let round = 0; round < 2; round += 1) {
    assert.equal(formatNumber('it', 3.9349), '3,93');
    assert.equal(formatNumber('it', 3.9349, 1), '3,9');
    assert.equal(formatNumber('en', 3.9349, 3), '3.935');
    assert.equal(formatPercent('it', 0.4567), '45,7%');
    assert.equal(formatPercent('en', 0.4567, 2), '45.67%');
    assert.equal(formatUpTo('it', 1.256), '1,26');
    assert.equal(formatUpTo('en', 3), '3');
    assert.equal(formatUpTo('it', null), '—');
    assert.equal(formatDay('it', '2024-03-04'), '04/03/2024');
    assert.equal(formatDay('en', '2024-12-31'), '31/12/2024');
  }
});

test('core error codes are translated; unknown codes keep the core message', () => {
  assert.match(errorMessage('it', { code: 'unterminated_quote', message: 'x' }), /virgolette/);
  assert.equal(errorMessage('en', { code: 'something_new', message: 'From the core.' }), 'From the core.');
  assert.equal(translator('en')('reading', { name: 'a.csv', rows: 3, mb: '0.1', speed: '50' }),
    'Reading a.csv: 3 rows, 0.1 MB (50 MB/s)');
});

test('the strings that name a top or bottom box name the scale\'s own', () => {
  const fivePoints = withScaleBoxes(translator('it'), { min: 1, max: 5, top_box: [4, 5], bottom_box: [1, 2] });
  assert.equal(fivePoints('top2'), 'Quota 4-5');
  assert.equal(fivePoints('alertKinds.burst'), 'Picco di voti 1-2');
  const elevenPoints = withScaleBoxes(translator('en'), { min: 0, max: 10, top_box: [9, 10], bottom_box: [0, 1] });
  assert.equal(elevenPoints('top2'), 'Share 9-10');
  assert.equal(elevenPoints('keyLow'), 'Terms typical of ratings 0-1');
  const threePoints = withScaleBoxes(translator('it'), { min: 1, max: 3, top_box: [3, 3], bottom_box: [1, 1] });
  assert.equal(threePoints('bottom2'), 'Quota 1');
  assert.match(threePoints('sentimentModel', { n: 40, k: 8, f1: '0,8' }), /\(1 negativi, 3 positivi\)/);
  // The caller's own {low} and {high} (a rank interval) are not the boxes.
  assert.equal(threePoints('rankInChart', { low: 2, high: 4 }), 'rango 2°–4°');
});

test('warnings are shown in Italian by code, in English as the core wrote them', async () => {
  const { warningMessage } = await import('../../web/i18n.js');
  const warning = { code: 'too_many_fields', message: 'A row has 3 fields instead of 2; it is skipped.' };
  assert.match(warningMessage('it', warning), /più campi/);
  assert.equal(warningMessage('en', warning), warning.message);
  assert.equal(warningMessage('it', { code: 'new_code', message: 'Core text.' }), 'Core text.');
});

test('category bars: largest at the top, suppressed counts left out', async () => {
  const { categoryCountsOption } = await import('../../web/charts/category-counts.js');
  const column = { name: 'canale', top: [{ value: 'Web', count: 1200 }, { value: 'App', count: 300 }, { value: 'Fax', suppressed: true }] };
  const option = categoryCountsOption(column, { lang: 'it', t: translator('it') });
  // ECharts draws category axes bottom-up: reversed rows put the largest on top.
  assert.deepEqual(option.dataset.source.map((r) => r.value), ['App', 'Web']);
  assert.equal(option.series[0].label.formatter({ value: { count: 1200 } }), '1.200');
  assert.match(option.aria.label.description, /le 2 categorie/);
});

test('a line of a combined dataset is named by its file and its own line', () => {
  const parts = [{ name: 'gennaio.csv', first_line: 1 }, { name: 'febbraio.csv', first_line: 4 }];
  assert.equal(fileLine('it', parts, 6), 'febbraio.csv:3');
  assert.equal(fileLine('it', parts, 2), 'gennaio.csv:2');
  assert.equal(fileLine('it', undefined, 1234), '1.234');
  assert.equal(fileLine('en', [parts[0]], 1234), '1,234');
});
