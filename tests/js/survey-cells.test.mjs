// Survey cells on real engines: the survey's reduction query, written by
// the core from the demo survey's structure, runs on DuckDB and on
// PostgreSQL; the cells they return give, read back through the WASM core,
// the microdata's survey report in every figure cells carry (1e-9
// relative), weighted and raked. What cells cannot carry is named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { analyze, open } from '../../web/api.js';
import { demoSurvey } from '../../scripts/gen-demo.mjs';
import { startPostgres } from './postgres-server.mjs';
import { assertSame, comparedNumbers } from './report-compare.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ascolto-survey-cells-'));
chmodSync(dir, 0o777); // psql (as postgres) reads and writes here
test.after(() => rmSync(dir, { recursive: true, force: true }));
const demoCsv = join(dir, 'indagine-demo.csv');
writeFileSync(demoCsv, demoSurvey());
const demo = { name: 'indagine-demo.csv', bytes: readFileSync(demoCsv) };
const raking = { survey: { raking: { margins: {
  genere: { Uomo: 0.48, Donna: 0.52 },
  classe_eta: { '18-34': 0.25, '35-44': 0.2, '45-59': 0.25, '60+': 0.3 },
} } } };

const db = await DuckDBInstance.create(':memory:');
const duck = await db.connect();
// As an agency's table would hold it: numbers typed, and a rating column
// that also holds 'n.d.' kept as text.
await duck.run(`CREATE TABLE survey AS SELECT * FROM read_csv('${demoCsv}', delim = ';', decimal_separator = ',', header = true)`);

async function reductionQuery(dialect, config, sample = demo, table = 'survey') {
  const session = await open(sample, config ?? {});
  try {
    const [query] = (await session.query({ sql: { dialect, table } })).sql;
    assert.ok(query.query, JSON.stringify(query.error));
    assert.equal(query.kind, 'survey');
    return query.query.replace(/;\s*$/, '');
  } finally {
    session.close();
  }
}

// What the cells cannot carry is left out of the comparison, and must be
// named in the report's "aggregated" note.
function assertSurveyOfMicrodata(cells, microdata, what, minimum = 5000) {
  assert.equal(cells.error, undefined, `${what}: ${JSON.stringify(cells.error)}`);
  assert.equal(cells.kind.value, 'survey', what);
  assert.equal(cells.aggregated.records, microdata.rows.used, what);
  assert.ok(cells.aggregated.cells < microdata.rows.used / 5, `${what}: ${cells.aggregated.cells} cells`);
  // The sums are flagged (the page names them in one line), the keys are not.
  assert.ok(cells.columns.filter((c) => c.cell_sum).length > 10, what);
  assert.ok(cells.columns.filter((c) => !c.cell_sum).every((c) => !c.name.includes('__')), what);
  const named = cells.aggregated.unavailable.map((u) => u.part);
  for (const part of ['free_text', 'weight_range']) assert.ok(named.includes(part), `${what}: ${part} named`);
  assert.ok(!named.includes('territory'), `${what}: the territorial funnels come from cells`);
  if (microdata.survey.drivers) assert.ok(!named.includes('drivers'), `${what}: the drivers come from cells`);
  const strip = (s) => {
    const out = structuredClone(s);
    delete out.free_text;
    for (const k of ['column', 'weight_min', 'weight_max']) delete out.weighting[k];
    return out;
  };
  assert.equal(cells.survey.drivers === null, microdata.survey.drivers === null, `${what}: drivers`);
  assert.equal(cells.survey.weighting.weight_min, null);
  const before = comparedNumbers();
  assertSame(strip(cells.survey), strip(microdata.survey), `${what} survey`);
  assert.ok(comparedNumbers() - before > minimum, `${what}: ${comparedNumbers() - before} numbers compared`);
}

for (const [name, config] of [['weighted', undefined], ['raked', raking]]) {
  test(`DuckDB: the survey query's cells give the microdata's report (${name}), as CSV and as Parquet`, async () => {
    const microdata = (await analyze(demo, config ?? {})).datasets[0];
    assert.equal(microdata.survey.weighting.method, config ? 'raking' : 'column');
    const query = await reductionQuery('duckdb', config);
    for (const [file, options] of [['survey-cells.csv', 'FORMAT csv, HEADER'], ['survey-cells.parquet', 'FORMAT parquet']]) {
      const path = join(dir, `${name}-${file}`);
      await duck.run(`COPY (${query}) TO '${path}' (${options})`);
      const report = await analyze({ name: file, bytes: readFileSync(path) }, config ?? {});
      assertSurveyOfMicrodata(report.datasets[0], microdata, `duckdb ${name} ${file}`);
    }
  });
}

