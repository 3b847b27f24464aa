// The walkthrough "Dati troppo grandi per il browser" (README), timed:
//   1. DuckDB (npm @duckdb/node-api) writes ROWS feedback rows as Parquet, as
//      a warehouse would hold them;
//   2. the analyst takes a sample of 100,000 rows and asks Ascolto for the
//      reduction query (scripts/ascolto sql, the page's panel gives the same);
//   3. the engine runs the query: the cells, as Parquet;
//   4. Ascolto reads the cells (the WASM core in node, as the page does) and
//      gives the full feedback dashboard, comments named as unavailable.
// Usage: scripts/scale-demo [ROWS (default 100000000)] [DIR (default build/scale-demo)]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { analyze } from '../web/api.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const rows = Number(process.argv[2] ?? 100_000_000);
const dir = resolve(process.argv[3] ?? join(root, 'build', 'scale-demo'));
mkdirSync(dir, { recursive: true });
const path = (name) => join(dir, name);
const mb = (file) => `${(statSync(file).size / 1e6).toFixed(1)} MB`;
// One line per step: its time, the size of what it wrote, what it found.
async function step(label, run, file) {
  const started = performance.now();
  const detail = await run();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(44)} ${seconds.toFixed(1).padStart(7)} s  ${(file ? mb(file) : '').padStart(10)}  ${detail ?? ''}`);
}

const db = await DuckDBInstance.create(':memory:');
const sql = await db.connect();
const apps = ['NASpI', 'Assegno unico', 'Cedolino pensione', 'Estratto conto', 'ISEE precompilato', 'Riscatto laurea',
  'Bonus nido', 'Prenotazione sede', 'Certificazione unica', 'Domanda pensione', 'Ricongiunzione', 'Invalidità civile',
  'Cassetto previdenziale', 'Fascicolo previdenziale', 'Reddito di cittadinanza', 'Disoccupazione agricola'];
const regions = ['Piemonte', "Valle d'Aosta", 'Lombardia', 'Trentino-Alto Adige', 'Veneto', 'Friuli-Venezia Giulia', 'Liguria',
  'Emilia-Romagna', 'Toscana', 'Umbria', 'Marche', 'Lazio', 'Abruzzo', 'Molise', 'Campania', 'Puglia', 'Basilicata',
  'Calabria', 'Sicilia', 'Sardegna'];
const list = (values) => `[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;
const feedback = path('feedback.parquet');

console.log(`Ascolto scale demo: ${rows.toLocaleString('en')} feedback rows, in ${dir}`);
await step(`1. DuckDB writes ${rows.toLocaleString('en')} rows (Parquet)`, async () => { await sql.run(`COPY (
  SELECT ts AS "timestamp", app AS applicativo, ${list(['desktop', 'mobile', 'tablet'])}[1 + (hash(i * 7) % 3)::BIGINT] AS dispositivo,
    CASE WHEN app = 'NASpI' AND ts >= TIMESTAMP '2025-10-20' AND ts < TIMESTAMP '2025-10-27' THEN 1 + (hash(i * 11) % 2)::BIGINT
         ELSE least(5, 1 + ((hash(i * 13) % 5)::BIGINT) + ((hash(i * 17) % 10)::BIGINT < 1 + app_index % 4)::INTEGER) END AS voto,
    ${list(regions)}[1 + (hash(i * 31) % 20)::BIGINT] AS regione,
    CASE WHEN (hash(i * 37) % 20)::BIGINT = 0 THEN 'servizio lento' END AS commento
  FROM (SELECT i, TIMESTAMP '2024-01-01' + to_seconds((i * 63072000 // ${rows})::BIGINT) AS ts,
               (hash(i) % 16)::BIGINT AS app_index, ${list(apps)}[1 + (hash(i) % 16)::BIGINT] AS app FROM range(${rows}) t(i))
) TO '${feedback}' (FORMAT parquet, COMPRESSION snappy)`); }, feedback);

const sample = path('campione.csv');
await step('2. a 100,000-row sample (CSV)', async () => { await sql.run(`COPY (SELECT * FROM read_parquet('${feedback}') USING SAMPLE 100000 ROWS) TO '${sample}' (HEADER)`); }, sample);
let query = '';
await step('   Ascolto prints the reduction query', () => {
  query = execFileSync(join(root, 'scripts', 'ascolto'), ['sql', '--dialect', 'duckdb', '--table', `read_parquet('${feedback}')`, sample], { encoding: 'utf8' });
});
const cells = path('celle.parquet');
await step('3. DuckDB runs it: the cells (Parquet)', async () => {
  await sql.run(`COPY (${query.replace(/;\s*$/, '')}) TO '${cells}' (FORMAT parquet, COMPRESSION snappy)`);
  const [[count]] = (await sql.runAndReadAll(`SELECT count(*) FROM read_parquet('${cells}')`)).getRows();
  return `${Number(count).toLocaleString('en')} cells`;
}, cells);
let report;
await step('4. Ascolto (WASM) reads the cells: full report', async () => {
  report = (await analyze({ name: 'celle.parquet', bytes: readFileSync(cells) })).datasets[0];
  return `${report.aggregated.records.toLocaleString('en')} records, mean ${report.feedback.overall.mean.value.toFixed(3)}`;
});
const f = report.feedback;
console.log(`\nThe dashboard: ${f.applications.length} applications ranked, ${f.trend.periods.length} ${f.trend.granularity}s of trend, ` +
  `${f.alerts.length} alerts (NASpI: ${f.alerts.filter((a) => a.application === 'NASpI').map((a) => `${a.kind} ${a.week}`).join(', ') || 'none'}), ` +
  `${f.territory?.levels?.[0]?.units.length ?? 0} regions; unavailable: ${report.aggregated.unavailable.map((u) => u.part).join(', ')}.`);
console.log(`Open the page (scripts/start) and drop ${cells}.`);
if (report.aggregated.records !== rows) throw new Error(`the cells stand for ${report.aggregated.records} records, not ${rows}`);
