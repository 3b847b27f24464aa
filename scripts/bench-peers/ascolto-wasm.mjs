// Ascolto's WASM module in node: the file read in 1 MiB pieces straight into
// the core's input buffer (fileSource; DuckDB-WASM's node file protocol
// likewise reads into its own memory), then the group-by request.
// The module is loaded and warmed up first, as the page's spare worker does
// while the user picks a file; that time is reported as ready_seconds.
import { fileSource, loadCore } from '../../web/node-core.js';
import { runAnalysis } from '../../web/engine.js';
import { warmUp } from '../../web/warm-up.js';
import { settle } from './settle.mjs';

let ready = null;

async function readyCore() {
  if (!ready) {
    const started = performance.now();
    const core = await loadCore();
    await warmUp(core);
    ready = { core, seconds: (performance.now() - started) / 1000 };
  }
  return ready;
}

export default async function run(file) {
  const { core, seconds: readySeconds } = await readyCore();
  await settle();
  const started = performance.now();
  const report = await runAnalysis(core, [fileSource(file, 'feedback.csv')], {},
    { request: { aggregate: { by: 'applicativo', rating: 'voto' } } });
  const groups = report.aggregates[0].groups.map((g) => ({
    value: g.value, n: g.mean.n, mean: g.mean.value, counts: g.counts,
  }));
  return {
    seconds: (performance.now() - started) / 1000, ready_seconds: readySeconds, groups, wasm_heap_bytes: core.HEAP8.length,
  };
}
