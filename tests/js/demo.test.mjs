import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSurvey } from '../../scripts/gen-demo.mjs';
import { analyze } from '../../web/api.js';

test('the demo survey is deterministic and analysed as a weighted survey', async () => {
  const text = demoSurvey(2000, 7);
  assert.equal(text, demoSurvey(2000, 7));
  const report = await analyze({ name: 'demo.csv', bytes: Buffer.from(text) });
  const d = report.datasets[0];
  assert.equal(d.kind.value, 'survey');
  assert.equal(d.weight, 'peso');
  assert.equal(d.rows.read, 2000);
  const overall = d.ratings.find((r) => r.column === 'soddisfazione_globale');
  assert.equal(overall.weighted, true);
  assert.ok(Math.abs(overall.mean.value - 3.92) < 0.1, `mean ${overall.mean.value}`);
  const skipped = d.columns.find((c) => c.name === 'esito_pratica');
  assert.ok(skipped.missing > 100, 'n.d. is read as missing');
});
