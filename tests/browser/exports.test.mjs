// Italian exports as they really are, in the page: monthly files combined
// into one dataset with the checkbox, the lines skipped above and below,
// and a file whose every row is rejected shown with its first lines (as
// text: a cell that looks like markup stays text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';

const month = (m, rows, { title = '', footer = '' } = {}) => ({
  name: `contatti-2023-${m}.csv`,
  mimeType: 'text/csv',
  buffer: Buffer.from(`${title}mese;canale;contatti\n${rows.map(([c, v]) => `${m}/2023;${c};${v}`).join('\n')}\n${footer}`),
});

test('monthly exports combined by the checkbox: one dataset, rows per file, lines skipped, Italian thousands', async () => {
  const { page, consoleErrors, foreignRequests, close } = await openPage('/');
  try {
    const files = [
      month('01', [['web', '1.234.567'], ['sportello', '173.376']], { title: 'Estrazione contatti\nPeriodo: gennaio 2023\n\n' }),
      month('02', [['web', '1.100.000'], ['sportello', '160.100']], { footer: 'Totale;;1.260.100\nFonte: elaborazione interna\n' }),
      month('03', [['web', '1.300.000'], ['sportello', '180.200']]),
    ];
    await page.setInputFiles('#file-input', files);
    await page.waitForSelector('#report .dataset');
    assert.equal(await page.locator('#report .dataset').count(), 3);

    await page.check('#combine');
    await page.waitForFunction(() => document.querySelectorAll('#report .dataset').length === 1 &&
      document.querySelector('#report .dataset caption')?.textContent.includes('File letti'));
    const facts = await page.locator('#report .dataset .facts').first().textContent();
    assert.match(facts, /Righe sopra l’intestazione saltate.*2.*Estrazione contatti/);
    assert.match(facts, /Righe sotto i dati saltate.*2.*Totale/);
    const parts = await page.locator('#report .dataset table.data-table').first().textContent();
    for (const m of ['01', '02', '03']) assert.match(parts, new RegExp(`contatti-2023-${m}\\.csv`));
    // The counter's '173.376' read with the file's '.' thousands: the sum is exact.
    const columns = await page.locator('table.columns').textContent();
    assert.match(columns, /contatti.*4\.148\.243/s);
    assert.match(columns, /source_file/);
    const shots = process.env.ASCOLTO_SCREENSHOT_DIR; // to look at the page by hand
    if (shots) await page.screenshot({ path: `${shots}/combined.png`, fullPage: true });
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests, []);
  } finally {
    await close();
  }
});

test('a file whose every row is rejected shows the reasons and its first lines as text', async () => {
  const { page, close } = await openPage('/');
  try {
    await page.setInputFiles('#file-input', {
      name: 'rotto.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('x|y\n<img src=x onerror=alert(1)>\nfoo\n'),
    });
    await page.waitForSelector('.card.error');
    const card = await page.locator('.card.error').textContent();
    assert.match(card, /Nessuna riga del file è utilizzabile/);
    assert.match(card, /Righe scartate\s*2/);
    assert.equal(await page.locator('.card.error pre.first-lines').textContent(), 'x|y\n<img src=x onerror=alert(1)>\nfoo');
    assert.equal(await page.locator('.card.error img').count(), 0);
    assert.match(await page.locator('.warnings').textContent(), /too_few_fields/);
  } finally {
    await close();
  }
});
