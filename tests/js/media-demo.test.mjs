// The media demo reproduces the 2023 earned-media counts of domain.md and
// its planted crisis is the alert, through the WASM core the page uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mediaDemo } from '../../scripts/gen-media.mjs';
import { negativeShareOption, weeklyItemsOption } from '../../web/charts/media-charts.js';
import { analyze } from '../../web/api.js';
import { translator } from '../../web/i18n.js';

test('the media demo: counts by outlet type, the September crisis found', async () => {
  const report = await analyze({ name: 'rassegna-demo.csv', bytes: Buffer.from(mediaDemo()) });
  const m = report.datasets[0].media;
  assert.equal(report.datasets[0].kind.value, 'media');
  const counts = Object.fromEntries(m.outlet_types.map((o) => [o.value, o.items]));
  assert.deepEqual(counts, { web: 5854, 'radio/TV': 2003, 'stampa nazionale': 3289, 'stampa locale': 2870, agenzie: 1621 });
  assert.equal(m.alerts.length, 1);
  assert.equal(m.alerts[0].week, '2023-09-11');
  assert.ok(m.alerts[0].items.length > 0);
  const context = { lang: 'it', t: translator('it') };
  const weekly = weeklyItemsOption(m, context);
  assert.equal(weekly.series.length, 5);
  assert.equal(weekly.series.map((s) => s.data.reduce((a, b) => a + b, 0)).reduce((a, b) => a + b, 0), 15637);
  const negative = negativeShareOption(m, context);
  assert.deepEqual(negative.series[0].markPoint.data.map((p) => p.coord[0]), ['2023-09-11']);
});
