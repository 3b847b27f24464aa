// Settings in the page: a column's role chosen in the report, kept across a
// reload, downloaded, carried by a link (settings only, never data), read
// back from a file; decal patterns switched on for every chart; PNG
// downloads drawn without loading any image.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage } from './browser.mjs';

const settingsJson = (page) => page.locator('#settings-json').inputValue().then(JSON.parse);
const statusSays = (page, pattern) => page.waitForFunction(
  (source) => new RegExp(source).test(document.querySelector('#settings-status').textContent), pattern.source);
// Charts are drawn as they come into view.
async function firstSurveyChart(page) {
  await page.waitForSelector('.survey', { timeout: 60000 });
  const chart = page.locator('.survey .chart').first();
  await chart.scrollIntoViewIfNeeded();
  await chart.locator('svg').waitFor();
  return chart;
}

test('a column role chosen in the report is applied, kept after a reload, downloadable and linkable', async () => {
  const { page, consoleErrors, foreignRequests, close } = await openPage('/');
  try {
    await page.click('#feedback-demo');
    await page.waitForSelector('.feedback .tiles', { timeout: 60000 });
    assert.equal(await page.locator('#filter-device').count(), 1);
    // The device column becomes "none": the dashboard loses its device filter.
    await page.getByLabel('Ruolo di dispositivo').selectOption('none');
    await page.waitForSelector('#filter-device', { state: 'detached', timeout: 60000 });
    assert.deepEqual(await settingsJson(page), { columns: { dispositivo: { role: 'none' } } });
    assert.equal(await page.getByLabel('Ruolo di dispositivo').inputValue(), 'none');

    // A reload keeps it: the next analysis uses it without asking.
    await page.reload();
    assert.deepEqual(await settingsJson(page), { columns: { dispositivo: { role: 'none' } } });
    await page.click('#settings summary');
    await page.selectOption('#setting-significance', '0.01');
    await page.fill('#setting-min-base', '12');
    await page.locator('#setting-min-base').dispatchEvent('change');
    const expected = { columns: { dispositivo: { role: 'none' } }, survey: { significance: 0.01 }, min_base: 12 };
    assert.deepEqual(await settingsJson(page), expected);
    await page.click('#settings-apply');
    await statusSays(page, /applicate e salvate/);

    // The file is the configuration object itself, as --config takes it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#settings-download')]);
    assert.equal(download.suggestedFilename(), 'ascolto-impostazioni.json');
    assert.deepEqual(JSON.parse(await readFile(await download.path(), 'utf8')), expected);

    // The link carries the settings in its fragment and nothing else.
    await page.click('#settings-link');
    const link = await page.locator('#settings-link-output').inputValue();
    const url = new URL(link);
    assert.match(url.hash, /^#config=/);
    const carried = JSON.parse(Buffer.from(url.hash.slice('#config='.length), 'base64url').toString('utf8'));
    assert.deepEqual(carried, expected);

    // Opened in a browser without the settings, the link brings them.
    await page.evaluate(() => localStorage.clear());
    await page.goto(link);
    assert.deepEqual(await settingsJson(page), expected);
    await statusSays(page, /ricevute con il link/);
    assert.equal(new URL(page.url()).hash, '', 'the fragment is dropped once taken');
    await page.click('#feedback-demo');
    await page.waitForSelector('.feedback .tiles', { timeout: 60000 });
    const report = await page.evaluate(() => performance.getEntriesByName('ascolto:analyze').length);
    assert.equal(report, 1);
    assert.equal(await page.getByLabel('Ruolo di dispositivo').inputValue(), 'none');
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests, []);
  } finally {
    await close();
  }
});

test('a settings file is loaded and applied; broken JSON and a damaged link are said, not fatal', async () => {
  const { page, consoleErrors, close } = await openPage('/#config=WzEsMl0');
  try {
    await statusSays(page, /danneggiate/);
    await page.setInputFiles('#settings-file', {
      name: 'impostazioni.json', mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ columns: { applicativo: { role: 'dimension' } } })),
    });
    await statusSays(page, /caricate dal file/);
    await page.click('#language'); // the message follows the language
    await statusSays(page, /loaded from the file/);
    await page.click('#language');
    assert.deepEqual(await settingsJson(page), { columns: { applicativo: { role: 'dimension' } } });
    await page.setInputFiles('#settings-file', { name: 'rotto.json', mimeType: 'application/json', buffer: Buffer.from('{"kind":') });
    await statusSays(page, /non sono JSON valido/);
    // An unknown key reaches the core, which names it; the page stays usable.
    await page.fill('#settings-json', '{"colonne": {}}');
    await page.click('#settings-apply');
    await page.click('#demo');
    await page.waitForSelector('#status.error', { timeout: 60000 });
    assert.match(await page.locator('#status').textContent(), /colonne/);
    await page.click('#settings-reset');
    await page.waitForSelector('.survey', { timeout: 60000 });
    assert.deepEqual(await settingsJson(page), {});
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('decal patterns switch on for the charts drawn and to draw, and stay on after a reload', async () => {
  const { page, consoleErrors, close } = await openPage('/');
  try {
    await page.click('#demo');
    const firstChart = await firstSurveyChart(page);
    assert.equal(await firstChart.locator('pattern').count(), 0);
    await page.click('#patterns');
    assert.equal(await page.locator('#patterns').getAttribute('aria-pressed'), 'true');
    await page.waitForFunction(() => document.querySelector('.survey .chart svg pattern'));
    await page.reload();
    assert.equal(await page.locator('#patterns').getAttribute('aria-pressed'), 'true');
    await page.click('#demo');
    assert.ok(await (await firstSurveyChart(page)).locator('pattern').count() > 0);
    // A PNG is drawn again by the canvas renderer: a real PNG, twice the size.
    const card = page.locator('.card.rating:has(.chart)').first();
    const [png] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: /^PNG:/ }).click()]);
    const bytes = await readFile(await png.path());
    assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const box = await card.locator('.chart').boundingBox();
    assert.equal(bytes.readUInt32BE(16), Math.round(box.width) * 2);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('a survey gives indices and sample margins to start from; edited margins rake the weights', async () => {
  const { page, consoleErrors, close } = await openPage('/');
  try {
    assert.equal(await page.locator('#settings-template').isVisible(), false);
    await page.click('#demo');
    await page.waitForSelector('.survey', { timeout: 60000 });
    await page.click('#settings summary');
    await page.click('#settings-template');
    const template = await settingsJson(page);
    assert.deepEqual(Object.keys(template.survey.raking.margins.genere).sort(), ['Donna', 'Uomo']);
    assert.equal(template.survey.raking.margins.genere.Donna, 0.5124);
    assert.ok(template.survey.indices.some((index) => /accessibilit/i.test(index.name)));
    // Population shares for gender only: the weights are raked to them.
    template.survey.raking.margins = { genere: { Donna: 0.6, Uomo: 0.4 } };
    await page.fill('#settings-json', JSON.stringify(template));
    await page.click('#settings-apply');
    await page.waitForFunction(() => /raking/.test(document.querySelector('.survey')?.textContent ?? ''), null, { timeout: 60000 });
    // The profile now shows the population's share, exactly (raking fixes it).
    assert.match(await page.locator('.survey').textContent(), /Donna60,0% \(60,0%–60,0%\)/);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
