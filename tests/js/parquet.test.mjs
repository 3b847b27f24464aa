// Parquet files, as DuckDB (npm @duckdb/node-api, a real engine) writes them,
// read through the same WASM core as CSV: the same report as the CSV they
// were written from, every type read as typed, and clear refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { analyze } from '../../web/api.js';
import { cellText, isParquet } from '../../web/parquet.js';
import { demoSurvey } from '../../scripts/gen-demo.mjs';
import { writeFeedbackDemo } from '../../scripts/gen-feedback.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ascolto-parquet-'));
const db = await DuckDBInstance.create(':memory:');
const sql = await db.connect();
const parquet = async (select, name, options = 'FORMAT parquet') => {
  const path = join(dir, name);
  await sql.run(`COPY (${select}) TO '${path}' (${options})`);
  return { name, bytes: readFileSync(path) };
};

// The report without what differs by nature between the two files: the
// file facts (bytes, delimiter, format) and the dataset's name.
// The columns' type_reason and format say how the numbers were written:
// with the decimal mark set by the reader, "." where the CSV had ",".
function comparable(report) {
  const d = structuredClone(report.datasets[0]);
  delete d.file;
  delete d.name;
  for (const c of d.columns) {
    c.type_reason = c.type_reason.replace('; the decimal mark is set in the configuration', '').replace("decimal ','", "decimal '.'");
    if (c.format) c.format = c.format.replace("decimal ','", "decimal '.'");
  }
  return d;
}

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('cell text: numbers with a point, ISO dates, quoted text, nested values as JSON', () => {
  assert.equal(cellText(1.25), '1.25');
  assert.equal(cellText(1250), '1250');
  assert.equal(cellText(12345678901234567890n), '12345678901234567890');
  assert.equal(cellText(Number.NaN), '');
  assert.equal(cellText(null), '');
  assert.equal(cellText(new Date(Date.UTC(2023, 9, 23)), true), '2023-10-23');
  assert.equal(cellText(new Date(Date.UTC(2023, 9, 23, 14, 5, 0))), '2023-10-23T14:05:00');
  assert.equal(cellText('Roma, "centro"'), '"Roma, ""centro"""');
  assert.equal(cellText({ a: 1n }), '"{""a"":""1""}"');
  assert.ok(isParquet(new Uint8Array([0x50, 0x41, 0x52, 0x31, 0])));
  assert.ok(!isParquet(new TextEncoder().encode('PAR;1')));
});

test('the demo feedback and survey as Parquet give the reports of their CSV', async () => {
  writeFeedbackDemo && await writeFeedbackDemo(dir);
  const feedbackCsv = join(dir, 'feedback-demo.csv');
  const surveyCsv = join(dir, 'indagine-demo.csv');
  writeFileSync(surveyCsv, demoSurvey());
  // The survey is an Italian export: DuckDB is told its decimal comma, so
  // that the weights are numbers in the Parquet file, as an engine exports them.
  for (const [csv, name, options] of [[feedbackCsv, 'feedback.parquet', ''], [surveyCsv, 'indagine.parquet', ", decimal_separator = ','"]]) {
    const file = await parquet(`SELECT * FROM read_csv('${csv}'${options})`, name);
    const fromParquet = await analyze(file);
    const fromCsv = await analyze({ name: csv, bytes: readFileSync(csv) });
    assert.equal(fromParquet.datasets[0].file.format, 'parquet');
    assert.equal(fromParquet.datasets[0].kind.value, fromCsv.datasets[0].kind.value);
    assert.deepStrictEqual(comparable(fromParquet), comparable(fromCsv), name);
  }
});

