// Workbooks in the page: an .xlsx dropped like a CSV file gives its sheet's
// report with the sheet's facts and the workbook's sheet list; a
// password-protected file gets its message in Italian while the other file
// is analysed; a data table downloads as .xlsx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';
import { toXlsx, zipStored } from '../../web/xlsx-export.js';

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

// A workbook of two table sheets, written by hand (the export writes one).
function twoSheets() {
  const sheet = (app) => `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>applicativo</t></is></c><c r="B1" t="inlineStr"><is><t>voto</t></is></c></row>${
    Array.from({ length: 20 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>${app}</t></is></c><c r="B${i + 2}"><v>${1 + (i % 5)}</v></c></row>`).join('')}</sheetData></worksheet>`;
  return Buffer.from(zipStored([
    { name: 'xl/workbook.xml', text: '<workbook xmlns:r="r"><sheets><sheet name="Gennaio" sheetId="1" r:id="rId1"/><sheet name="Febbraio" sheetId="2" r:id="rId2"/></sheets></workbook>' },
    { name: 'xl/_rels/workbook.xml.rels', text: '<Relationships><Relationship Id="rId1" Type="w" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="w" Target="worksheets/sheet2.xml"/></Relationships>' },
    { name: 'xl/worksheets/sheet1.xml', text: sheet('NASpI') },
    { name: 'xl/worksheets/sheet2.xml', text: sheet('ISEE') },
  ]));
}

test('the sheet picker reads only the sheets left checked', async () => {
  const { page, consoleErrors, close } = await openPage('/');
  try {
    await page.setInputFiles('#file-input', { name: 'mesi.xlsx', mimeType: 'application/octet-stream', buffer: twoSheets() });
    await page.waitForFunction(() => document.querySelectorAll('#report .dataset').length === 2);
    await page.locator('#report .workbook input[value="Gennaio"]').uncheck();
    await page.locator('#report .workbook button').click();
    await page.waitForFunction(() => document.querySelectorAll('#report .dataset').length === 1);
    assert.deepEqual(await page.locator('#report .dataset h2').allTextContents(), ['mesi.xlsx · Febbraio']);
    assert.match(await page.locator('#report .workbook').textContent(), /Gennaio — non scelto/);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
