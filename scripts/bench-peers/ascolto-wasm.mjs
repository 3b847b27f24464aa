// Ascolto's WASM module in node: the file read in 1 MiB pieces straight into
// the core's input buffer (fileSource; DuckDB-WASM's node file protocol
// likewise reads into its own memory), then the group-by request.
// The module is loaded and warmed up first, as the page's spare worker does
// while the user picks a file; that time is reported as ready_seconds.
// `unprepared` skips the warm-up's prepared heap (PREPARED_HEAP_BYTES), to
// show what the first file costs without it.
import { fileSource, loadCore } from '../../web/node-core.js';
import { runAnalysis } from '../../web/engine.js';
import { PREPARED_HEAP_BYTES, warmUp } from '../../web/warm-up.js';
import { settle } from './settle.mjs';

function adapter(heapBytes) {
  let ready = null;
  const readyCore = async () => {
    if (!ready) {
      const started = performance.now();
      const core = await loadCore();
      await warmUp(core, undefined, { heapBytes });
      ready = { core, seconds: (performance.now() - started) / 1000 };
    }
    return ready;
  };
  return (file) => run(file, readyCore);
}

export default adapter(PREPARED_HEAP_BYTES);
export const unprepared = adapter(0);

async function run(file, readyCore) {
  const { core, seconds: readySeconds } = await readyCore();
  await settle();
  const started = performance.now();
  const name = file.endsWith('.parquet') ? 'feedback.parquet' : 'feedback.csv';
  const report = await runAnalysis(core, [fileSource(file, name)], {},
    { request: { aggregate: { by: 'applicativo', rating: 'voto' } } });
  const groups = report.aggregates[0].groups.map((g) => ({
    value: g.value, n: g.mean.n, mean: g.mean.value, counts: g.counts,
  }));
  return {
    seconds: (performance.now() - started) / 1000, ready_seconds: readySeconds, groups, wasm_heap_bytes: core.HEAP8.length,
  };
}
