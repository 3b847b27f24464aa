// An Excel-maximum sheet (1,048,576 rows x 10 columns) dropped on the page:
// read with progress, cancellable, then read whole into a dashboard. The
// workbook is written here as Excel writes one (shared strings, date
// serials, deflated), streamed to a temporary file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { openPage } from './browser.mjs';
import { crc32 } from '../../web/xlsx-export.js';

const ROWS = 1048576; // the header and 1,048,575 rows: Excel's last row is filled
const APPS = ['NASpI', 'Pensione', 'Assegno unico', 'Estratto conto', 'ISEE'];
const DEVICES = ['desktop', 'mobile', 'tablet'];

async function writeExcelMax(path) {
  const out = createWriteStream(path);
  const parts = [];
  let offset = 0;
  const write = async (bytes) => {
    if (!out.write(bytes)) await once(out, 'drain');
    offset += bytes.length;
  };
  const entry = async (name, raw) => {
    const data = deflateRawSync(raw);
    const crc = crc32(raw);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    parts.push({ nameBytes, crc, compressed: data.length, size: raw.length, offset });
    await write(local); await write(nameBytes); await write(data);
  };
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  await entry('xl/workbook.xml', Buffer.from(`<workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Massimo" sheetId="1" r:id="rId1"/></sheets></workbook>`));
  await entry('xl/_rels/workbook.xml.rels', Buffer.from('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'));
  await entry('xl/styles.xml', Buffer.from(`<styleSheet ${ns}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs></styleSheet>`));
  await entry('xl/sharedStrings.xml', Buffer.from(`<sst ${ns}>${[...APPS, ...DEVICES].map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`));
  // The sheet, in pieces of 65,536 rows, into one deflate stream.
  const header = ['timestamp', 'applicativo', 'dispositivo', 'voto', 'durata', 'pagine', 'tentativi', 'attesa', 'importo', 'codice'];
  const pieces = [Buffer.from(`<worksheet ${ns}><sheetData><row r="1">${header.map((h, c) => `<c r="${String.fromCharCode(65 + c)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`)];
  for (let start = 2; start <= ROWS; start += 65536) {
    const rows = [];
    for (let r = start; r < Math.min(start + 65536, ROWS + 1); r++) {
      rows.push(`<row r="${r}"><c r="A${r}" s="1"><v>${45000 + r / 1440}</v></c><c r="B${r}" t="s"><v>${r % 5}</v></c>`
        + `<c r="C${r}" t="s"><v>${5 + (r % 3)}</v></c><c r="D${r}"><v>${1 + ((r * 7) % 5)}</v></c><c r="E${r}"><v>${(r % 997) / 10}</v></c>`
        + `<c r="F${r}"><v>${r % 13}</v></c><c r="G${r}"><v>${r % 4}</v></c><c r="H${r}"><v>${(r % 60) * 1.5}</v></c>`
        + `<c r="I${r}"><v>${(r % 10007) / 100}</v></c><c r="J${r}"><v>${r}</v></c></row>`);
    }
    pieces.push(Buffer.from(rows.join('')));
  }
  pieces.push(Buffer.from('</sheetData></worksheet>'));
  await entry('xl/worksheets/sheet1.xml', Buffer.concat(pieces));
  const directoryStart = offset;
  for (const p of parts) {
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10); central.writeUInt32LE(p.crc, 16); central.writeUInt32LE(p.compressed, 20);
    central.writeUInt32LE(p.size, 24); central.writeUInt16LE(p.nameBytes.length, 28); central.writeUInt32LE(p.offset, 42);
    await write(central); await write(p.nameBytes);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(offset - directoryStart, 12); end.writeUInt32LE(directoryStart, 16);
  await write(end);
  out.end();
  await once(out, 'finish');
}

test('an Excel-maximum sheet: progress, cancel, then the whole sheet read', { timeout: 300000 }, async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), 'ascolto-excel-max-')), 'massimo.xlsx');
  await writeExcelMax(path);
  const { page, consoleErrors, foreignRequests, close } = await openPage('/');
  try {
    await page.setInputFiles('#file-input', path);
    await page.waitForFunction(() => /MB\/s/.test(document.querySelector('#progress-text').textContent));
    assert.match(await page.locator('#progress-text').textContent(), /massimo\.xlsx: [\d.]+ righe/);
    await page.click('#cancel');
    await page.waitForFunction(() => document.querySelector('#status').textContent.includes('annullata'));

    const started = Date.now();
    await page.setInputFiles('#file-input', path);
    await page.waitForSelector('.dataset', { timeout: 240000 });
    t.diagnostic(`${(statSync(path).size / 1e6).toFixed(1)} MB workbook, ${ROWS - 1} rows x 10: dashboard after ${(Date.now() - started) / 1000} s`);
    const summary = await page.locator('.dataset').first().textContent();
    const count = (label) => Number(new RegExp(`${label}([\\d.]+)`).exec(summary)?.[1].replaceAll('.', ''));
    assert.equal(count('Righe lette'), ROWS - 1);
    assert.equal(count('Righe analizzate'), ROWS - 1);
    assert.match(summary, /massimo\.xlsx · Massimo/);
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests, []);
  } finally {
    await close();
  }
});
