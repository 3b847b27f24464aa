// Load + group-by-application (count, mean rating, count per rating) on
// generated feedback exports, for Ascolto (native and WASM in node) and the
// tools a user could pick instead. Each run is a fresh process, so peak
// memory is its own. Prints a table, then Ascolto's ratios against each peer.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { writeFeedback } from './gen-feedback.mjs';
import { csvToXlsx } from './gen-xlsx.mjs';
import { median } from './median.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const sizes = (process.env.BENCH_ROWS ?? '1000000,5000000').split(',').map(Number);
const peers = (process.env.BENCH_PEERS ?? 'duckdb-wasm,papaparse,arquero,perspective').split(',').filter(Boolean);
// Workbooks: the same data as .xlsx (Excel's way: shared strings, date
// serials, deflated), for the sizes a workbook can hold (BENCH_XLSX_ROWS).
const workbookSizes = (process.env.BENCH_XLSX_ROWS ?? '1000000').split(',').map(Number).filter((n) => sizes.includes(n));
const workbookPeers = peers.length ? ['sheetjs'] : [];
// Parquet: the same data as DuckDB writes it (Snappy), for BENCH_PARQUET_ROWS.
const parquetSizes = (process.env.BENCH_PARQUET_ROWS ?? '1000000').split(',').map(Number).filter((n) => sizes.includes(n));
// No Parquet peer: DuckDB-WASM reads Parquet through an extension it
// fetches from the network at first use (here it went to DNS and had not
// finished after the 10-minute timeout, offline), which a page that loads
// nothing from other hosts cannot do.
const groupByRequest = JSON.stringify({ aggregate: { by: 'applicativo', rating: 'voto' } });

// `request` null: the whole report (the page's first answer), checked to
// hold the feedback section; otherwise the group-by, with its groups.
// `threads`: 0 for every core (the CLI's default), 1 for one.
function runNative(file, request = groupByRequest, threads = 0) {
  const child = spawnSync(`${root}build/native-release/ascolto`,
    ['analyze', file, ...(request ? ['--request', request] : []), '--timing', '--threads', String(threads)],
    // A Parquet file goes through the page's reader in node, as scripts/ascolto sets it.
    { maxBuffer: 1 << 28, encoding: 'utf8', env: { ...process.env, ASCOLTO_PARQUET_CSV: `node ${root}scripts/parquet-csv.mjs` } });
  if (child.status !== 0) throw new Error(child.stderr);
  const timing = JSON.parse(child.stderr.trim().split('\n').pop());
  const report = JSON.parse(child.stdout);
  if (!request && !report.datasets[0].feedback) throw new Error('no feedback report');
  const groups = (report.aggregates?.[0].groups ?? []).map((g) => ({ value: g.value, n: g.mean.n, mean: g.mean.value, counts: g.counts }));
  return { seconds: timing.seconds, warm_seconds: NaN, peak_rss_bytes: timing.peak_rss_bytes, groups,
    threads: threads || availableParallelism() };
}

function runNode(engine, file) {
  const out = execFileSync('node', ['--max-old-space-size=16000', 'run.mjs', engine, file],
    { cwd: `${root}scripts/bench-peers`, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 600000 });
  return JSON.parse(out.trim().split('\n').pop());
}

// Every engine must find the same groups, counts and means as the first.
function check(reference, result) {
  const byValue = new Map(reference.groups.map((g) => [g.value, g]));
  if (result.groups.length !== reference.groups.length) return 'different number of groups';
  for (const g of result.groups) {
    const r = byValue.get(g.value);
    if (!r || r.n !== g.n || Math.abs(r.mean - g.mean) > 1e-9 || String(r.counts) !== String(g.counts)) return `group ${g.value} differs`;
  }
  return 'ok';
}

// The CSV file as Parquet, written by DuckDB (npm @duckdb/node-api).
async function writeParquet(csv, parquet) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  await (await db.connect()).run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${parquet}' (FORMAT parquet)`);
}

// Each timing of the CSV files is the median of `runsOf(count)` runs, each
// a fresh process, taken in rounds over the engines: this VM's speed moves
// by 30% from minute to minute (one of its two cores at times runs 1.6x
// slower), and one run of each engine compared minutes, not engines.
// BENCH_RUNS sets the runs (default 3 up to 1M rows, 1 above).
const runsOf = (count) => Number(process.env.BENCH_RUNS ?? (count <= 1000000 ? 3 : 1));

