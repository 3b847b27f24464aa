// Ascolto's WASM module in node: the file read in 1 MiB pieces straight into
// the core's input buffer (fileSource; DuckDB-WASM's node file protocol
// likewise reads into its own memory), then the group-by request.
// The module is loaded and warmed up first, as the page's spare worker does
// while the user picks a file; that time is reported as ready_seconds.
// `unprepared` skips the warm-up's prepared heap (PREPARED_HEAP_BYTES), to
// show what the first file costs without it.
import { fileSource, loadCore } from '../../web/node-core.js';
import { loadSession, querySession, startThreads } from '../../web/engine.js';
import { PREPARED_HEAP_BYTES, warmUp } from '../../web/warm-up.js';
import { settle } from './settle.mjs';

// `threads`: the module with threads (a cross-origin isolated page's), its
// pool started on every core before the file, as the page's worker does.
// `readOnly`: times the reading alone (bytes to the typed table, its
// columns' roles found), then answers the group-by untimed for the check.
function adapter(heapBytes, request = { aggregate: { by: 'applicativo', rating: 'voto' } }, { threads = false, readOnly = false } = {}) {
  let ready = null;
  const readyCore = async () => {
    if (!ready) {
      const started = performance.now();
      const core = await loadCore(undefined, { threads });
      const count = threads ? await startThreads(core, 0) : 1;
      await warmUp(core, undefined, { heapBytes });
      ready = { core, threads: count, seconds: (performance.now() - started) / 1000 };
    }
    return ready;
  };
  return (file) => run(file, readyCore, request, readOnly);
}

export default adapter(PREPARED_HEAP_BYTES);
export const unprepared = adapter(0);
/** The whole report (the page's first answer) instead of the group-by. */
export const wholeReport = adapter(PREPARED_HEAP_BYTES, null);
export const threaded = adapter(PREPARED_HEAP_BYTES, undefined, { threads: true });
export const threadedWholeReport = adapter(PREPARED_HEAP_BYTES, null, { threads: true });
export const readOnly = adapter(PREPARED_HEAP_BYTES, undefined, { readOnly: true });
export const threadedReadOnly = adapter(PREPARED_HEAP_BYTES, undefined, { threads: true, readOnly: true });

async function run(file, readyCore, request, readOnly) {
  const { core, threads, seconds: readySeconds } = await readyCore();
  await settle();
  const started = performance.now();
  const name = file.endsWith('.parquet') ? 'feedback.parquet' : 'feedback.csv';
  const session = await loadSession(core, [fileSource(file, name)], {}, { threads: 0 });
  const read = performance.now();
  let report;
  try {
    report = querySession(session, request ?? {});
  } finally {
    session.delete();
  }
  const seconds = ((readOnly ? read : performance.now()) - started) / 1000;
  const groups = (report.aggregates?.[0].groups ?? []).map((g) => ({
    value: g.value, n: g.mean.n, mean: g.mean.value, counts: g.counts,
  }));
  if (!request && !report.datasets?.[0]?.feedback) throw new Error('no feedback report');
  return {
    seconds, ready_seconds: readySeconds, groups, wasm_heap_bytes: core.HEAP8.length, threads,
  };
}
