// A Parquet file dropped on the page: read in the worker by hyparquet,
// typed, shown with its format; nothing fetched from another host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { openPage } from './browser.mjs';

test('a Parquet export opens as the feedback dashboard, its format named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ascolto-parquet-page-'));
  const csv = fileURLToPath(new URL('../../public/demo/feedback-demo.csv', import.meta.url));
  const file = join(dir, 'feedback.parquet');
  const db = await DuckDBInstance.create(':memory:');
  await (await db.connect()).run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${file}' (FORMAT parquet)`);
  const { page, consoleErrors, foreignRequests, close } = await openPage('/');
  try {
    await page.setInputFiles('#file-input', file);
    await page.waitForSelector('.feedback .tiles', { timeout: 60000 });
    assert.match(await page.locator('.tile', { hasText: 'Media' }).first().textContent(), /3,78/);
    const facts = await page.locator('.overview').first().textContent();
    assert.match(facts, /FormatoParquet: colonne tipizzate/);
    assert.doesNotMatch(facts, /Separatore/);
    assert.match(await page.locator('.card.sintesi .finding').first().textContent(), /^Allarme: nella settimana del 23\/10\/2023/);
    assert.deepEqual(foreignRequests, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
});
