// Files of a gigabyte read in the page: streamed with progress into a
// dashboard without the tab dying, or, when their table cannot fit in the
// browser's memory, a clear message and a page still usable. Each file is
// built inside the page from one 1 MiB block of rows repeated (a Blob of
// Blobs holds one copy), so the tests write nothing to disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropRepeatedFile, expectNextFileRead, openPage } from './browser.mjs';

test('a 1 GiB feedback export is read into a dashboard, with progress, the tab alive', { timeout: 300000 },
  async (t) => {
    const { page, consoleErrors, foreignRequests, close } = await openPage('/');
    try {
      const started = Date.now();
      const file = await dropRepeatedFile(page, 'feedback', 1024);
      assert.ok(file.size > 2 ** 30, `the file is over 1 GiB (${file.size} bytes)`);
      await page.waitForFunction(() => /MB\/s/.test(document.querySelector('#progress-text').textContent));
      assert.match(await page.locator('#progress-text').textContent(), /grande\.csv: [\d.]+ righe/);
      await page.waitForSelector('.dataset', { timeout: 240000 });
      t.diagnostic(`${(file.size / 2 ** 20).toFixed(0)} MiB, ${file.rows} rows: dashboard after ${(Date.now() - started) / 1000} s`);

      const summary = await page.locator('.dataset').first().textContent();
      const count = (label) => Number(new RegExp(`${label}([\\d.]+)`).exec(summary)?.[1].replaceAll('.', ''));
      assert.equal(count('Righe lette'), file.rows);
      assert.equal(count('Righe analizzate'), file.rows);
      assert.equal(count('Righe scartate'), 0);
      assert.equal(await page.locator('#status').isVisible(), false);
      // The tab is alive: a filter is answered from the tables in memory.
      await page.selectOption('#filter-application', 'NASpI');
      await page.waitForFunction(() => /Ricalcolato in memoria in \d+ ms/.test(document.querySelector('.feedback .note[aria-live]').textContent));
      const total = new Intl.NumberFormat('it-IT').format(file.rows);
      assert.match(await page.locator('.tiles').textContent(), new RegExp(`tutti gli applicativi: ${total.replaceAll('.', '\\.')}`));
      assert.deepEqual(consoleErrors, []);
      assert.deepEqual(foreignRequests, []);
    } finally {
      await close();
    }
  });

test('a file whose table cannot fit in the browser says so; the next file is read', { timeout: 300000 },
  async (t) => {
    const { page, consoleErrors, foreignRequests, close } = await openPage('/');
    try {
      const started = Date.now();
      // 700 MiB of empty cells is a table of about 5.6 GB: over WebAssembly's 4 GB.
      await dropRepeatedFile(page, 'sparse', 700);
      await page.waitForSelector('.dataset', { timeout: 240000 });
      t.diagnostic(`out of memory said after ${(Date.now() - started) / 1000} s`);
      const card = await page.locator('.dataset').first().textContent();
      assert.match(card, /Il file grande\.csv non può essere analizzato/);
      assert.match(card, /Il file è troppo grande per la memoria disponibile nel browser\./);
      assert.equal(await page.locator('#progress').isHidden(), true);
      await expectNextFileRead(page);
      assert.deepEqual(consoleErrors, []);
      assert.deepEqual(foreignRequests, []);
    } finally {
      await close();
    }
  });
