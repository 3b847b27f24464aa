// Workbooks in the page: an .xlsx dropped like a CSV file gives its sheet's
// report with the sheet's facts and the workbook's sheet list; a
// password-protected file gets its message in Italian while the other file
// is analysed; a data table downloads as .xlsx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';
import { toXlsx } from '../../web/xlsx-export.js';

const rows = [['applicativo', 'voto', 'giorno']];
for (let i = 0; i < 60; i++) rows.push([['NASpI', 'ISEE', 'Cassetto'][i % 3], String(1 + (i % 5)), `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`]);

// An OLE2 file with an EncryptedPackage stream: what Office writes for a password.
function encryptedWorkbook() {
  const bytes = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes);
  bytes[30] = 9;
  bytes[48] = 1;
  Buffer.from('EncryptedPackage', 'utf16le').copy(bytes, 1024 + 128);
  return bytes;
}

test('an .xlsx reads like a CSV file; a protected workbook says what to do', async () => {
  const { page, consoleErrors, foreignRequests, close } = await openPage('/');
  try {
    await page.setInputFiles('#file-input', [
      { name: 'feedback.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(toXlsx(rows, { title: 'Risposte' })) },
      { name: 'protetto.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: encryptedWorkbook() },
    ]);
    await page.waitForSelector('#report .card.error');
    const titles = await page.locator('#report .dataset h2').allTextContents();
    assert.deepEqual(titles, ['feedback.xlsx · Risposte', 'protetto.xlsx']);
    const facts = await page.locator('#report .dataset .facts').first().textContent();
    assert.match(facts, /Foglio«Risposte» \(xlsx\), la tabella inizia dalla colonna A/);
    assert.match(facts, /Righe analizzate60/);
    assert.match(await page.locator('.card.error').textContent(), /protetta da password/);
    const sheets = await page.locator('#report .workbook').first().textContent();
    assert.match(sheets, /Risposte — letto/);

    const download = page.waitForEvent('download');
    await page.locator('#report button.export', { hasText: 'XLSX' }).first().click();
    const file = await download;
    assert.match(file.suggestedFilename(), /\.xlsx$/);
    const shots = process.env.ASCOLTO_SCREENSHOT_DIR;
    if (shots) await page.screenshot({ path: `${shots}/workbook.png`, fullPage: true });
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests, []);
  } finally {
    await close();
  }
});
