// Ascolto's WASM module in node: the file streamed in 1 MiB chunks into the
// core (as the worker does with File.stream()), then the group-by request.
import { createReadStream, statSync } from 'node:fs';
import { loadCore } from '../../web/node-core.js';
import { runAnalysis } from '../../web/engine.js';

export default async function run(file) {
  const core = await loadCore();
  const started = performance.now();
  const chunks = createReadStream(file, { highWaterMark: 1 << 20 });
  const report = await runAnalysis(core, [{ name: 'feedback.csv', size: statSync(file).size, chunks }], {},
    { request: { aggregate: { by: 'applicativo', rating: 'voto' } } });
  const groups = report.aggregates[0].groups.map((g) => ({
    value: g.value, n: g.mean.n, mean: g.mean.value, counts: g.counts,
  }));
  return { seconds: (performance.now() - started) / 1000, groups, wasm_heap_bytes: core.HEAP8.length };
}