test('DuckDB: survey cells of two partitions merge by summing every column', async () => {
  const microdata = (await analyze(demo)).datasets[0];
  const query = await reductionQuery('duckdb');
  const keys = ['anno', 'genere', 'classe_eta', 'condizione_professionale', 'regione'];
  const parts = [`SELECT * FROM survey WHERE regione < 'L'`, `SELECT * FROM survey WHERE regione >= 'L' OR regione IS NULL`];
  const [a, b] = parts.map((p) => query.replace('FROM survey', `FROM (${p})`));
  const path = join(dir, 'merged.parquet');
  await duck.run(`COPY (SELECT ${keys.map((k) => `"${k}"`).join(', ')}, COLUMNS(* EXCLUDE (${keys.map((k) => `"${k}"`).join(', ')})) FROM (
      SELECT ${keys.map((k) => `"${k}"`).join(', ')}, SUM(COLUMNS(* EXCLUDE (${keys.map((k) => `"${k}"`).join(', ')})))
      FROM ((${a}) UNION ALL (${b})) GROUP BY ALL)) TO '${path}' (FORMAT parquet)`);
  const merged = (await analyze({ name: 'merged.parquet', bytes: readFileSync(path) })).datasets[0];
  assertSurveyOfMicrodata(merged, microdata, 'duckdb merged partitions');
});

// A survey written by others: its overall outcome is two-valued
// ("satisfied" / "neutral or dissatisfied"), unweighted, ages cut into classes.
const airline = fileURLToPath(new URL('../../../shared/data/airline_passenger_satisfaction_test.csv', import.meta.url));
test('DuckDB: the survey cells of a file written by others (airline satisfaction) give its report', { skip: !existsSync(airline) && '../shared/data is absent' }, async () => {
  const sample = { name: 'airline.csv', bytes: readFileSync(airline) };
  const microdata = (await analyze(sample)).datasets[0];
  assert.equal(microdata.survey.overall.type, 'binary');
  await duck.run(`CREATE TABLE airline AS SELECT * FROM read_csv('${airline}')`);
  const query = await reductionQuery('duckdb', undefined, sample, 'airline');
  const path = join(dir, 'airline-cells.csv');
  await duck.run(`COPY (${query}) TO '${path}' (FORMAT csv, HEADER)`);
  const cells = (await analyze({ name: 'airline-cells.csv', bytes: readFileSync(path) })).datasets[0];
  assert.equal(cells.survey.overall.type, 'binary');
  assert.equal(cells.survey.overall.positive, 'satisfied');
  assertSurveyOfMicrodata(cells, microdata, 'airline', 1000);
});

test('DuckDB: a delimited list of answers becomes one 0/1 variable per option', async () => {
  const options = ['tv', 'radio', 'stampa', 'web'];
  let csv = 'anno;genere;soddisfazione_globale;servizio_web;fonti\n';
  for (let i = 0; i < 900; i++) {
    const list = options.filter((_, k) => (i * (k + 3)) % 7 < 3).join(i % 2 ? '|' : ' | ');
    csv += `${2021 + (i % 2)};${i % 3 ? 'Donna' : 'Uomo'};${1 + (i % 5)};${1 + (i % 4)};${i % 11 === 0 ? 'n.d.' : list}\n`;
  }
  const file = join(dir, 'fonti.csv');
  writeFileSync(file, csv);
  const sample = { name: 'fonti.csv', bytes: Buffer.from(csv) };
  const microdata = (await analyze(sample)).datasets[0];
  assert.equal(microdata.survey.shares.multi_response[0].source, 'delimited');
  await duck.run(`CREATE TABLE fonti AS SELECT * FROM read_csv('${file}', delim = ';', quote = '"', all_varchar = true)`);
  const query = await reductionQuery('duckdb', undefined, sample, 'fonti');
  const path = join(dir, 'fonti-cells.csv');
  await duck.run(`COPY (${query}) TO '${path}' (FORMAT csv, HEADER)`);
  const cells = (await analyze({ name: 'fonti-cells.csv', bytes: readFileSync(path) })).datasets[0];
  assert.deepEqual(cells.survey.shares.multi_response[0].options.map((o) => o.value),
    microdata.survey.shares.multi_response[0].options.map((o) => o.value));
  assertSurveyOfMicrodata(cells, microdata, 'delimited list', 100);
});

