// Printing to PDF: every chart drawn, at its final state, inside its card
// (no chart cut at the page's edge), the page's controls left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';

test('the survey report prints with every chart drawn inside its card and no controls', async () => {
  const { page, consoleErrors, close } = await openPage('/');
  try {
    await page.click('#demo');
    await page.waitForSelector('.survey', { timeout: 60000 });
    const boxes = await page.locator('.chart').count();
    assert.ok(await page.locator('.chart:has(svg)').count() < boxes, 'charts below the fold wait to be seen');
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    assert.equal(await page.locator('.chart:has(svg)').count(), boxes);
    const overflowing = await page.evaluate(() => [...document.querySelectorAll('.chart')].filter((chart) => {
      const svg = chart.querySelector('svg').getBoundingClientRect();
      const card = chart.closest('.card').getBoundingClientRect();
      return svg.right > card.right + 0.5 || svg.width < 300;
    }).length);
    assert.equal(overflowing, 0);
    for (const hidden of ['#drop-zone', '#settings', '.card-actions', '.site-footer']) {
      assert.equal(await page.locator(hidden).first().isVisible(), false, hidden);
    }
    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    // Back on screen, charts fit their boxes again.
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    const first = page.locator('.chart').first();
    const [boxWidth, svgWidth] = await first.evaluate((chart) => [chart.clientWidth, chart.querySelector('svg').getBoundingClientRect().width]);
    assert.ok(Math.abs(boxWidth - svgWidth) < 2, `${boxWidth} vs ${svgWidth}`);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
