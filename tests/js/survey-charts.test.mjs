// Option builders of the survey report: pure functions from report JSON to
// ECharts options, checked without a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateBarsOption, estimateRows, escapeText } from '../../web/charts/estimate-bars.js';
import { itemsRange, journeyHeatmapOption, heatmapCells } from '../../web/charts/journey-heatmap.js';
import { importanceOption } from '../../web/charts/importance.js';
import { translator } from '../../web/i18n.js';

const context = { lang: 'it', t: translator('it') };
const estimate = (value, low, high, n = 100) => ({ value, ci95: [low, high], n, se: 0.01 });

test('estimate bars leave suppressed estimates out and draw each interval as a whisker', () => {
  const rows = estimateRows([['2019', estimate(3.74, 3.72, 3.76)], ['2020', { suppressed: true }], ['2022', estimate(3.93, 3.91, 3.95)]]);
  assert.deepEqual(rows.map((r) => r.label), ['2019', '2022']);
  const option = estimateBarsOption(rows, { ...context, title: 'x', description: 'd', scale: [1, 5] });
  assert.deepEqual(option.xAxis.data, ['2019', '2022']);
  assert.deepEqual(option.series[0].data, [3.74, 3.93]);
  assert.deepEqual(option.series[1].data, [[0, 3.72, 3.76], [1, 3.91, 3.95]]);
  assert.equal(option.series[1].type, 'custom');
  assert.equal(option.yAxis.min, 1);
  assert.equal(option.series[0].label.formatter({ value: 3.93 }), '3,93');
});

test('horizontal bars list the first row at the top, and tooltips escape file text', () => {
  const rows = estimateRows([['<b>web</b>', estimate(0.7695, 0.76, 0.78, 30131)], ['app', estimate(0.2, 0.19, 0.21)]]);
  const option = estimateBarsOption(rows, { ...context, title: 'x', description: 'd', percent: true, horizontal: true });
  assert.deepEqual(option.yAxis.data, ['app', '<b>web</b>']); // the y axis runs upwards
  assert.deepEqual(option.series[1].data[1], [1, 0.76, 0.78]);
  const tip = option.tooltip.formatter([{ name: '<b>web</b>' }]);
  assert.ok(tip.startsWith('&lt;b&gt;web&lt;/b&gt;: 77,0% (76,0%–78,0%), n = 30.131'), tip);
  assert.equal(escapeText(`"a" & 'b'`), '&quot;a&quot; &amp; &#39;b&#39;');
});

test('the journey heat map places each phase x channel mean and leaves suppressed cells empty', () => {
  const journey = {
    phases: ['Informazione', 'Pratica'],
    channels: ['Web', 'Sede'],
    cells: [
      { phase: 'Informazione', channel: 'Web', mean: estimate(3.99, 3.97, 4.01) },
      { phase: 'Pratica', channel: 'Sede', mean: estimate(3.87, 3.8, 3.94) },
      { phase: 'Pratica', channel: 'Web', mean: { suppressed: true } },
    ],
  };
  assert.equal(heatmapCells(journey).length, 2);
  const option = journeyHeatmapOption(journey, context);
  assert.deepEqual(option.yAxis.data, ['Pratica', 'Informazione']);
  assert.deepEqual(option.series[0].data, [[0, 1, 3.99], [1, 0, 3.87]]);
  assert.equal(option.visualMap.min, 3.8);
  assert.equal(option.visualMap.max, 4);
  assert.match(option.tooltip.formatter({ value: [0, 1, 3.99] }), /^Informazione · Web: 3,99/);
});

test('means over journey items are drawn on their scales\' widest range, not on 1-5', () => {
  const item = (min, max) => ({ column: `i${min}${max}`, scale: { min, max } });
  assert.deepEqual(itemsRange([item(1, 5), item(1, 5)]), [1, 5]);
  assert.deepEqual(itemsRange([item(1, 10), item(1, 10)]), [1, 10]);
  assert.deepEqual(itemsRange([item(1, 5), item(0, 10)]), [0, 10]);
  assert.equal(itemsRange([]), null);
  // A 1-10 mean of 7.5 fits its axis: on a 1-5 axis its bar ran off the chart.
  const rows = estimateRows([['Fase', estimate(7.5, 7.2, 7.8)]]);
  const option = estimateBarsOption(rows, { ...context, title: 'x', description: 'd', scale: itemsRange([item(1, 10)]) });
  assert.deepEqual([option.yAxis.min, option.yAxis.max], [1, 10]);
  assert.deepEqual(option.series[0].data, [7.5]);
});

test('the importance-performance chart splits at the cuts and names the four quadrants', () => {
  const drivers = {
    importance_cut: 0.5,
    performance_cut: 3.8,
    items: [
      { column: 'pratica_web', importance: 0.6, performance: estimate(3.7, 3.6, 3.8), quadrant: 'priority' },
      { column: 'esito_web', importance: 0.62, performance: estimate(3.9, 3.8, 4), quadrant: 'strength' },
      { column: 'info_sede', importance: 0.3, performance: { suppressed: true }, quadrant: 'secondary' },
    ],
  };
  const option = importanceOption(drivers, context);
  assert.deepEqual(option.series[0].data, [[0.6, 3.7], [0.62, 3.9]]);
  assert.deepEqual(option.series[0].markLine.data, [{ xAxis: 0.5 }, { yAxis: 3.8 }]);
  const names = option.series[0].markArea.data.map(([from]) => from.name);
  assert.deepEqual(names, ['Priorità di intervento', 'Punti di forza', 'Bassa priorità', 'Possibile eccesso']);
  const [priorityFrom, priorityTo] = option.series[0].markArea.data[0];
  assert.equal(priorityFrom.xAxis, 0.5);
  assert.equal(priorityTo.yAxis, 3.8);
  assert.ok(option.xAxis.min <= 0.5 && option.xAxis.max >= 0.62);
  assert.equal(option.yAxis.axisLine.onZero, false);
});

test('column names read as labels; names that are already text stay as they are', async () => {
  const { columnLabel } = await import('../../web/format.js');
  assert.equal(columnLabel('canale_principale'), 'Canale principale');
  assert.equal(columnLabel('Seat comfort'), 'Seat comfort');
  assert.equal(columnLabel('Departure/Arrival time convenient'), 'Departure/Arrival time convenient');
  assert.equal(columnLabel('anno'), 'anno');
});