// Runs each engine `runs` times in rounds; returns each engine's median run
// (by cold seconds, with the median warm and ready times), or its error.
function medianRuns(engines, runs, label) {
  const results = new Map(engines.map(([engine]) => [engine, []]));
  const errors = new Map();
  for (let round = 0; round < runs; round += 1) {
    for (const [engine, run] of engines) {
      if (errors.has(engine)) continue;
      process.stderr.write(`${engine}${label} (run ${round + 1} of ${runs})...\n`);
      try {
        results.get(engine).push(run());
      } catch (error) {
        errors.set(engine, error);
      }
    }
  }
  return engines.map(([engine]) => {
    if (errors.has(engine)) return { engine, error: errors.get(engine) };
    const all = results.get(engine);
    const middle = [...all].sort((a, b) => a.seconds - b.seconds)[all.length >> 1];
    return { engine, result: { ...middle, warm_seconds: median(all.map((r) => r.warm_seconds)),
      ready_seconds: median(all.map((r) => r.ready_seconds)) } };
  });
}

const mb = (bytes) => bytes / 1e6;
const rows = [];
const workbookRuns = [];
const parquetRuns = [];
await mkdir(`${root}build/bench`, { recursive: true });
for (const count of sizes) {
  const file = `${root}build/bench/feedback-${count / 1e6}m.csv`;
  if (!existsSync(file)) {
    process.stderr.write(`writing ${file}\n`);
    await writeFeedback(file, count);
  }
  const bytes = statSync(file).size;
  if (workbookSizes.includes(count)) {
    const workbook = file.replace(/\.csv$/, '.xlsx');
    if (!existsSync(workbook)) {
      process.stderr.write(`writing ${workbook}\n`);
      csvToXlsx(file, workbook);
    }
    workbookRuns.push({ count, file: workbook, bytes: statSync(workbook).size });
  }
  if (parquetSizes.includes(count)) {
    const parquet = file.replace(/\.csv$/, '.parquet');
    if (!existsSync(parquet)) {
      process.stderr.write(`writing ${parquet}\n`);
      await writeParquet(file, parquet);
    }
    parquetRuns.push({ count, file: parquet, bytes: statSync(parquet).size });
  }
  // Ascolto on every core and on one, natively and in WASM (the threaded
  // module is a cross-origin isolated page's; the other, any page's).
  const engines = [['ascolto-native', () => runNative(file)], ['ascolto-native-1-thread', () => runNative(file, groupByRequest, 1)],
    ['ascolto-wasm-threads', () => runNode('ascolto-wasm-threads', file)], ['ascolto-wasm', () => runNode('ascolto-wasm', file)],
    ['ascolto-wasm-unprepared', () => runNode('ascolto-wasm-unprepared', file)], ...peers.map((p) => [p, () => runNode(p, file)])];
  let reference = null;
  for (const { engine, result, error } of medianRuns(engines, runsOf(count), ` on ${count} rows`)) {
    if (error) {
      rows.push({ engine, count, bytes, seconds: NaN, warm: NaN, rss: NaN, check: `failed: ${String(error.message).split('\n')[0]}` });
      continue;
    }
    reference ??= result;
    rows.push({ engine, count, bytes, groups: result.groups, ready: result.ready_seconds, seconds: result.seconds, warm: result.warm_seconds,
      rss: result.peak_rss_bytes, heap: result.wasm_heap_bytes, threads: result.threads ?? (engine.startsWith('ascolto') ? 1 : null),
      check: check(reference, result) });
  }
}

// The whole feedback report (the page's first answer: comments and their
// sentiment, ranking, trend, alerts) against the group-by alone, natively
// and in WASM; the speed issue's goal is at most 1.5x.
const wholeReports = [];
for (const count of sizes) {
  const file = `${root}build/bench/feedback-${count / 1e6}m.csv`;
  const engines = [['ascolto-native', () => runNative(file, null)], ['ascolto-native-1-thread', () => runNative(file, null, 1)],
    ['ascolto-wasm-threads', () => runNode('ascolto-wasm-threads-report', file)], ['ascolto-wasm', () => runNode('ascolto-wasm-report', file)]];
  for (const { engine, result, error } of medianRuns(engines, runsOf(count), `, whole report, on ${count} rows`)) {
    wholeReports.push(error ? { engine, count, seconds: NaN, warm: NaN, error: String(error.message).split('\n')[0] }
      : { engine, count, seconds: result.seconds, warm: result.warm_seconds });
  }
}

// The reading alone in WASM (bytes to the typed table, its columns' roles
// found; no report): the speed issue's goal is 500 MB/s on one core.
const readings = [];
for (const count of sizes) {
  const file = `${root}build/bench/feedback-${count / 1e6}m.csv`;
  const engines = ['ascolto-wasm-read', 'ascolto-wasm-threads-read'].map((engine) => [engine, () => runNode(engine, file)]);
  for (const { engine, result, error } of medianRuns(engines, runsOf(count), ` on ${count} rows`)) {
    readings.push(error ? { engine, count, seconds: NaN, warm: NaN, error: String(error.message).split('\n')[0] }
      : { engine, count, bytes: statSync(file).size, seconds: result.seconds, warm: result.warm_seconds, threads: result.threads });
  }
}

