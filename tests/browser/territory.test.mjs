// The territorial view in the page: the map of Italy drawn from the bundled
// geometry (no request to another host), its data table beside it, the
// funnel plot naming the units outside the limits, and the level switch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';

test('the survey demo shows the regions on a map with its table and a funnel plot', async () => {
  const { page, consoleErrors, foreignRequests, close } = await openPage('/');
  try {
    await page.click('#demo');
    const section = page.locator('section.territory');
    await section.waitFor({ timeout: 60000 });
    const mapCard = section.locator('article').first();
    await mapCard.scrollIntoViewIfNeeded();
    // One path per region, drawn by ECharts from the SVG geometry.
    await page.waitForFunction(() => document.querySelectorAll('section.territory article:first-of-type .chart svg path').length >= 20);
    // The data table beside the map: every region, Campania among them.
    await mapCard.getByRole('button', { name: 'Mostra tabella dati' }).click();
    const rows = mapCard.locator('table.data-table tbody tr');
    assert.equal(await rows.count(), 20);
    assert.match(await mapCard.locator('table.data-table').innerText(), /Campania/);
    // The funnel plot says what it flags.
    const funnel = section.locator('article').nth(1);
    assert.match(await funnel.innerText(), /Sotto i limiti: Campania/);
    assert.match(await funnel.innerText(), /Spiegelhalter/);
    assert.match(await section.innerText(), /Mappa: @svg-maps\/italy/);
    // Another measure redraws the cards.
    await section.locator('select').nth(1).selectOption({ index: 2 });
    await page.waitForFunction(() => /Indice di accessibilit/.test(document.querySelector('section.territory article h4')?.textContent ?? ''));
    assert.deepEqual(foreignRequests, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('the feedback demo compares provincial offices and their regions', async () => {
  const { page, consoleErrors, close } = await openPage('/');
  try {
    await page.click('#feedback-demo');
    const section = page.locator('section.territory');
    await section.waitFor({ timeout: 60000 });
    assert.match(await section.innerText(), /Regioni ricavate da «sede»/);
    await section.locator('select').first().selectOption({ label: 'Sedi' });
    await page.waitForFunction(() => /per sede/.test(document.querySelector('section.territory article h4')?.textContent ?? ''));
    assert.match(await section.innerText(), /Direzione provinciale di Napoli/);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
