// Ascolto's WASM module in node: the file streamed in 1 MiB chunks into the
// core (as the worker does with File.stream()), then the group-by request.
// The module is loaded and warmed up first, as the page's spare worker does
// while the user picks a file; that time is reported as ready_seconds.
import { createReadStream, statSync } from 'node:fs';
import { loadCore } from '../../web/node-core.js';
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
  const chunks = createReadStream(file, { highWaterMark: 1 << 20 });
  const report = await runAnalysis(core, [{ name: 'feedback.csv', size: statSync(file).size, chunks }], {},
    { request: { aggregate: { by: 'applicativo', rating: 'voto' } } });
  const groups = report.aggregates[0].groups.map((g) => ({
    value: g.value, n: g.mean.n, mean: g.mean.value, counts: g.counts,
  }));
  return {
    seconds: (performance.now() - started) / 1000, ready_seconds: readySeconds, groups, wasm_heap_bytes: core.HEAP8.length,
  };
}