test('every Parquet type is read as typed, whatever the decimal mark configured', async () => {
  const file = await parquet(`SELECT * FROM (VALUES
      (DATE '2023-10-23', TIMESTAMP '2023-10-23 14:05:00', 4::TINYINT, 1.250::DECIMAL(6,3), 1234567::BIGINT, true, 'Roma, "centro"', 0.5::DOUBLE),
      (DATE '2023-10-24', TIMESTAMP '2023-10-24 09:00:00', 2::TINYINT, 0.750::DECIMAL(6,3), NULL, false, NULL, NULL),
      (DATE '2023-10-25', TIMESTAMP '2023-10-25 18:30:00', 5::TINYINT, 1.000::DECIMAL(6,3), 7::BIGINT, NULL, 'Milano', 1e-7::DOUBLE))
    AS t(giorno, timestamp, voto, peso, contatti, chiuso, sede, quota)`, 'tipi.parquet');
  // An Italian configuration ("," decimal) must not turn 1.250 into 1250.
  const report = await analyze(file, { decimal: ',', min_base: 3 });
  const [d] = report.datasets;
  const column = (name) => d.columns.find((c) => c.name === name);
  assert.equal(d.rows.used, 3);
  assert.equal(column('giorno').type, 'date');
  assert.equal(column('giorno').min, '2023-10-23');
  assert.equal(column('timestamp').type, 'datetime');
  assert.equal(column('peso').max, 1.25);
  assert.equal(column('contatti').max, 1234567);
  assert.equal(column('contatti').missing, 1);
  assert.equal(column('sede').missing, 1);
  assert.equal(column('quota').min, 1e-7);
  assert.equal(d.weight, 'peso');
  assert.ok(Math.abs(d.ratings[0].mean.value - (1.25 * 4 + 0.75 * 2 + 5) / 3) < 1e-12);
});

test('a Parquet file compressed with a codec Ascolto does not read, or cut short, is refused clearly', async () => {
  const zstd = await parquet("SELECT 1 AS voto, 'a' AS applicativo", 'zstd.parquet', 'FORMAT parquet, COMPRESSION zstd');
  const refused = await analyze([zstd, { name: 'ok.csv', bytes: new TextEncoder().encode('voto,applicativo\n4,a\n5,b\n') }]);
  assert.equal(refused.datasets[0].error.code, 'unreadable_parquet');
  assert.match(refused.datasets[0].error.message, /compressed with ZSTD.*Snappy/);
  assert.equal(refused.datasets[1].rows.used, 2, 'the other file is still read');
  const whole = await parquet('SELECT range AS voto FROM range(1000)', 'cut.parquet');
  const cut = await analyze({ name: 'cut.parquet', bytes: whole.bytes.subarray(0, whole.bytes.length - 100) });
  assert.equal(cut.datasets[0].error.code, 'unreadable_parquet');
});

test('the CLI reads Parquet through the same reader: the API\'s report, and the same refusals', async () => {
  const cli = fileURLToPath(new URL('../../scripts/ascolto', import.meta.url));
  const file = await parquet("SELECT * FROM (VALUES (4, 'NASpI', 1.250), (2, 'ISEE', 0.750), (5, 'NASpI', 1.0)) AS t(voto, applicativo, peso)", 'cli.parquet');
  const path = join(dir, 'cli.parquet');
  const fromCli = JSON.parse(execFileSync(cli, ['analyze', path, '--config', configFile({ decimal: ',', min_base: 3 })], { encoding: 'utf8' }));
  const fromApi = await analyze(file, { decimal: ',', min_base: 3 });
  fromApi.datasets[0].file.bytes = fromCli.datasets[0].file.bytes;
  assert.deepStrictEqual(fromCli, fromApi);
  await parquet("SELECT 1 AS voto", 'zstd-cli.parquet', 'FORMAT parquet, COMPRESSION zstd');
  const refused = spawnSync(cli, ['analyze', join(dir, 'zstd-cli.parquet')], { encoding: 'utf8' });
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /compressed with ZSTD/);
  assert.equal(JSON.parse(refused.stdout).datasets[0].error.code, 'unreadable_parquet');
});

function configFile(config) {
  const path = join(dir, 'config.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}
