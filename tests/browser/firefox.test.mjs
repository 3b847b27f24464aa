// The page in Firefox (Debian's firefox-esr through npm puppeteer-core and
// WebDriver BiDi): the demos, a workbook (DecompressionStream) and a Parquet
// file each open their dashboard with its Sintesi, with no console error
// and nothing fetched from another host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { DuckDBInstance } from '@duckdb/node-api';
import { startServer } from '../../scripts/serve.mjs';
import { toXlsx } from '../../web/xlsx-export.js';

const firefox = '/usr/bin/firefox-esr';
const skip = !existsSync(firefox) && !process.env.ASCOLTO_REQUIRE_SUITES ? 'firefox-esr is not installed' : false;

test('Firefox: demos, a workbook and a Parquet file give their dashboards', { skip, timeout: 240000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ascolto-firefox-'));
  const server = await startServer({ port: 0 });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: firefox, headless: true,
    extraPrefsFirefox: { 'browser.shell.checkDefaultBrowser': false },
    env: { ...process.env, HOME: dir, MOZ_CRASHREPORTER_DISABLE: '1' },
  });
  const errors = [];
  const foreign = [];
  try {
    const page = await browser.newPage();
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('request', (request) => { if (!request.url().startsWith(origin) && !/^(blob|data):/.test(request.url())) foreign.push(request.url()); });
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${origin}/`);

    // The survey demo: its Sintesi, with the seed's figures.
    await page.click('#demo');
    await page.waitForSelector('.survey', { timeout: 60000 });
    const sintesi = await page.$$eval('.card.sintesi .finding', (items) => items.map((li) => li.textContent));
    assert.ok(sintesi.some((s) => s.includes('passa da 3,74 del 2019 a 3,93 del 2022')), sintesi.join('\n'));

    // The feedback demo: the dashboard and its incident.
    await page.click('#feedback-demo');
    await page.waitForSelector('.feedback .tiles', { timeout: 60000 });
    assert.match(await page.$eval('.card.sintesi .finding', (li) => li.textContent), /^Allarme: .*NASpI/);

    // A workbook (inflated by Firefox's DecompressionStream) and a Parquet file (hyparquet).
    const xlsx = join(dir, 'voti.xlsx');
    const rows = [['applicativo', 'voto'], ...Array.from({ length: 40 }, (_, i) => [i % 2 ? 'NASpI' : 'ISEE', String(1 + (i % 5))])];
    writeFileSync(xlsx, toXlsx(rows, { lang: 'it', title: 'Voti' }));
    const parquet = join(dir, 'feedback.parquet');
    const csv = fileURLToPath(new URL('../../public/demo/feedback-demo.csv', import.meta.url));
    const db = await DuckDBInstance.create(':memory:');
    await (await db.connect()).run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`);
    const input = await page.$('#file-input');
    await input.uploadFile(xlsx, parquet);
    await page.waitForFunction(() => document.querySelectorAll('section.dataset').length === 2 && document.querySelector('.sintesi.combined'), { timeout: 60000 });
    const names = await page.$$eval('section.dataset > h2', (h) => h.map((x) => x.textContent));
    assert.deepEqual(names, ['voti.xlsx · Voti', 'feedback.parquet']);
    const facts = await page.$$eval('.overview', (o) => o.map((x) => x.textContent));
    assert.match(facts[1], /Parquet: colonne tipizzate/);
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
});
