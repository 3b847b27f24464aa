// Exports of tables and charts: CSV (UTF-8 with BOM so that Excel reads the
// accents; cells that Excel would run as formulas neutralised) and JSON for
// tables, SVG and PNG for charts. The text functions are pure and tested.

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: quoted when needed; a leading = + - @ is defused with a quote mark. */
export function csvCell(value, separator = ';') {
  let text = value === null || value === undefined ? '' : String(value);
  // "-3,5" is a number, not a formula: only neutralise what is not one.
  if (FORMULA_START.test(text) && !/^[-+]?\d[\d.,]*%?$/.test(text)) text = `'${text}`;
  return /["\n\r]/.test(text) || text.includes(separator) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows (arrays of cells) as CSV text with a BOM; ';' fits Italian Excel. */
export function toCsv(rows, separator = ';') {
  return `\uFEFF${rows.map((row) => row.map((cell) => csvCell(cell, separator)).join(separator)).join('\r\n')}\r\n`;
}

/** The header and body cells of an HTML table, as text. */
export function tableRows(table) {
  return [...table.querySelectorAll('tr')].map((tr) => [...tr.children].map((cell) => cell.textContent.trim()));
}

/** The rows as objects keyed by the header, for JSON. */
export function rowsToObjects(rows) {
  const [header, ...body] = rows;
  return body.map((row) => Object.fromEntries(header.map((key, i) => [key || `col${i + 1}`, row[i] ?? null])));
}

export function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name from a title: "Media per fase e canale" -> "media-per-fase-e-canale". */
export function fileName(title, extension) {
  const base = String(title).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'ascolto';
  return `${base.slice(0, 60)}.${extension}`;
}

/** The bytes of base64 text (standard alphabet). */
export function base64ToBytes(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** A data: URL's bytes as a Blob, decoded here (fetching a data: URL is blocked by a strict CSP). */
export function dataUrlToBlob(dataUrl) {
  const [head, body] = dataUrl.split(',', 2);
  const type = /^data:([^;,]+)/.exec(head)?.[1] ?? 'application/octet-stream';
  return new Blob([base64ToBytes(body)], { type });
}
