// Arquero: fromCSV (with its type inference), then groupby + rollup.
import { readFile } from 'node:fs/promises';
import * as aq from 'arquero';
import { settle } from './settle.mjs';

const { op } = aq;

export default async function run(file) {
  await settle();
  const started = performance.now();
  const table = aq.fromCSV(await readFile(file, 'utf8'));
  const rolled = table.groupby('applicativo').rollup({
    n: op.count(), mean: op.mean('voto'),
    r1: (d) => op.sum(d.voto === 1), r2: (d) => op.sum(d.voto === 2), r3: (d) => op.sum(d.voto === 3),
    r4: (d) => op.sum(d.voto === 4), r5: (d) => op.sum(d.voto === 5),
  }).objects();
  const groups = rolled.map((r) => ({ value: r.applicativo, n: r.n, mean: r.mean, counts: [r.r1, r.r2, r.r3, r.r4, r.r5] }));
  return { seconds: (performance.now() - started) / 1000, groups };
}
