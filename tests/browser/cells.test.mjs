// Cells on the page: the reduction panel of a sample gives the query, the
// query's cells (run here on DuckDB) open as the same dashboard, and the
// page names what aggregated data cannot carry instead of empty charts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { openPage } from './browser.mjs';

test('the page gives the reduction query; its cells open as the dashboard, the comments named as missing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ascolto-cells-page-'));
  const csv = fileURLToPath(new URL('../../public/demo/feedback-demo.csv', import.meta.url));
  const { page, consoleErrors, foreignRequests, close } = await openPage('/');
  try {
    await page.setInputFiles('#file-input', csv);
    await page.waitForSelector('.feedback .tiles', { timeout: 60000 });
    const microMean = await page.locator('.tile', { hasText: 'Media' }).first().textContent();
    await page.locator('details.reduction summary').click();
    await page.selectOption('details.reduction select', 'postgres');
    await page.fill('details.reduction input[type=text]', 'inps.feedback');
    await page.locator('details.reduction input[type=text]').dispatchEvent('change');
    await page.waitForFunction(() => document.querySelector('.sql-query')?.textContent.includes('FROM inps.feedback'));
    assert.match(await page.locator('.sql-query').textContent(), /CAST\("timestamp" AS DATE\) AS "timestamp"/);
    await page.selectOption('details.reduction select', 'duckdb');
    await page.fill('details.reduction input[type=text]', `read_csv('${csv}')`);
    await page.locator('details.reduction input[type=text]').dispatchEvent('change');
    await page.waitForFunction(() => document.querySelector('.sql-query')?.textContent.includes('read_csv'));
    const query = (await page.locator('.sql-query').textContent()).replace(/;\s*$/, '');

    const cells = join(dir, 'celle.parquet');
    const db = await DuckDBInstance.create(':memory:');
    await (await db.connect()).run(`COPY (${query}) TO '${cells}' (FORMAT parquet)`);
    await page.setInputFiles('#file-input', cells);
    await page.waitForSelector('.card.aggregated', { timeout: 60000 });
    assert.equal(await page.locator('section.dataset').count(), 1, 'the cells replace the sample');
    assert.equal(await page.locator('section.dataset h2').textContent(), 'celle.parquet');
    assert.equal(await page.locator('.tile', { hasText: 'Media' }).first().textContent(), microMean);
    const note = await page.locator('.card.aggregated').textContent();
    assert.match(note, /per 60\.000 record, formato ascolto-cells v1/);
    assert.match(note, /commenti non disponibili: dati aggregati/);
    assert.match(await page.locator('.feedback').textContent(), /Commenti non disponibili: dati aggregati\./);
    assert.equal(await page.locator('details.reduction').count(), 0, 'no reduction panel for cells');
    await page.locator('.card.aggregated').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(fileURLToPath(new URL('./screenshots/', import.meta.url)), 'cells.png'), fullPage: false });
    assert.deepEqual(foreignRequests, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the media review: the panel\'s query, its cells open as the review, the items named as missing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ascolto-media-cells-page-'));
  const csv = fileURLToPath(new URL('../../public/demo/rassegna-demo.csv', import.meta.url));
  const { page, consoleErrors, foreignRequests, close } = await openPage('/');
  try {
    await page.setInputFiles('#file-input', csv);
    await page.waitForSelector('details.reduction', { timeout: 60000 });
    await page.locator('details.reduction summary').click();
    assert.match(await page.locator('details.reduction').textContent(), /tipo di testata, testata e sentiment del fornitore/);
    await page.fill('details.reduction input[type=text]', 'rassegna');
    await page.locator('details.reduction input[type=text]').dispatchEvent('change');
    await page.waitForFunction(() => document.querySelector('.sql-query')?.textContent.includes('FROM rassegna'));
    const query = (await page.locator('.sql-query').textContent()).replace(/;\s*$/, '');
    assert.match(query, /media cells/);

    const cells = join(dir, 'rassegna-celle.csv');
    const db = await DuckDBInstance.create(':memory:');
    const duck = await db.connect();
    await duck.run(`CREATE TABLE rassegna AS SELECT * FROM read_csv('${csv}', delim = ';', dateformat = '%d/%m/%Y', quote = '"', header = true)`);
    await duck.run(`COPY (${query}) TO '${cells}' (FORMAT csv, HEADER)`);
    await page.setInputFiles('#file-input', cells);
    await page.waitForSelector('.card.aggregated', { timeout: 60000 });
    const note = await page.locator('.card.aggregated').textContent();
    assert.match(note, /per 15\.637 record/);
    assert.match(note, /i singoli articoli/);
    assert.match(note, /il sentiment che Ascolto ricava da titolo e testo/);
    assert.match(await page.locator('section.dataset').textContent(), /15\.637/);
    assert.equal(await page.locator('details.reduction').count(), 0, 'no reduction panel for cells');
    assert.deepEqual(foreignRequests, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
});
