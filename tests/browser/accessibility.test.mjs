// axe-core on the page with each kind of report loaded, and on the embed:
// any WCAG 2.1 A/AA violation fails the test, with the rule and the nodes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { openPage } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

async function violations(page) {
  // axe runs in the page; it is injected through the test driver, not the page's CSP.
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const [button, ready] of [['#demo', '.survey'], ['#feedback-demo', '.feedback .tiles'], ['#volumes-demo', '.volumes'], ['#media-demo', '.media']]) {
  test(`no WCAG 2.1 AA violation on the page with ${button.slice(1)} loaded`, async () => {
    const { page, close } = await openPage('/');
    try {
      await page.click('#settings summary'); // the settings panel open, its fields checked too
      await page.click('#patterns'); // and the charts with decal patterns
      await page.click(button);
      await page.waitForSelector(ready, { timeout: 30000 });
      // Draw every chart, as a reader scrolling through would.
      const height = await page.evaluate(() => document.body.scrollHeight);
      for (let y = 0; y < height; y += 800) await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(500);
      assert.deepEqual(await violations(page), []);
    } finally {
      await close();
    }
  });
}

test('no WCAG 2.1 AA violation in the embed', async () => {
  const { page, close } = await openPage('/embed.html', { csp: "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'" });
  try {
    await page.waitForSelector('ascolto-report .feedback .tiles', { timeout: 30000 });
    await page.waitForTimeout(500);
    assert.deepEqual(await violations(page), []);
  } finally {
    await close();
  }
});
