// Workbooks made by LibreOffice (issue 18): the demo survey, feedback,
// volumes and media exports converted to .xlsx and .ods give the same
// report as their CSV files, in WASM and in the native CLI; a workbook with
// a title row and a notes sheet reads without configuration. LibreOffice
// (libreoffice-calc-nogui, installed by scripts/test) writes them here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileSource, loadCore } from '../../web/node-core.js';
import { runAnalysis } from '../../web/engine.js';
import { toSources } from '../../web/sources.js';
import { toXlsx } from '../../web/xlsx-export.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = `${root}build/native-release/ascolto`;
const soffice = '/usr/bin/soffice';
const dir = mkdtempSync(join(tmpdir(), 'ascolto-workbooks-'));
const haveOffice = existsSync(soffice);
const skip = !haveOffice && !process.env.ASCOLTO_REQUIRE_SUITES ? 'LibreOffice is not installed' : false;

// CSV import options: separator, quote, UTF-8, first line, column types,
// Italian locale (1040), quoted text as text, no "special numbers" (so that
// "60+" stays text) unless dates must become date cells.
function convert(csv, format, { separator, special }) {
  const filter = `CSV:${separator.charCodeAt(0)},34,76,1,,1040,true,${special}`;
  execFileSync(soffice, ['--headless', `--infilter=${filter}`, '--convert-to', format, '--outdir', dir, csv], {
    stdio: 'ignore',
    env: { ...process.env, HOME: dir }, // a private LibreOffice profile
  });
  const out = join(dir, csv.split('/').pop().replace(/\.csv$/, `.${format}`));
  assert.ok(existsSync(out), `LibreOffice wrote ${out}`);
  return out;
}

// What may differ between a CSV file and its workbook: how the file was
// read, and the reason a number column has its type (the workbook stored
// numbers, the CSV wrote them).
function comparable(dataset) {
  const copy = structuredClone(dataset);
  delete copy.name;
  delete copy.file;
  for (const column of copy.columns ?? []) {
    delete column.type_reason;
    delete column.format;
  }
  return copy;
}

const demos = [
  ['volumi-demo.csv', ';', true], // periods "01/2021" become dates: months all the same
  ['rassegna-demo.csv', ';', true], // dates "01/01/2023" become date cells
  ['indagine-demo.csv', ';', false], // weights "1,184087" become numbers
  ['feedback-demo.csv', ',', true], // timestamps become date-time cells
];

for (const [file, separator, special] of demos) {
  test(`${file} as .xlsx and .ods gives the CSV's report`, { skip }, async () => {
    const core = await loadCore();
    const csv = `${root}public/demo/${file}`;
    const expected = (await runAnalysis(core, [fileSource(csv)])).datasets[0];
    for (const format of ['xlsx', 'ods']) {
      const workbook = convert(csv, format, { separator, special });
      const report = await runAnalysis(core, [fileSource(workbook)]);
      const [dataset] = report.datasets;
      assert.equal(report.datasets.length, 1);
      assert.equal(dataset.file.sheet.format, format);
      assert.deepEqual(comparable(dataset), comparable(expected), `${file} as ${format}`);
      if (existsSync(cli)) {
        // The CLI (zlib) reads the workbook as it reads the CSV file.
        const analyzeNative = (path) => JSON.parse(execFileSync(cli, ['analyze', path], { maxBuffer: 1 << 28 }).toString()).datasets[0];
        assert.deepEqual(comparable(analyzeNative(workbook)), comparable(analyzeNative(csv)), `${format}: CLI`);
      }
    }
  });
}

