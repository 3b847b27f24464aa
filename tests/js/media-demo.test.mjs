// The media demo reproduces the 2023 earned-media counts of domain.md and
// its planted crisis is the alert, through the WASM core the page uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mediaDemo } from '../../scripts/gen-media.mjs';
import { negativeShareOption, weeklyItemsOption } from '../../web/charts/media-charts.js';
import { analyze, open } from '../../web/api.js';
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
  // The vendor leaves agency wires unrated: their titles are scored by Ascolto,
  // those with sentiment words only (the others stay undetermined), and the report says so.
  assert.equal(m.sentiment_sources.vendor, 15637 - 1621);
  assert.equal(m.sentiment_sources.computed + m.sentiment_sources.undetermined, 1621);
  assert.ok(m.sentiment_sources.computed > 100, `${m.sentiment_sources.computed} wires scored`);
  assert.match(m.sentiment_note, /vendor's sentiment where given; Ascolto's Italian lexicon/);
});

test('the media demo: every item\'s sentiment on request, paged; the wires\' crisis titles read negative', async () => {
  const lines = mediaDemo().split('\r\n');
  const analysis = await open({ name: 'rassegna-demo.csv', bytes: Buffer.from(lines.join('\r\n')) });
  try {
    const items = [];
    for (let offset = 0; ; offset += 1000) {
      const page = (await analysis.query({ sentiment: { offset, limit: 1000 } })).views[0].sentiment;
      items.push(...page.items);
      if (offset + 1000 >= page.total) break;
    }
    assert.equal(items.length, 15637);
    const byLine = new Map(items.map((i) => [i.line, i]));
    let crisis = 0;
    lines.forEach((line, index) => {
      if (!line.includes(';agenzie;')) return;
      const item = byLine.get(index + 1);
      assert.notEqual(item.by, 'vendor', `line ${index + 1}`);
      if (/tilt|disservizio/.test(line)) {
        crisis += 1;
        assert.deepEqual([item.by, item.sentiment], ['ascolto', 'negative'], line);
        assert.ok(item.score < 0);
      }
    });
    assert.ok(crisis > 10, `${crisis} crisis wires`);
    assert.equal(items.filter((i) => i.by === 'vendor').length, 15637 - 1621);
  } finally {
    analysis.close();
  }
});
