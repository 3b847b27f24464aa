// Option builders of the volumes report, checked without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarDays, calendarOption, mixOption, ratioOption, yearlyOption } from '../../web/charts/volume-charts.js';
import { formatLarge } from '../../web/format.js';
import { translator } from '../../web/i18n.js';

const context = { lang: 'it', t: translator('it') };

test('large numbers read as mld and mln, in Italian and English', () => {
  assert.equal(formatLarge('it', 5527739211), '5,5 mld');
  assert.equal(formatLarge('it', 23969426), '24,0 mln');
  assert.equal(formatLarge('it', 926417), '926.417');
  assert.equal(formatLarge('en', 2814457), '2.8 m');
});

test('a partial year is completed by its projection, drawn apart', () => {
  const series = {
    name: 'contact center',
    years: [
      { year: 2022, total: 100, complete: true },
      { year: 2023, total: 80, complete: false, projection: { range: [96, 104] } },
    ],
  };
  const option = yearlyOption(series, context);
  assert.deepEqual(option.series[0].data, [100, 80]);
  assert.deepEqual(option.series[1].data, [null, 20]); // up to the middle of the range
  assert.equal(option.series[1].itemStyle.borderType, 'dashed');
  assert.match(option.tooltip.formatter([{ name: '2023' }]), /anno parziale.*Proiezione: 96–104/s);
});

test('the mix stacks each series share per year and marks the partial year', () => {
  const mix = { name: '', series: ['portale', 'comuni'], years: [{ year: 2022, partial: false, shares: [0.55, 0.45] }, { year: 2023, partial: true, shares: [0.6, 0.4] }] };
  const option = mixOption(mix, context);
  assert.deepEqual(option.xAxis.data, ['2022', '2023*']);
  assert.deepEqual(option.series[1].data, [0.45, 0.4]);
});

test('a daily series as a calendar: the last two years, one calendar each', () => {
  const daily = { name: 'calls', first: '2015-12-30', values: [10, null, 30, 40] };
  assert.deepEqual(calendarDays(daily), [['2015-12-30', 10], ['2016-01-01', 30], ['2016-01-02', 40]]);
  const option = calendarOption(daily, context);
  assert.deepEqual(option.calendar.map((c) => c.range), ['2015', '2016']);
  assert.deepEqual(option.series[1].data, [['2016-01-01', 30], ['2016-01-02', 40]]);
  assert.equal(option.calendar[0].monthLabel.nameMap[0], 'gen');
  assert.equal(option.visualMap.max, 40);
});

test('a ratio across platforms: one bar per year, shares as percentages', () => {
  const ratios = [
    { name: 'engagement', scope: 'Facebook', years: [{ year: 2022, value: 0.049 }, { year: 2023, value: 0.046, partial: true }] },
    { name: 'engagement', scope: 'X', years: [{ year: 2022, value: 0.02 }, { year: 2023, value: 0.019, partial: true }] },
  ];
  const option = ratioOption(ratios, context);
  assert.deepEqual(option.xAxis.data, ['Facebook', 'X']);
  assert.deepEqual(option.series.map((s) => s.name), ['2022', '2023*']);
  assert.deepEqual(option.series[1].data, [0.046, 0.019]);
  assert.equal(option.yAxis.axisLabel.formatter(0.05), '5,0%');
});
