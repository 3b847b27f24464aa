// PapaParse on the file's text, then a plain JS loop for the group-by.
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { settle } from './settle.mjs';

export default async function run(file) {
  await settle();
  const started = performance.now();
  const text = await readFile(file, 'utf8');
  const { data } = Papa.parse(text, { header: true, skipEmptyLines: true });
  const groups = new Map();
  for (const row of data) {
    const rating = Number(row.voto);
    let g = groups.get(row.applicativo);
    if (!g) groups.set(row.applicativo, (g = { value: row.applicativo, n: 0, sum: 0, counts: [0, 0, 0, 0, 0] }));
    g.n += 1;
    g.sum += rating;
    g.counts[rating - 1] += 1;
  }
  const result = [...groups.values()].map((g) => ({ value: g.value, n: g.n, mean: g.sum / g.n, counts: g.counts }));
  return { seconds: (performance.now() - started) / 1000, groups: result };
}
