// <ascolto-report> in a host page served with the portal's strict
// Content-Security-Policy and no cross-origin-isolation headers: it renders
// the owner's dashboard, keeps styles in and out, and says clearly when a
// dataset cannot be fetched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage } from './browser.mjs';

const PORTAL_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'";

test('the embed renders under the portal CSP with no console error, styles scoped', async () => {
  const { page, consoleErrors, foreignRequests, close } = await openPage('/embed.html', { csp: PORTAL_CSP, isolated: false });
  try {
    // Playwright's locators pierce the open shadow root.
    await page.waitForSelector('ascolto-report .feedback .tiles', { timeout: 30000 });
    assert.match(await page.locator('ascolto-report .tiles').textContent(), /tutti gli applicativi: 60\.000/);
    assert.equal(await page.locator('ascolto-report #filter-application').inputValue(), 'NASpI');
    assert.match(await page.locator('ascolto-report .alerts li').first().textContent(), /NASpI/);
    // The file facts and column table stay out of the embed unless view="full".
    assert.equal(await page.locator('ascolto-report .overview').isVisible(), false);
    // Styles: the element's own font inside, the host's outside.
    const inside = await page.locator('ascolto-report .card').first().evaluate((e) => getComputedStyle(e).fontFamily);
    const outside = await page.locator('h1').evaluate((e) => getComputedStyle(e).fontFamily);
    assert.match(inside, /Titillium|system-ui/);
    assert.match(outside, /Georgia/);
    // A PNG download works under default-src 'self' (no data: or blob: image is loaded).
    const card = page.locator('ascolto-report').first().locator('.card.rating:has(.chart svg)').first();
    const [png] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: /^PNG:/ }).click()]);
    assert.deepEqual([...(await readFile(await png.path())).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    // patterns="on" puts decal patterns on the element's charts.
    await page.locator('ascolto-report').first().evaluate((e) => e.setAttribute('patterns', 'on'));
    await page.waitForFunction(() => document.querySelector('ascolto-report').shadowRoot.querySelector('.chart svg pattern'),
      null, { timeout: 30000 });
    // A second report on the page leaves the first one's charts drawn.
    const charts = () => page.locator('ascolto-report').first().locator('.chart:has(svg)').count();
    const before = await charts();
    assert.ok(before > 0);
    await page.evaluate(() => {
      const second = document.createElement('ascolto-report');
      second.id = 'second';
      second.setAttribute('src', 'demo/volumi-demo.csv');
      document.querySelector('main').append(second);
    });
    await page.waitForSelector('#second .volumes', { timeout: 30000 });
    assert.equal(await charts(), before);
    // A third element on a missing dataset says so, in the page's language.
    await page.evaluate(() => {
      const bad = document.createElement('ascolto-report');
      bad.id = 'bad';
      bad.setAttribute('src', 'demo/non-esiste.csv');
      document.querySelector('main').append(bad);
    });
    await page.waitForFunction(() => /rifiutato/.test(document.querySelector('#bad').shadowRoot.querySelector('.embed-status').textContent));
    assert.deepEqual(consoleErrors.filter((e) => !/404/.test(e)), []);
    assert.deepEqual(foreignRequests, []);
  } finally {
    await close();
  }
});
