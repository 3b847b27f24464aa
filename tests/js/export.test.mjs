// CSV and JSON exports of tables: formula injection defused, BOM for Excel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, dataUrlToBlob, fileName, rowsToObjects, toCsv } from '../../web/export.js';

test('cells Excel would run as formulas are neutralised; numbers are not', () => {
  assert.equal(csvCell('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
  assert.equal(csvCell('+39 333'), "'+39 333");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('-cmd'), "'-cmd");
  assert.equal(csvCell('-3,5', ','), '"-3,5"'); // a number, quoted only for the comma
  assert.equal(csvCell('3,93', ';'), '3,93');
  assert.equal(csvCell('3,93', ','), '"3,93"');
  assert.equal(csvCell('a;b'), '"a;b"');
  assert.equal(csvCell(null), '');
});

test('CSV starts with a BOM and uses CRLF; JSON rows are keyed by the header', () => {
  const rows = [['Voto', 'Quota'], ['5', '35,0%'], ['=1+1', 'x']];
  const csv = toCsv(rows);
  assert.ok(csv.startsWith('\uFEFFVoto;Quota\r\n5;35,0%\r\n'));
  assert.ok(csv.includes("'=1+1;x"));
  assert.deepEqual(rowsToObjects(rows), [{ Voto: '5', Quota: '35,0%' }, { Voto: '=1+1', Quota: 'x' }]);
  assert.equal(fileName('Media per fase e canale: città', 'csv'), 'media-per-fase-e-canale-citta.csv');
});

test('a PNG data URL becomes the same bytes as a Blob, with its type', async () => {
  const bytes = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00];
  const url = `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;
  const blob = dataUrlToBlob(url);
  assert.equal(blob.type, 'image/png');
  assert.deepEqual([...new Uint8Array(await blob.arrayBuffer())], bytes);
});
