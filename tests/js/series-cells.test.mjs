// Volumes and media cells on real engines: the reduction query the core
// writes from a sample's period, series and outlet columns runs on DuckDB
// and on PostgreSQL; the cells read back through the WASM core give the
// microdata's volumes and media reports in every figure (1e-9 relative).
// What cells cannot carry (the media items, Ascolto's sentiment of titles)
// is named in "aggregated".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { analyze, open } from '../../web/api.js';
import { random } from '../../scripts/gen-demo.mjs';
import { mediaDemo } from '../../scripts/gen-media.mjs';
import { volumesDemo } from '../../scripts/gen-volumes.mjs';
import { startPostgres } from './postgres-server.mjs';
import { assertSame, comparedNumbers } from './report-compare.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ascolto-series-cells-'));
chmodSync(dir, 0o777); // psql (as postgres) reads and writes here
test.after(() => rmSync(dir, { recursive: true, force: true }));

// A contact log: one row per contact, its time (late-evening ones test the
// day of a timestamp), its channel and outcome: the rows are the volumes.
function contactLog(rows = 30000) {
  const rand = random(7);
  const channels = ['telefono', 'email', 'sportello', 'chat'];
  const lines = ['ora_contatto;canale;esito'];
  const first = Date.UTC(2022, 0, 1);
  for (let i = 0; i < rows; i++) {
    const when = new Date(first + Math.floor(rand() * 640 * 86400) * 1000).toISOString().slice(0, 19).replace('T', ' ');
    lines.push(`${when};${channels[Math.floor(rand() * rand() * 4)]};${rand() < 0.8 ? 'risolto' : 'non risolto'}`);
  }
  return `${lines.join('\n')}\n`;
}

// The media demo with every item rated by the vendor (the wires too), and
// with the vendor's sentiment as a score in [-1, 1] instead of a word.
function mediaRated(score) {
  const rand = random(11);
  const value = { negativo: () => -0.1 - rand() * 0.9, neutro: () => 0, positivo: () => 0.1 + rand() * 0.9 };
  return mediaDemo().split('\r\n').map((line, i) => {
    if (i === 0 || !line) return line;
    const fields = line.split(';');
    let tone = fields.at(-1) || (/sospes|ritard|disserviz|blocc|caos|protest/i.test(line) ? 'negativo' : 'neutro');
    if (score) tone = value[tone]().toFixed(3);
    fields[fields.length - 1] = tone;
    return fields.join(';');
  }).join('\r\n');
}

// Files written by others (../shared/data, absent on some machines): an
// event log, a daily series with day-month-year dates, a wide monthly table
// whose rows split by a category the report does not read.
const shared = (name) => fileURLToPath(new URL(`../../../shared/data/${name}`, import.meta.url));
const logPath = shared('alessandria_segnalazioni.csv');
const samples = {
  volumes: { file: 'volumi-demo.csv', text: volumesDemo(), read: "delim = ';'" },
  contacts: { file: 'contatti.csv', text: contactLog(), read: "delim = ';', timestampformat = '%Y-%m-%d %H:%M:%S'" },
  media: { file: 'rassegna.csv', text: mediaRated(false), read: "delim = ';', dateformat = '%d/%m/%Y', quote = '\"'" },
  media_scores: { file: 'rassegna-punteggi.csv', text: mediaRated(true), read: "delim = ';', dateformat = '%d/%m/%Y', quote = '\"'" },
  media_demo: { file: 'rassegna-demo.csv', text: mediaDemo(), read: "delim = ';', dateformat = '%d/%m/%Y', quote = '\"'" },
};
const others = {
  segnalazioni: { file: 'alessandria_segnalazioni.csv', read: "delim = ';'" },
  chiamate: { file: 'callcenter_daily_calls.csv', read: "delim = ';', dateformat = '%d-%m-%Y'" },
  anpr: { file: 'anpr_cambi_residenza_canale.csv', read: "delim = ','" },
};
for (const [table, s] of Object.entries(others))
  if (existsSync(shared(s.file))) samples[table] = { ...s, text: readFileSync(shared(s.file), 'utf8') };
const othersPresent = Object.keys(others).filter((table) => samples[table]);

