// Tables exported as .xlsx: real numbers, percentages and dates; text that
// looks like a formula stays text; read back by Ascolto's own reader and by
// LibreOffice (when installed, as scripts/test does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCore } from '../../web/node-core.js';
import { runAnalysis } from '../../web/engine.js';
import { toSources } from '../../web/sources.js';
import { sheetName, toXlsx, typedCell } from '../../web/xlsx-export.js';

const rows = [
  ['Applicativo', 'Feedback', 'Media', 'Quota', 'Giorno', 'Nota'],
  ['NASpI', '20.608', '4,23', '62,5%', '2024-01-31', '=HYPERLINK("http://x","clic")'],
  ['Cassetto', '15', '4,53', '7%', '2024-02-29', '+39 06 1234'],
  ['ISEE <b>', '1.234.567', '−0,5', '0,1%', '', '@SUM(A1)'],
];

test('cells are typed as the page wrote them, in either language', () => {
  assert.deepEqual(typedCell('20.608', 'it'), { kind: 'number', value: 20608 });
  assert.deepEqual(typedCell('4,23', 'it'), { kind: 'number', value: 4.23 });
  assert.deepEqual(typedCell('62,5%', 'it'), { kind: 'percent', value: 0.625 });
  assert.deepEqual(typedCell('1,234.5', 'en'), { kind: 'number', value: 1234.5 });
  assert.deepEqual(typedCell('4.23', 'en'), { kind: 'number', value: 4.23 });
  assert.equal(typedCell('2024-01-31').value, 45322);
  assert.deepEqual(typedCell('4,21–4,24', 'it'), { kind: 'text', value: '4,21–4,24' });
  assert.deepEqual(typedCell('=1+1', 'it'), { kind: 'text', value: '=1+1' });
  assert.equal(sheetName('Media per fase: canale [2023]/web'), 'Media per fase  canale  2023  w');
});

test('an exported workbook reads back with its numbers, dates and text', async () => {
  const bytes = toXlsx(rows, { lang: 'it', title: 'Feedback per applicativo' });
  const core = await loadCore();
  const report = await runAnalysis(core, await toSources([{ name: 'export.xlsx', bytes }]));
  const [dataset] = report.datasets;
  assert.equal(dataset.error, undefined);
  assert.equal(dataset.name, 'export.xlsx · Feedback per applicativo');
  const column = (name) => dataset.columns.find((c) => c.name === name);
  assert.equal(column('Feedback').type, 'integer');
  assert.equal(column('Feedback').max, 1234567);
  assert.equal(column('Media').min, -0.5);
  assert.equal(column('Quota').max, 0.625);
  assert.equal(column('Giorno').type, 'date');
  assert.equal(column('Giorno').max, '2024-02-29');
  assert.equal(column('Nota').distinct, 3); // '=HYPERLINK(...)' stays a value, never a formula
});

test('LibreOffice opens the export: values, and formulas never run', { skip: !existsSync('/usr/bin/soffice') && !process.env.ASCOLTO_REQUIRE_SUITES }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ascolto-xlsx-'));
  writeFileSync(join(dir, 'export.xlsx'), toXlsx(rows, { lang: 'it' }));
  execFileSync('/usr/bin/soffice', ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033', '--outdir', dir, join(dir, 'export.xlsx')], {
    stdio: 'ignore', env: { ...process.env, HOME: dir },
  });
  const csv = readFileSync(join(dir, 'export.csv'), 'utf8').trim().split('\n');
  assert.equal(csv[0], 'Applicativo,Feedback,Media,Quota,Giorno,Nota');
  assert.equal(csv[1], 'NASpI,20608,4.23,62.50%,1/31/2024,"=HYPERLINK(""http://x"",""clic"")"');
  assert.equal(csv[3], 'ISEE <b>,1234567,-0.5,0.10%,,@SUM(A1)');
});

test('openpyxl (a strict reader) loads the export with typed cells', { skip: !existsSync('/usr/bin/python3') && !process.env.ASCOLTO_REQUIRE_SUITES }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ascolto-xlsx-'));
  const path = join(dir, 'export.xlsx');
  writeFileSync(path, toXlsx(rows, { lang: 'it', title: 'Feedback' }));
  const script = 'import json,sys,openpyxl\nws=openpyxl.load_workbook(sys.argv[1]).active\n'
    + 'print(json.dumps([ws.title, ws.freeze_panes, ws.auto_filter.ref, ws["A1"].font.b]+[[str(type(c.value).__name__), str(c.value)] for c in ws[2]]))';
  const [title, frozen, filter, bold, ...cells] = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path]).toString());
  assert.deepEqual([title, frozen, filter, bold], ['Feedback', 'A2', 'A1:F4', true]);
  assert.deepEqual(cells, [['str', 'NASpI'], ['int', '20608'], ['float', '4.23'], ['float', '0.625'],
    ['datetime', '2024-01-31 00:00:00'], ['str', '=HYPERLINK("http://x","clic")']]);
});
