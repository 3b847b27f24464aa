// Data tables as .xlsx workbooks: real numbers, percentages and dates, the
// header bold on a tinted fill and frozen, an autofilter. Every text is an
// inline string (never a formula: a cell's "=..." stays text in Excel and
// LibreOffice alike, so formula injection cannot happen). The ZIP is
// written stored (no compression): tables are small, and every reader
// accepts it. Pure functions: tested in node and read back by the core.

const encoder = new TextEncoder();

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC-32 of `bytes`; pass the previous result to go on over several pieces. */
export function crc32(bytes, previous = 0) {
  let crc = (previous ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A ZIP archive of { name, text } or { name, bytes } parts, stored, in their order. */
export function zipStored(parts) {
  const chunks = [];
  const directory = [];
  let offset = 0;
  for (const part of parts) {
    const name = encoder.encode(part.name);
    const data = part.bytes ?? encoder.encode(part.text);
    const crc = crc32(data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, 0x0800, true); // names are UTF-8
    local.setUint32(14, crc, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, name.length, true);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(4, 20, true);
    central.setUint16(6, 20, true);
    central.setUint16(8, 0x0800, true);
    central.setUint32(16, crc, true);
    central.setUint32(20, data.length, true);
    central.setUint32(24, data.length, true);
    central.setUint16(28, name.length, true);
    central.setUint32(42, offset, true);
    chunks.push(new Uint8Array(local.buffer), name, data);
    directory.push(new Uint8Array(central.buffer), name);
    offset += 30 + name.length + data.length;
  }
  const directorySize = directory.reduce((sum, c) => sum + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, parts.length, true);
  end.setUint16(10, parts.length, true);
  end.setUint32(12, directorySize, true);
  end.setUint32(16, offset, true);
  const all = [...chunks, ...directory, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export const escapeXml = (text) => String(text)
  // Characters XML 1.0 cannot hold at all.
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  .replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
  .replaceAll('\r', '&#13;'); // XML readers turn a raw CR into LF

/**
 * What a table cell's text holds, as the page wrote it in `lang`: a number
 * ("1.234,5" in Italian, "1,234.5" in English), a percentage ("62,5%"), an
 * ISO date, or text. Anything else, intervals "4,21–4,24" included, is text.
 */
export function typedCell(text, lang = 'it') {
  const value = String(text ?? '').trim();
  if (value === '') return { kind: 'empty' };
  const [thousands, decimal] = lang === 'en' ? [',', '.'] : ['.', ','];
  const number = new RegExp(`^([-−+]?)(\\d{1,3}(?:\\${thousands}\\d{3})+|\\d+)(?:\\${decimal}(\\d+))?(\\s?%)?$`).exec(value);
  if (number) {
    const [, sign, whole, fraction, percent] = number;
    let n = Number(`${whole.replaceAll(thousands, '')}.${fraction ?? '0'}`);
    if (sign === '-' || sign === '−') n = -n;
    return percent ? { kind: 'percent', value: n / 100 } : { kind: 'number', value: n };
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (date) {
    const days = Date.UTC(+date[1], +date[2] - 1, +date[3]) / 86400000;
    if (Number.isFinite(days)) return { kind: 'date', value: days + 25569 }; // Excel's 1900 serial
  }
  return { kind: 'text', value: String(text) }; // as written: only numbers and dates are read trimmed
}

function columnName(index) {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const STYLE = { text: 0, header: 1, percent: 2, date: 3, number: 0 };

function cellXml(ref, cell, header) {
  if (header || cell.kind === 'text') {
    const text = escapeXml(cell.value ?? '');
    const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
    return `<c r="${ref}" t="inlineStr"${header ? ` s="${STYLE.header}"` : ''}><is><t${space}>${text}</t></is></c>`;
  }
  if (cell.kind === 'empty') return '';
  const style = STYLE[cell.kind] ? ` s="${STYLE[cell.kind]}"` : '';
  return `<c r="${ref}"${style}><v>${cell.value}</v></c>`;
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\. */
export function sheetName(title) {
  return String(title).replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Dati';
}

/**
 * The .xlsx bytes of `rows` (the first is the header), cells as the page
 * shows them in `lang`.
 */
export function toXlsx(rows, { lang = 'it', title = 'Dati' } = {}) {
  const [header = [], ...body] = rows;
  const width = Math.max(1, ...rows.map((r) => r.length));
  const sheetRows = [
    `<row r="1">${header.map((text, c) => cellXml(`${columnName(c)}1`, { kind: 'text', value: text }, true)).join('')}</row>`,
    ...body.map((row, r) => `<row r="${r + 2}">${row.map((text, c) => cellXml(`${columnName(c)}${r + 2}`, typedCell(text, lang), false)).join('')}</row>`),
  ];
  const last = `${columnName(width - 1)}${rows.length}`;
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:${last}"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>${sheetRows.join('')}</sheetData><autoFilter ref="A1:${last}"/></worksheet>`;
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDCE6F1"/></patternFill></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;
  const name = escapeXml(sheetName(title));
  return zipStored([
    { name: '[Content_Types].xml', text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>` },
    { name: '_rels/.rels', text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${name.replaceAll("'", "''")}'!$A$1:$${columnName(width - 1)}$${rows.length}</definedName></definedNames></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>` },
    { name: 'xl/styles.xml', text: styles },
    { name: 'xl/worksheets/sheet1.xml', text: sheet },
  ]);
}