const postgres = startPostgres();
test('PostgreSQL: the survey query\'s cells give the microdata\'s report, weighted and raked', { skip: !postgres && 'postgresql is not installed' }, async (t) => {
  t.after(() => postgres.stop());
  const types = { BIGINT: 'bigint', VARCHAR: 'text', DOUBLE: 'double precision' };
  const columns = (await duck.runAndReadAll('DESCRIBE survey')).getRows()
    .map(([name, type]) => `"${name}" ${types[type] ?? 'text'}`);
  const typed = join(dir, 'survey-typed.csv');
  await duck.run(`COPY survey TO '${typed}' (FORMAT csv, HEADER)`);
  postgres.psql(`CREATE TABLE survey (${columns.join(', ')});\n\\copy survey FROM '${typed}' CSV HEADER`);
  for (const [name, config] of [['weighted', undefined], ['raked', raking]]) {
    const microdata = (await analyze(demo, config ?? {})).datasets[0];
    const query = (await reductionQuery('postgres', config)).replace(/--[^\n]*\n/g, '').replace(/\s+/g, ' ');
    const path = join(dir, `pg-${name}.csv`);
    postgres.psql(`\\copy (${query}) TO '${path}' CSV HEADER`);
    const report = await analyze({ name: `pg-${name}.csv`, bytes: readFileSync(path) }, config ?? {});
    assertSurveyOfMicrodata(report.datasets[0], microdata, `postgres ${name}`);
  }
});

test('DuckDB: a category the query\'s sample lacked is counted in the base and named in a warning', async () => {
  // The query written from a sample without "CAF/Patronato" as main channel,
  // run on the whole table, where 1 in 10 or so chose it.
  const lines = readFileSync(demoCsv, 'utf8').split('\n');
  const column = lines[0].split(';').indexOf('canale_principale');
  const sampleText = lines.filter((line, i) => i === 0 || line.split(';')[column] !== 'CAF/Patronato').join('\n');
  const sample = { name: 'campione.csv', bytes: Buffer.from(sampleText) };
  const query = await reductionQuery('duckdb', undefined, sample);
  const path = join(dir, 'unseen-cells.csv');
  await duck.run(`COPY (${query}) TO '${path}' (FORMAT csv, HEADER)`);
  const cells = (await analyze({ name: 'unseen-cells.csv', bytes: readFileSync(path) })).datasets[0];
  const microdata = (await analyze(demo)).datasets[0];
  const caf = await duck.runAndReadAll(`SELECT count(*) FROM survey WHERE canale_principale = 'CAF/Patronato' AND peso > 0`);
  const warning = cells.warnings.find((w) => w.code === 'unseen_categories');
  assert.ok(warning, JSON.stringify(cells.warnings.map((w) => w.code)));
  assert.equal(warning.column, 'canale_principale');
  assert.match(warning.message, new RegExp(`^${Number(caf.getRows()[0][0])} records answer`));
  // The categories the sample had keep the microdata's shares.
  const shares = (d) => d.survey.shares.single_choice.find((c) => c.column === 'canale_principale');
  const known = shares(cells);
  assert.equal(known.categories.length, shares(microdata).categories.length - 1);
  for (const c of known.categories) assertSame(c, shares(microdata).categories.find((m) => m.value === c.value), c.value);
});

test('DuckDB: cells written without Σwy² give an index\'s funnel no scale, never 0', async () => {
  const query = await reductionQuery('duckdb');
  const path = join(dir, 'without-wy2.csv');
  await duck.run(`COPY (SELECT COLUMNS(c -> NOT ends_with(c, '__wy2')) FROM (${query})) TO '${path}' (FORMAT csv, HEADER)`);
  const cells = (await analyze({ name: 'without-wy2.csv', bytes: readFileSync(path) })).datasets[0];
  const microdata = (await analyze(demo)).datasets[0];
  const funnels = (d) => Object.fromEntries(d.survey.territory.levels[0].metrics.map((m) => [m.id, m.funnel.sd]));
  const [withSums, without] = [funnels(microdata), funnels(cells)];
  assert.ok(withSums['Indice di accessibilità'] > 0);
  assert.equal(without['Indice di accessibilità'], null);
  // A rating's Σwy² follows from its levels' sums: its funnel keeps its scale.
  assertSame(without.soddisfazione_globale, withSums.soddisfazione_globale, 'overall sd');
});
