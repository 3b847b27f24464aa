// Cells on real engines: the reduction query Ascolto prints runs on DuckDB
// (npm @duckdb/node-api) and on PostgreSQL (Debian's server, started here on
// a private socket), over the demo feedback; the cells they return, read
// back through the WASM core, give the report of the microdata in every
// figure cells carry (1e-9 relative), as CSV and as Parquet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { analyze, open } from '../../web/api.js';
import { writeFeedbackDemo } from '../../scripts/gen-feedback.mjs';
import { startPostgres } from './postgres-server.mjs';
import { assertSame } from './report-compare.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ascolto-cells-'));
chmodSync(dir, 0o777); // PostgreSQL's psql (as postgres) reads and writes here
test.after(() => rmSync(dir, { recursive: true, force: true }));
await writeFeedbackDemo(dir);
const demoCsv = join(dir, 'feedback-demo.csv');
const demo = { name: 'feedback-demo.csv', bytes: readFileSync(demoCsv) };
const microdata = (await analyze(demo)).datasets[0];

const db = await DuckDBInstance.create(':memory:');
const duck = await db.connect();
await duck.run("SET TimeZone = 'UTC'"); // the session's zone must not matter
await duck.run(`CREATE TABLE feedback AS SELECT * FROM read_csv('${demoCsv}')`);

/** The query Ascolto prints for the demo's columns (its sample is the demo itself). */
async function reductionQuery(sql) {
  const session = await open(demo);
  try {
    const [query] = (await session.query({ sql })).sql;
    assert.ok(query.query, JSON.stringify(query.error));
    return query.query;
  } finally {
    session.close();
  }
}

// The report from cells against the microdata's: the comments alone differ,
// named as unavailable.
function assertReportOfMicrodata(cells, label) {
  assert.equal(cells.error, undefined, `${label}: ${JSON.stringify(cells.error)}`);
  assert.equal(cells.kind.value, 'feedback', label);
  assert.equal(cells.aggregated.records, microdata.rows.used, label);
  assert.ok(cells.aggregated.cells < microdata.rows.used, label);
  assert.equal(cells.aggregated.unavailable[0].part, 'comments');
  assert.equal(cells.feedback.text, null);
  const expected = structuredClone(microdata.feedback);
  delete expected.text;
  expected.columns.comment = null;
  const actual = structuredClone(cells.feedback);
  delete actual.text;
  assertSame(actual, expected, `${label} feedback`);
  assertSame(cells.ratings, microdata.ratings, `${label} ratings`);
}

test('DuckDB: the printed query\'s cells, as CSV and as Parquet, give the microdata\'s report', async () => {
  const query = (await reductionQuery({ dialect: 'duckdb', table: 'feedback' })).replace(/;\s*$/, '');
  for (const [name, options] of [['cells.csv', 'FORMAT csv, HEADER'], ['cells.parquet', 'FORMAT parquet']]) {
    const path = join(dir, name);
    await duck.run(`COPY (${query}) TO '${path}' (${options})`);
    const report = await analyze({ name, bytes: readFileSync(path) });
    assertReportOfMicrodata(report.datasets[0], `duckdb ${name}`);
  }
  // The count is a BIGINT; a SUM of counts (cells merged) a HUGEINT: both read.
  const merged = join(dir, 'merged.parquet');
  await duck.run(`COPY (SELECT * EXCLUDE (ascolto_cells_v1), SUM(ascolto_cells_v1) AS ascolto_cells_v1
    FROM ((${query}) UNION ALL (${query})) GROUP BY ALL) TO '${merged}' (FORMAT parquet)`);
  const twice = (await analyze({ name: 'merged.parquet', bytes: readFileSync(merged) })).datasets[0];
  assert.equal(twice.aggregated.records, 2 * microdata.rows.used);
  assert.ok(Math.abs(twice.feedback.overall.mean.value - microdata.feedback.overall.mean.value) < 1e-12);
});