test('a LibreOffice workbook with a title row and a notes sheet reads without configuration', { skip }, async () => {
  // A flat ODF document, converted by LibreOffice to both formats.
  const row = (...cells) =>
    `<table:table-row>${cells
      .map((c) =>
        typeof c === 'number'
          ? `<table:table-cell office:value-type="float" office:value="${c}"><text:p>${c}</text:p></table:table-cell>`
          : `<table:table-cell office:value-type="string"><text:p>${c}</text:p></table:table-cell>`)
      .join('')}</table:table-row>`;
  const rows = [row('Rilevazione soddisfazione &amp; canali, ottobre 2023'), row('applicativo', 'voto', 'commento')];
  for (let i = 0; i < 40; i++) rows.push(row(['NASpI', 'Cassetto', 'ISEE'][i % 3], 1 + (i % 5), i % 4 ? '' : 'lento'));
  const fods = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet>
<table:table table:name="Feedback">${rows.join('')}</table:table>
<table:table table:name="Note">${row('Fonte: INPS, elaborazione della Direzione')}${row('I dati sono provvisori.')}</table:table>
</office:spreadsheet></office:body></office:document>`;
  const source = join(dir, 'titolo-e-note.fods');
  writeFileSync(source, fods);
  const core = await loadCore();
  for (const format of ['xlsx', 'ods']) {
    execFileSync(soffice, ['--headless', '--convert-to', format, '--outdir', dir, source], { stdio: 'ignore', env: { ...process.env, HOME: dir } });
    const report = await runAnalysis(core, [fileSource(join(dir, `titolo-e-note.${format}`))]);
    assert.equal(report.datasets.length, 1, format);
    const [dataset] = report.datasets;
    assert.equal(dataset.name, `titolo-e-note.${format} · Feedback`);
    assert.equal(dataset.kind.value, 'feedback');
    assert.equal(dataset.rows.used, 40);
    assert.equal(dataset.rows.preamble, 1);
    assert.equal(dataset.file.preamble.first, 'Rilevazione soddisfazione & canali, ottobre 2023');
    assert.deepEqual(report.workbooks[0].sheets.map((s) => [s.name, s.skipped ?? 'read']), [['Feedback', 'read'], ['Note', 'notes']]);
    assert.deepEqual(dataset.columns.map((c) => c.name), ['applicativo', 'voto', 'commento']);
  }
});

test('a workbook written by openpyxl: merged title, types, formulas never computed, notes and hidden sheets', {
  skip: !existsSync('/usr/bin/python3') && !process.env.ASCOLTO_REQUIRE_SUITES ? 'python3 is not installed' : false,
}, async () => {
  const core = await loadCore();
  for (const [system, args] of [['1900', []], ['1904', ['1904']]]) {
    const path = join(dir, `openpyxl-${system}.xlsx`);
    execFileSync('/usr/bin/python3', [`${root}tests/fixtures/workbooks/openpyxl_workbook.py`, path, ...args]);
    const report = await runAnalysis(core, [fileSource(path)]);
    assert.deepEqual(report.workbooks[0].sheets.map((s) => [s.name, s.skipped ?? 'read']),
      [['Risposte', 'read'], ['Note', 'notes'], ['Liste', 'hidden']]);
    const [dataset] = report.datasets;
    const sheet = dataset.file.sheet;
    assert.equal(sheet.date_system, system);
    assert.equal(dataset.file.preamble.first, 'Indagine di soddisfazione 2024');
    assert.deepEqual([sheet.merged_cells, sheet.hidden_rows, sheet.hidden_columns, sheet.error_cells, sheet.formulas_without_value], [1, 1, 1, 1, 40]);
    assert.equal(dataset.rows.used, 40);
    const column = (name) => dataset.columns.find((c) => c.name === name);
    assert.deepEqual([column('data').type, column('data').min, column('data').max], ['date', '2024-01-01', '2024-02-09']);
    assert.deepEqual([column('ora').type, column('ora').max], ['datetime', '2024-01-02T23:30:00']);
    assert.deepEqual([column('voto').type, column('voto').role], ['integer', 'rating']);
    assert.equal(column('quota').max, 0.9);
    assert.match(column('quota').format, /percent/);
    assert.equal(column('completato').type, 'boolean');
    assert.equal(column('formula').type, 'empty'); // never computed: missing, and said
    assert.ok(dataset.warnings.some((w) => w.code === 'formula_without_value' && w.count === 40));
  }
  // The same workbook saved by LibreOffice as .ods: its hidden sheet is hidden there too.
  execFileSync(soffice, ['--headless', '--convert-to', 'ods', '--outdir', dir, join(dir, 'openpyxl-1900.xlsx')], { stdio: 'ignore', env: { ...process.env, HOME: dir } });
  const ods = await runAnalysis(core, [fileSource(join(dir, 'openpyxl-1900.ods'))]);
  assert.deepEqual(ods.workbooks[0].sheets.map((s) => [s.name, s.skipped ?? 'read']),
    [['Risposte', 'read'], ['Note', 'notes'], ['Liste', 'hidden']]);
  assert.equal(ods.datasets[0].rows.used, 40);
});

test('a workbook from a URL (the embed\'s src) is fetched whole, then read by random access', async () => {
  const rows = [['applicativo', 'voto'], ...Array.from({ length: 30 }, (_, i) => [['NASpI', 'ISEE'][i % 2], String(1 + (i % 5))])];
  const bytes = toXlsx(rows, { title: 'Voti' });
  const fetchImpl = async () => new Response(new Blob([bytes]).stream());
  const core = await loadCore();
  const report = await runAnalysis(core, await toSources('https://intranet.example/dati/voti.xlsx', { fetchImpl }));
  assert.equal(report.datasets[0].name, 'voti.xlsx · Voti');
  assert.equal(report.datasets[0].rows.used, 30);
  // The same URL answering a CSV file is streamed as before.
  const csv = new TextEncoder().encode('applicativo;voto\nNASpI;5\nISEE;4\n');
  const asCsv = await runAnalysis(core, await toSources('https://intranet.example/dati/voti.csv', { fetchImpl: async () => new Response(csv) }));
  assert.equal(asCsv.datasets[0].rows.used, 2);
});