const db = await DuckDBInstance.create(':memory:');
const duck = await db.connect();
for (const [table, s] of Object.entries(samples)) {
  s.path = join(dir, s.file);
  writeFileSync(s.path, s.text);
  s.sample = { name: s.file, bytes: Buffer.from(s.text) };
  await duck.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv('${s.path}', header = true, ${s.read})`);
}

async function reductionQuery(table, dialect) {
  const session = await open(samples[table].sample);
  try {
    const [query] = (await session.query({ sql: { dialect, table } })).sql;
    assert.ok(query.query, JSON.stringify(query.error));
    return query.query.replace(/;\s*$/, '');
  } finally {
    session.close();
  }
}

// The report of the cells against the sample's, in the kind's section and
// its Sintesi. The media items and the title column are what cells leave out.
async function assertCellsGiveReport(table, cellsPath, what) {
  const kind = table.startsWith('media') ? 'media' : 'volumes';
  const microdata = (await analyze(samples[table].sample)).datasets[0];
  const cells = (await analyze({ name: cellsPath.split('/').at(-1), bytes: readFileSync(cellsPath) })).datasets[0];
  assert.equal(cells.error, undefined, `${what}: ${JSON.stringify(cells.error)}`);
  assert.equal(microdata.kind.value, kind, what);
  assert.equal(cells.kind.value, kind, what);
  assert.equal(cells.aggregated.records, microdata.rows.used, what);
  // A monthly long table has one row per key already: its cells are as many.
  assert.ok(cells.aggregated.cells <= microdata.rows.used, `${what}: ${cells.aggregated.cells} cells`);
  const expected = structuredClone(microdata[kind]);
  const actual = structuredClone(cells[kind]);
  if (kind === 'media') {
    assert.deepEqual(cells.aggregated.unavailable.map((u) => u.part), ['items', 'computed_sentiment', 'other_columns']);
    assert.ok(expected.alerts.length > 0 && expected.alerts.every((a) => a.items.length > 0), `${what}: the microdata lists the alerts' items`);
    assert.ok(actual.alerts.every((a) => a.items.length === 0), `${what}: cells list no items`);
    for (const m of [expected, actual]) {
      for (const a of m.alerts) delete a.items;
      delete m.columns.title;
    }
  } else {
    assert.deepEqual(cells.aggregated.unavailable.map((u) => u.part), ['other_columns']);
  }
  // The Sintesi names a crisis week's first title: the cells' says the rest.
  const sintesi = structuredClone(microdata.sintesi);
  for (const f of sintesi.findings) {
    f.it = f.it.replace(/; tra i titoli, «[^»]*»/, '');
    f.en = f.en.replace(/; among the titles, «[^»]*»/, '');
  }
  const before = comparedNumbers();
  assertSame(actual, expected, `${what} ${kind}`);
  assertSame(cells.sintesi, sintesi, `${what} sintesi`);
  assert.ok(comparedNumbers() - before > 20, `${what}: ${comparedNumbers() - before} numbers compared`);
  return { microdata, cells };
}

test('DuckDB: volumes cells (a long table\'s sums, a contact log\'s counts by day) give the microdata\'s report, as CSV and Parquet', async () => {
  const tables = ['volumes', 'contacts', ...othersPresent];
  for (const table of tables) {
    const query = await reductionQuery(table, 'duckdb');
    for (const [file, options] of [['csv', 'FORMAT csv, HEADER'], ['parquet', 'FORMAT parquet']]) {
      const path = join(dir, `${table}-cells.${file}`);
      await duck.run(`COPY (${query}) TO '${path}' (${options})`);
      await assertCellsGiveReport(table, path, `duckdb ${table} ${file}`);
    }
  }
  // The long table's measure is summed; the log's rows are counted by day.
  assert.match(await reductionQuery('volumes', 'duckdb'), /SUM\("valore"\) AS "valore"/);
  assert.match(await reductionQuery('contacts', 'duckdb'), /CAST\("ora_contatto" AS DATE\) AS "ora_contatto"/);
});

test('DuckDB: media cells (words and scores as the vendor\'s sentiment) give the microdata\'s report', async () => {
  for (const table of ['media', 'media_scores']) {
    const path = join(dir, `${table}-cells.parquet`);
    await duck.run(`COPY (${await reductionQuery(table, 'duckdb')}) TO '${path}' (FORMAT parquet)`);
    const { cells } = await assertCellsGiveReport(table, path, `duckdb ${table}`);
    assert.equal(cells.media.alerts[0].week, '2023-09-11');
  }
  assert.match(await reductionQuery('media_scores', 'duckdb'), /CASE WHEN "sentiment" < 0 THEN -1 WHEN "sentiment" > 0 THEN 1/);
});

