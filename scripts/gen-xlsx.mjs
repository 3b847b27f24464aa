// Writes a CSV export as an .xlsx workbook the way Excel stores one: text
// in the shared strings, numbers as numbers, ISO timestamps and dates as
// date-formatted serials, every part deflated. For the benchmarks (the same
// data as CSV and as a workbook) and for tests. Usage:
//   node scripts/gen-xlsx.mjs IN.csv OUT.xlsx
import { readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import Papa from 'papaparse';
import { crc32 } from '../web/xlsx-export.js';

const encoder = new TextEncoder();
const escapeXml = (s) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function columnName(index) {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// "2023-01-01T00:07:12" or "2023-01-01" as Excel's 1900-system serial.
function serial(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2}))?$/.exec(text);
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return { value: ms / 86400000 + 25569, time: m[4] !== undefined };
}

function zip(parts) {
  const chunks = [];
  const directory = [];
  let offset = 0;
  for (const { name, data: raw } of parts) {
    const nameBytes = encoder.encode(name);
    const data = deflateRawSync(raw, { level: 6 });
    const header = (size) => {
      const v = new DataView(new ArrayBuffer(size));
      return v;
    };
    const local = header(30);
    local.setUint32(0, 0x04034b50, true); local.setUint16(4, 20, true); local.setUint16(8, 8, true);
    local.setUint32(14, crc32(raw), true); local.setUint32(18, data.length, true); local.setUint32(22, raw.length, true);
    local.setUint16(26, nameBytes.length, true);
    const central = header(46);
    central.setUint32(0, 0x02014b50, true); central.setUint16(4, 20, true); central.setUint16(6, 20, true);
    central.setUint16(10, 8, true); central.setUint32(16, crc32(raw), true); central.setUint32(20, data.length, true);
    central.setUint32(24, raw.length, true); central.setUint16(28, nameBytes.length, true); central.setUint32(42, offset, true);
    chunks.push(new Uint8Array(local.buffer), nameBytes, data);
    directory.push(new Uint8Array(central.buffer), nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const size = directory.reduce((s, c) => s + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true); end.setUint16(8, parts.length, true); end.setUint16(10, parts.length, true);
  end.setUint32(12, size, true); end.setUint32(16, offset, true);
  return Buffer.concat([...chunks, ...directory, new Uint8Array(end.buffer)]);
}

export function csvToXlsx(csvPath, xlsxPath, sheet = 'Dati') {
  const { data } = Papa.parse(readFileSync(csvPath, 'utf8'), { skipEmptyLines: true });
  const strings = new Map();
  const stringIndex = (s) => {
    let i = strings.get(s);
    if (i === undefined) strings.set(s, (i = strings.size));
    return i;
  };
  const rows = [];
  data.forEach((row, r) => {
    const cells = row.map((text, c) => {
      if (text === '') return '';
      const ref = `${columnName(c)}${r + 1}`;
      if (r > 0 && /^-?\d+(\.\d+)?$/.test(text)) return `<c r="${ref}"><v>${text}</v></c>`;
      const date = r > 0 ? serial(text) : null;
      if (date) return `<c r="${ref}" s="${date.time ? 2 : 1}"><v>${date.value}</v></c>`;
      return `<c r="${ref}" t="s"><v>${stringIndex(text)}</v></c>`;
    });
    rows.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  });
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const sheetXml = Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${ns}><sheetData>${rows.join('')}</sheetData></worksheet>`);
  const shared = [...strings.keys()].map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('');
  const part = (text) => Buffer.from(text);
  writeFileSync(xlsxPath, zip([
    { name: '[Content_Types].xml', data: part('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>') },
    { name: '_rels/.rels', data: part('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>') },
    { name: 'xl/workbook.xml', data: part(`<?xml version="1.0" encoding="UTF-8"?><workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: part('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>') },
    { name: 'xl/styles.xml', data: part(`<?xml version="1.0" encoding="UTF-8"?><styleSheet ${ns}><fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>`) },
    { name: 'xl/sharedStrings.xml', data: part(`<?xml version="1.0" encoding="UTF-8"?><sst ${ns} count="${strings.size}" uniqueCount="${strings.size}">${shared}</sst>`) },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml },
  ]));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const [input, output] = process.argv.slice(2);
  csvToXlsx(input, output);
}