test('DuckDB: instants (TIMESTAMPTZ) are grouped by their day in Europe/Rome', async () => {
  // The demo's times are Rome's wall clock: as instants, late-evening ones
  // fall on the next day in UTC, so only the Rome day gives the same report.
  await duck.run(`CREATE TABLE instants AS SELECT * REPLACE (timezone('Europe/Rome', "timestamp") AS "timestamp") FROM feedback`);
  const lateUtc = await duck.runAndReadAll(`SELECT count(*) FROM instants WHERE CAST(timezone('UTC', "timestamp") AS DATE) <> CAST(timezone('Europe/Rome', "timestamp") AS DATE)`);
  assert.ok(Number(lateUtc.getRows()[0][0]) > 100, 'the check can fail: many rows change day in UTC');
  const query = (await reductionQuery({ dialect: 'duckdb', table: 'instants', time_zone: 'Europe/Rome' })).replace(/;\s*$/, '');
  const path = join(dir, 'rome.csv');
  await duck.run(`COPY (${query}) TO '${path}' (FORMAT csv, HEADER)`);
  assertReportOfMicrodata((await analyze({ name: 'rome.csv', bytes: readFileSync(path) })).datasets[0], 'duckdb Europe/Rome');
});

const postgres = startPostgres();
test('PostgreSQL: the printed query\'s cells give the microdata\'s report, in local days and in Rome days', { skip: !postgres && 'postgresql is not installed' }, async (t) => {
  t.after(() => postgres.stop());
  // The demo loaded as typed columns, as DuckDB typed them.
  const types = { TIMESTAMP: 'timestamp', BIGINT: 'bigint', VARCHAR: 'text', DATE: 'date', DOUBLE: 'double precision' };
  const columns = (await duck.runAndReadAll('DESCRIBE feedback')).getRows()
    .map(([name, type]) => `"${name}" ${types[type] ?? 'text'}`);
  postgres.psql(`CREATE TABLE feedback (${columns.join(', ')});
\\copy feedback FROM '${demoCsv}' CSV HEADER
CREATE TABLE instants AS SELECT * FROM feedback;
ALTER TABLE instants ALTER COLUMN "timestamp" TYPE timestamptz USING "timestamp" AT TIME ZONE 'Europe/Rome';
SET TIME ZONE 'UTC';`);
  for (const [table, zone] of [['feedback', ''], ['instants', 'Europe/Rome']]) {
    const query = (await reductionQuery({ dialect: 'postgres', table, time_zone: zone })).replace(/;\s*$/, '').replace(/--[^\n]*\n/g, '').replace(/\s+/g, ' ');
    const path = join(dir, `pg-${table}.csv`);
    postgres.psql(`SET TIME ZONE 'UTC';\n\\copy (${query}) TO '${path}' CSV HEADER`);
    assertReportOfMicrodata((await analyze({ name: `pg-${table}.csv`, bytes: readFileSync(path) })).datasets[0], `postgres ${table}`);
  }
});

test('the CLI prints the same query as the API, for a configuration without a sample', () => {
  const cli = fileURLToPath(new URL('../../scripts/ascolto', import.meta.url));
  const config = join(dir, 'columns.json');
  writeFileSync(config, JSON.stringify({ columns: { timestamp: { role: 'date' }, applicativo: { role: 'application' }, voto: { scale: [1, 5] }, sede: { level: 'office' } } }));
  const out = execFileSync(cli, ['sql', '--kind', 'feedback', '--dialect', 'bigquery', '--table', 'inps.feedback', '--time-zone', 'Europe/Rome',
    '--config', config], { encoding: 'utf8' });
  assert.match(out, /DATE\(`timestamp`, 'Europe\/Rome'\) AS `timestamp`/);
  assert.match(out, /COUNT\(\*\) AS `ascolto_cells_v1`/);
  assert.match(out, /FROM inps\.feedback/);
  // With the demo as the sample, the CLI's query is the API's.
  const fromSample = execFileSync(cli, ['sql', '--dialect', 'duckdb', '--table', 'feedback', demoCsv], { encoding: 'utf8' });
  assert.match(fromSample, /CAST\("timestamp" AS DATE\) AS "timestamp"/);
  assert.match(fromSample, /"sede",\n  COUNT/);
});

test('scripts/scale-demo runs the walkthrough end to end (200,000 rows here)', () => {
  const out = execFileSync('node', [fileURLToPath(new URL('../../scripts/scale-demo.mjs', import.meta.url)), '200000', join(dir, 'scale')], { encoding: 'utf8' });
  assert.match(out, /4\. Ascolto \(WASM\) reads the cells: full report .* 200,000 records/);
  assert.match(out, /NASpI: drop 2025-10-20/);
  assert.match(out, /unavailable: comments, other_columns/);
});