test('DuckDB: the media demo\'s cells: counts equal, the wires\' sentiment (scored from titles) named as unavailable', async () => {
  const path = join(dir, 'media-demo-cells.csv');
  await duck.run(`COPY (${await reductionQuery('media_demo', 'duckdb')}) TO '${path}' (FORMAT csv, HEADER)`);
  const microdata = (await analyze(samples.media_demo.sample)).datasets[0].media;
  const cells = (await analyze({ name: 'media-demo-cells.csv', bytes: readFileSync(path) })).datasets[0];
  const named = cells.aggregated.unavailable.find((u) => u.part === 'computed_sentiment');
  assert.match(named.reason, /title and text/);
  assertSame(cells.media.outlet_types, microdata.outlet_types, 'outlet types');
  assertSame(cells.media.sources, microdata.sources, 'sources');
  assertSame(cells.media.weeks.map((w) => w.items), microdata.weeks.map((w) => w.items), 'weekly items');
  // The 1,621 wires have no vendor sentiment: the microdata scores some from
  // their titles, the cells cannot, and say so in the counts.
  assert.ok(microdata.sentiment_sources.computed > 100);
  assert.equal(cells.media.sentiment_sources.computed, 0);
  assert.equal(cells.media.sentiment_sources.vendor, microdata.sentiment_sources.vendor);
  assert.equal(cells.media.negative.with_sentiment, microdata.sentiment_sources.vendor);
});

test('DuckDB: cells of two partitions merge by summing the count and the sums', async () => {
  // The contact log split by outcome: a day and channel has cells in both.
  const query = await reductionQuery('contacts', 'duckdb');
  const [a, b] = ["esito = 'risolto'", "esito <> 'risolto'"].map((w) => query.replace('FROM contacts', `FROM (SELECT * FROM contacts WHERE ${w})`));
  const path = join(dir, 'contacts-merged.parquet');
  await duck.run(`COPY (SELECT ora_contatto, canale, SUM(ascolto_cells_v1) AS ascolto_cells_v1
    FROM ((${a}) UNION ALL (${b})) GROUP BY ALL) TO '${path}' (FORMAT parquet)`);
  const parts = await duck.runAndReadAll(`SELECT (SELECT count(*) FROM (${a})) + (SELECT count(*) FROM (${b})), (SELECT count(*) FROM '${path}')`);
  const [[before, after]] = parts.getRows();
  assert.ok(Number(before) > Number(after), `${before} partial cells merge into ${after}`);
  await assertCellsGiveReport('contacts', path, 'duckdb merged partitions');
});

const postgres = startPostgres();
test('PostgreSQL: volumes and media cells give the microdata\'s reports', { skip: !postgres && 'postgresql is not installed' }, async (t) => {
  t.after(() => postgres.stop());
  const types = { BIGINT: 'bigint', VARCHAR: 'text', DOUBLE: 'double precision', DATE: 'date', TIMESTAMP: 'timestamp' };
  const tables = ['volumes', 'contacts', 'media', 'media_scores'];
  for (const table of tables) {
    const columns = (await duck.runAndReadAll(`DESCRIBE ${table}`)).getRows().map(([name, type]) => `"${name}" ${types[type] ?? 'text'}`);
    const typed = join(dir, `${table}-typed.csv`); // ISO dates, whatever the server's DateStyle
    await duck.run(`COPY ${table} TO '${typed}' (FORMAT csv, HEADER)`);
    postgres.psql(`CREATE TABLE ${table} (${columns.join(', ')});\n\\copy ${table} FROM '${typed}' CSV HEADER`);
    const query = (await reductionQuery(table, 'postgres')).replace(/--[^\n]*\n/g, '').replace(/\s+/g, ' ');
    const path = join(dir, `pg-${table}.csv`);
    postgres.psql(`\\copy (${query}) TO '${path}' CSV HEADER`);
    await assertCellsGiveReport(table, path, `postgres ${table}`);
  }
});
