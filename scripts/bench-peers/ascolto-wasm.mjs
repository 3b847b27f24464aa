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

function adapter(heapBytes, request = { aggregate: { by: 'applicativo', rating: 'voto' } }) {
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
  return (file) => run(file, readyCore, request);
}

export default adapter(PREPARED_HEAP_BYTES);
export const unprepared = adapter(0);
/** The whole report (the page's first answer) instead of the group-by. */
export const wholeReport = adapter(PREPARED_HEAP_BYTES, null);

async function run(file, readyCore, request) {
  const { core, seconds: readySeconds } = await readyCore();
  await settle();
  const started = performance.now();
  const name = file.endsWith('.parquet') ? 'feedback.parquet' : 'feedback.csv';
  const report = await runAnalysis(core, [fileSource(file, name)], {}, request ? { request } : {});
  const groups = (report.aggregates?.[0].groups ?? []).map((g) => ({
    value: g.value, n: g.mean.n, mean: g.mean.value, counts: g.counts,
  }));
  if (!request && !report.datasets?.[0]?.feedback) throw new Error('no feedback report');
  return {
    seconds: (performance.now() - started) / 1000, ready_seconds: readySeconds, groups, wasm_heap_bytes: core.HEAP8.length,
  };
}
