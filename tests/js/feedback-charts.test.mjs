// Option builders of the feedback dashboard, checked without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { negativeCommentsOption, stackedDistributionOption, termBarsOption, trendOption, trendRows } from '../../web/charts/feedback-charts.js';
import { translator } from '../../web/i18n.js';

const context = { lang: 'it', t: translator('it') };

test('stacked distributions: shares per level, suppressed applications left out', () => {
  const apps = [
    { value: 'NASpI', count: 10, distribution: [1, 1, 2, 3, 3] },
    { value: 'Piccolo', count: null, distribution: [null, null, null, null, null] },
    { value: '<b>x</b>', count: 4, distribution: [0, 0, 0, 2, 2], suppressed: false },
  ];
  const option = stackedDistributionOption(apps, { min: 1, max: 5 }, context);
  assert.deepEqual(option.yAxis.data, ['<b>x</b>', 'NASpI']); // first application on top
  assert.equal(option.series.length, 5);
  assert.deepEqual(option.series[0].data, [0, 0.1]);
  assert.deepEqual(option.series[4].data, [0.5, 0.3]);
  const tip = option.tooltip.formatter([{ name: '<b>x</b>', seriesName: '5', value: 0.5 }]);
  assert.ok(tip.startsWith('&lt;b&gt;x&lt;/b&gt;<br>5: 50,0%'), tip);
});

test('the trend marks the periods with alerts and keeps suppressed means out', () => {
  const trend = {
    granularity: 'week',
    rolling: { periods: 4 },
    periods: [
      { start: '2023-10-09', count: 300, mean: { value: 3.9, ci95: [3.8, 4] }, rolling_mean: 3.9 },
      { start: '2023-10-16', count: 3, mean: { suppressed: true }, rolling_mean: 3.88 },
      { start: '2023-10-23', count: 280, mean: { value: 2.1, ci95: [2, 2.2] }, rolling_mean: 3.4 },
    ],
  };
  assert.deepEqual(trendRows(trend).map((r) => r.mean), [3.9, null, 2.1]);
  const alerts = [{ kind: 'drop', week: '2023-10-23', application: 'NASpI' }, { kind: 'burst', week: '2023-10-23', application: 'NASpI' }];
  const option = trendOption(trend, alerts, context);
  assert.deepEqual(option.xAxis.data, ['2023-10-09', '2023-10-16', '2023-10-23']);
  assert.deepEqual(option.series[0].data, [300, 3, 280]);
  assert.deepEqual(option.series[1].markPoint.data, [{ coord: ['2023-10-23', 2.1], value: '!' }]);
  assert.match(option.tooltip.formatter([{ name: '2023-10-23' }]), /2,10.*⚠ Calo del voto/s);
});

test('term bars list the most frequent term on top', () => {
  const option = termBarsOption([{ term: 'errore', count: 655 }, { term: 'lento', count: 524 }], { lang: 'it', title: 'x', description: 'd' });
  assert.deepEqual(option.yAxis.data, ['lento', 'errore']);
  assert.deepEqual(option.series[0].data, [524, 655]);
  assert.equal(option.series[0].label.formatter({ value: 1527 }), '1.527');
});

test('the weekly share of negative comments: suppressed weeks left out, shares as percentages', () => {
  const sentiment = { by_week: [
    { week: '2024-01-01', comments: 40, negative: 10, share: 0.25 },
    { week: '2024-01-08', comments: 4, suppressed: true },
    { week: '2024-01-15', comments: 50, negative: 30, share: 0.6 },
  ] };
  const option = negativeCommentsOption(sentiment, { lang: 'it', t: translator('it') });
  assert.deepEqual(option.xAxis.data, ['2024-01-01', '2024-01-15']);
  assert.deepEqual(option.series[0].data, [0.25, 0.6]);
  assert.equal(option.yAxis.axisLabel.formatter(0.5), '50%');
  assert.match(option.tooltip.formatter([{ name: '2024-01-15' }]), /60,0%.*30.*50/);
  assert.match(option.aria.label.description, /2 settimane/);
});
