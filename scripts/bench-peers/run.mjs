// Runs one engine on one file in this fresh process and prints one JSON
// line: {seconds, peak_rss_bytes, groups}. Usage: node run.mjs ENGINE FILE
import { createRequire } from 'node:module';

const [engine, file] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const load = {
  'ascolto-wasm': async () => (await import('./ascolto-wasm.mjs')).default,
  'ascolto-wasm-unprepared': async () => (await import('./ascolto-wasm.mjs')).unprepared,
  'ascolto-wasm-report': async () => (await import('./ascolto-wasm.mjs')).wholeReport,
  'ascolto-wasm-threads': async () => (await import('./ascolto-wasm.mjs')).threaded,
  'ascolto-wasm-threads-report': async () => (await import('./ascolto-wasm.mjs')).threadedWholeReport,
  'ascolto-wasm-read': async () => (await import('./ascolto-wasm.mjs')).readOnly,
  'ascolto-wasm-threads-read': async () => (await import('./ascolto-wasm.mjs')).threadedReadOnly,
  'duckdb-wasm': async () => require('./duckdb.cjs'),
  papaparse: async () => (await import('./papaparse.mjs')).default,
  arquero: async () => (await import('./arquero.mjs')).default,
  perspective: async () => (await import('./perspective.mjs')).default,
  sheetjs: async () => (await import('./sheetjs.mjs')).default,
}[engine];
if (!load) {
  console.error(`unknown engine ${engine}`);
  process.exit(2);
}
// Twice in one process: "cold" is a fresh page (first file dropped: memory
// first touched, code not yet optimized); "warm" is the next file dropped.
const run = await load();
const result = await run(file);
result.peak_rss_bytes = process.resourceUsage().maxRSS * 1024;
result.warm_seconds = (await run(file)).seconds;
console.log(JSON.stringify(result));
process.exit(0); // some engines keep worker threads alive