// The same rows in another format, after the CSV files: Ascolto (and
// `formatPeers`) on each file, checked against the groups of the CSV read.
function runFormat(runs, formatPeers, what) {
  const out = [];
  for (const { count, file, bytes } of runs) {
    const engines = [['ascolto-native', () => runNative(file)], ['ascolto-wasm', () => runNode('ascolto-wasm', file)],
      ...formatPeers.map((p) => [p, () => runNode(p, file)])];
    const reference = rows.find((r) => r.engine === 'ascolto-native' && r.count === count);
    for (const [engine, run] of engines) {
      process.stderr.write(`${engine} on the ${count}-row ${what}...\n`);
      try {
        const result = run();
        out.push({ engine, count, bytes, seconds: result.seconds, warm: result.warm_seconds,
          rss: result.peak_rss_bytes, heap: result.wasm_heap_bytes, check: reference?.groups ? check(reference, result) : 'ok' });
      } catch (error) {
        out.push({ engine, count, bytes, seconds: NaN, warm: NaN, rss: NaN, check: `failed: ${String(error.message).split('\n')[0]}` });
      }
    }
  }
  return out;
}
const workbookRows = runFormat(workbookRuns, workbookPeers, 'workbook');
const parquetRows = runFormat(parquetRuns, [], 'Parquet file');

