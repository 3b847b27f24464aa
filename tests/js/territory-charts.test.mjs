import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { funnelOption, regionMapOption, regionsSvg, spreadOption, territoryRows, SVG_REGION_CODES } from '../../web/charts/territory-charts.js';
import { translator } from '../../web/i18n.js';

const t = translator('it');
const opts = { lang: 'it', t, title: 'Soddisfazione', description: 'Mappa' };

// A metric as the core writes it: Campania below, Valle d'Aosta suppressed, one unknown name.
const metric = {
  id: 'soddisfazione', label: 'soddisfazione', type: 'mean', scale: [1, 5],
  national: { value: 3.9, ci95: [3.88, 3.92], n: 3000 },
  units: [
    { key: '03', name: 'Lombardia', estimate: { value: 4.0, ci95: [3.95, 4.05], n: 900 }, size: 900, z: 3.2, z_adjusted: 1.2, band: 'within' },
    { key: '15', name: 'Campania', estimate: { value: 3.5, ci95: [3.42, 3.58], n: 500 }, size: 500, z: -9.4, z_adjusted: -3.5, band: 'low_998' },
    { key: '02', name: "Valle d'Aosta", estimate: { suppressed: true, reason: 'base' } },
    { key: '?Atlantide<b>', name: 'Atlantide<b>', estimate: { value: 3.8, ci95: [3.6, 4.0], n: 40 }, size: 40, z: -0.6, z_adjusted: -0.4, band: 'within' },
  ],
  funnel: {
    target: 3.9, size: 'n',
    limits: [{ n: 30, low_95: 3.5, high_95: 4.3, low_998: 3.3, high_998: 4.5 }, { n: 1200, low_95: 3.85, high_95: 3.95, low_998: 3.8, high_998: 4.0 }],
  },
};

test('the SVG map names every region by its ISTAT code, from the bundled package', () => {
  // The package is an ES module without "type": "module": read its data as JSON.
  const source = readFileSync(fileURLToPath(new URL('../../node_modules/@svg-maps/italy/index.js', import.meta.url)), 'utf8');
  const italy = JSON.parse(source.replace(/^export default /, '').replace(/;\s*$/, ''));
  const svg = regionsSvg(italy);
  const names = [...svg.matchAll(/<path name="(\d\d)"/g)].map((m) => m[1]).sort();
  assert.deepEqual(names, Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0')));
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 610 793">/);
  assert.equal(Object.keys(SVG_REGION_CODES).length, 20);
});

test('the map colours regions around the national value; suppressed ones are hatched, not zero', () => {
  const option = regionMapOption(metric, opts);
  const byCode = new Map(option.series[0].data.map((d) => [d.name, d]));
  assert.equal(byCode.size, 20);
  assert.equal(byCode.get('15').value, 3.5);
  assert.equal(byCode.get('02').value, '-');
  assert.ok(byCode.get('02').itemStyle.decal, 'suppressed: hatched');
  assert.equal(byCode.get('01').value, '-');
  assert.equal(byCode.get('01').itemStyle.decal, undefined, 'no data: blank, not hatched');
  // Symmetric around 3.9: the farthest region (Campania, 0.4 below) sets the range.
  assert.ok(Math.abs(option.visualMap.min - 3.5) < 1e-12 && Math.abs(option.visualMap.max - 4.3) < 1e-12);
  const tooltip = option.tooltip.formatter;
  assert.equal(tooltip({ name: '02' }), "Valle d&#39;Aosta: non mostrato");
  assert.equal(tooltip({ name: '15' }), 'Campania: 3,50 (3,42–3,58), n = 500');
  assert.equal(tooltip({ name: '01' }), '01: nessun dato');
  assert.equal(option.aria.enabled, true);
});

test('the funnel plots units at their size with the limits, names those outside and escapes names', () => {
  const option = funnelOption(metric, opts);
  const scatter = option.series.find((s) => s.type === 'scatter');
  assert.deepEqual(scatter.data.map((d) => d.value), [[900, 4.0], [500, 3.5], [40, 3.8]]);
  assert.equal(scatter.data[1].label.show, true);
  assert.equal(scatter.data[0].label.show, false);
  assert.equal(option.xAxis.type, 'log');
  const lower95 = option.series.find((s) => s.type === 'line');
  assert.deepEqual(lower95.data, [[30, 3.5], [1200, 3.85]]);
  const text = option.tooltip.formatter({ seriesType: 'scatter', dataIndex: 2 });
  assert.match(text, /^Atlantide&lt;b&gt;: 3,80/);
  assert.match(text, /entro i limiti/);
});

test('territory rows keep suppressed units, marked, for the data table', () => {
  const rows = territoryRows(metric);
  assert.equal(rows.length, 4);
  assert.equal(rows[2].suppressed, true);
  assert.equal(rows[2].value, null);
  assert.equal(rows[1].band, 'low_998');
});

test('the spread over time draws the periods with a measured spread only', () => {
  const spread = { by: 'wave', periods: [
    { period: '2019', units: 20, sd: 0.12, sd_beyond_noise: 0.1, range80: 0.3 },
    { period: '2020', units: 2 },
    { period: '2022', units: 20, sd: 0.07, sd_beyond_noise: 0.05, range80: 0.18 },
  ] };
  const option = spreadOption(spread, opts);
  assert.deepEqual(option.xAxis.data, ['2019', '2022']);
  assert.deepEqual(option.series.map((s) => s.data), [[0.12, 0.07], [0.1, 0.05], [0.3, 0.18]]);
});
