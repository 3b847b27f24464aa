// The single-file page (public/build/ascolto.html) opened straight from
// disk: a CSV dropped on it is analysed with no server, under its own CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS } from './browser.mjs';

const page = fileURLToPath(new URL('../../public/build/ascolto.html', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/feedback_small.csv', import.meta.url));

test('ascolto.html works from file:// with everything inlined', async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  try {
    const tab = await browser.newPage();
    const errors = [];
    const requests = [];
    tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    tab.on('pageerror', (e) => errors.push(String(e)));
    tab.on('request', (r) => { if (!/^(file|blob|data):/.test(r.url())) requests.push(r.url()); });
    await tab.goto(`file://${page}`);
    await tab.setInputFiles('#file-input', fixture);
    await tab.waitForSelector('.feedback .tiles', { timeout: 20000 }).catch(async (error) => {
      throw new Error(`${error.message}; status: ${await tab.locator('#status').textContent()}; errors: ${errors.join(' | ')}`);
    });
    assert.match(await tab.locator('.tile', { hasText: 'Media' }).textContent(), /Media3,60/);
    // The typeface travels inside the file too (allowed by its CSP as data: fonts).
    assert.equal(await tab.evaluate(async () => {
      await document.fonts.ready;
      return document.fonts.check('600 16px "Titillium Web"');
    }), true);
    assert.equal(await tab.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').length > 0), true);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
  } finally {
    await browser.close();
  }
});