console.log('\nLoad + group-by application (count, mean rating, counts per rating).');
console.log('ready: loading the engine before any file (not in cold or warm; Ascolto\'s includes its warm-up).');
console.log('ascolto-wasm-unprepared: the same without the warm-up\'s prepared heap (see web/warm-up.js).');
console.log('cold: the first file in a fresh process; warm: a second file in the same process.');
console.log(`Each figure of the CSV files: the median of ${sizes.map((n) => `${runsOf(n)} runs at ${n} rows`).join(', ')}, each a fresh process, in rounds over the engines.\n`);
console.log('threads: threads that read (Ascolto); peers run as their node package does (DuckDB-WASM\'s threaded');
console.log('build, duckdb-coi, is for browsers only: its node bindings have none, so it has no row here).\n');
console.log('engine                   rows threads       MB  ready s   cold s  cold MB/s   warm s  warm MB/s  peak RSS MB  WASM heap MB  memory/file  result');
const fixed = (v, d) => (Number.isFinite(v) ? v.toFixed(d) : '-');
for (const r of rows) {
  console.log([r.engine.padEnd(23), String(r.count).padStart(8), String(r.threads ?? '-').padStart(7), mb(r.bytes).toFixed(1).padStart(7),
    fixed(r.ready, 3).padStart(8), fixed(r.seconds, 3).padStart(8), fixed(mb(r.bytes) / r.seconds, 1).padStart(10),
    fixed(r.warm, 3).padStart(8), fixed(mb(r.bytes) / r.warm, 1).padStart(10),
    fixed(mb(r.rss), 0).padStart(12), (r.heap ? mb(r.heap).toFixed(0) : '-').padStart(13),
    fixed((r.heap || r.rss) / r.bytes, 2).padStart(12), ` ${r.check}`].join(' '));
}
console.log('\nmemory/file: the WASM heap (Ascolto in WASM) or the peak RSS, over the file\'s size; goal: at most 2.');
console.log('\nRatios: peer seconds / Ascolto seconds (> 1: Ascolto is faster); goals against DuckDB-WASM: 10x on every core, 6x on one\n');
for (const count of sizes) {
  const find = (engine) => rows.find((r) => r.engine === engine && r.count === count);
  const wasm = find('ascolto-wasm');
  const threaded = find('ascolto-wasm-threads');
  const native = find('ascolto-native');
  const unprepared = find('ascolto-wasm-unprepared');
  for (const r of rows.filter((x) => x.count === count && !x.engine.startsWith('ascolto'))) {
    console.log(`${String(count).padStart(8)} rows vs ${r.engine.padEnd(12)}  WASM cold ${threaded?.threads ?? '-'} threads ${fixed(r.seconds / threaded?.seconds, 2)}x,` +
      ` 1 thread ${fixed(r.seconds / wasm.seconds, 2)}x (without prepared heap ${fixed(r.seconds / unprepared.seconds, 2)}x)` +
      `  WASM warm ${fixed(r.warm / threaded?.warm, 2)}x, ${fixed(r.warm / wasm.warm, 2)}x  native ${fixed(r.seconds / native.seconds, 2)}x`);
  }
  const oneNative = find('ascolto-native-1-thread');
  console.log(`${String(count).padStart(8)} rows: every core against one, natively ${fixed(oneNative?.seconds / native?.seconds, 2)}x,` +
    ` in WASM cold ${fixed(wasm?.seconds / threaded?.seconds, 2)}x, warm ${fixed(wasm?.warm / threaded?.warm, 2)}x`);
}
console.log('\nThe whole feedback report (comments and their sentiment, ranking, trend, alerts) against the group-by above; goal: at most 1.5x\n');
for (const r of wholeReports) {
  const groupBy = rows.find((x) => x.engine === r.engine && x.count === r.count);
  const ratio = r.seconds / groupBy.seconds;
  console.log(`${r.engine.padEnd(15)} ${String(r.count).padStart(8)} rows  cold ${fixed(r.seconds, 3)} s (${fixed(ratio, 2)}x the group-by)` +
    (Number.isFinite(r.warm) ? `  warm ${fixed(r.warm, 3)} s (${fixed(r.warm / groupBy.warm, 2)}x)` : '') +
    `  ${r.error ?? (ratio <= 1.5 ? 'met' : 'not met')}`);
}
console.log('\nThe reading alone in WASM: bytes to the typed table, the columns\' roles found, no report; goal: 500 MB/s on one thread\n');
for (const r of readings) {
  const cold = mb(r.bytes) / r.seconds, warm = mb(r.bytes) / r.warm;
  console.log(`${r.engine.padEnd(26)} ${String(r.count).padStart(8)} rows  threads ${String(r.threads ?? '-').padStart(2)}` +
    `  cold ${fixed(r.seconds, 3)} s ${fixed(cold, 0).padStart(5)} MB/s  warm ${fixed(r.warm, 3)} s ${fixed(warm, 0).padStart(5)} MB/s` +
    `  ${r.error ?? (r.threads === 1 ? (Math.max(cold, warm) >= 500 ? 'met' : 'not met') : '')}`);
}
// A table of runFormat's rows, the file's size in MB under `sizeHeader`.
function printFormat(formatRows, sizeHeader) {
  console.log(`engine                   rows  ${sizeHeader}   cold s   warm s  peak RSS MB  WASM heap MB  result`);
  for (const r of formatRows) {
    console.log([r.engine.padEnd(23), String(r.count).padStart(8), mb(r.bytes).toFixed(1).padStart(sizeHeader.length + 1),
      fixed(r.seconds, 3).padStart(8), fixed(r.warm, 3).padStart(8), fixed(mb(r.rss), 0).padStart(12),
      (r.heap ? mb(r.heap).toFixed(0) : '-').padStart(13), ` ${r.check}`].join(' '));
  }
}
const ascolto = (list, engine, count) => list.find((r) => r.engine === engine && r.count === count);
if (workbookRows.length) {
  console.log('\nThe same rows as an .xlsx workbook (shared strings, date serials, deflated): load + the same group-by.\n');
  printFormat(workbookRows, 'xlsx MB');
  console.log('\nRatios for the workbook (> 1: Ascolto is faster)\n');
  for (const { count } of workbookRuns) {
    const wasm = ascolto(workbookRows, 'ascolto-wasm', count);
    const native = ascolto(workbookRows, 'ascolto-native', count);
    for (const r of workbookRows.filter((x) => x.count === count && !x.engine.startsWith('ascolto')))
      console.log(`${String(count).padStart(8)} rows vs ${r.engine.padEnd(12)}  WASM cold ${fixed(r.seconds / wasm.seconds, 2)}x  WASM warm ${fixed(r.warm / wasm.warm, 2)}x  native ${fixed(r.seconds / native.seconds, 2)}x`);
    console.log(`${String(count).padStart(8)} rows: the workbook costs ${fixed(wasm.seconds / ascolto(rows, 'ascolto-wasm', count).seconds, 2)}x the CSV file in WASM (cold), ${fixed(native.seconds / ascolto(rows, 'ascolto-native', count).seconds, 2)}x natively`);
  }
}
if (parquetRows.length) {
  console.log('\nThe same rows as Parquet (Snappy, written by DuckDB): load + the same group-by.');
  console.log('Ascolto decodes it with hyparquet in JS and hands the core CSV text (web/parquet.js); natively through node.\n');
  printFormat(parquetRows, 'parquet MB');
  console.log('\nNo peer: DuckDB-WASM fetches its Parquet extension from the network at first use, which a private page cannot do.\n');
  for (const { count } of parquetRuns) {
    console.log(`${String(count).padStart(8)} rows: the Parquet file costs ${fixed(ascolto(parquetRows, 'ascolto-wasm', count).seconds / ascolto(rows, 'ascolto-wasm', count).seconds, 2)}x the CSV file in WASM (cold)`);
  }
}
