// SheetJS (the xlsx package, the usual choice for reading workbooks in a
// browser) on the workbook's bytes, dense mode, then a plain JS loop for
// the group-by on the header's columns.
import { readFile } from 'node:fs/promises';
import XLSX from 'xlsx';
import { settle } from './settle.mjs';

export default async function run(file) {
  await settle();
  const started = performance.now();
  const workbook = XLSX.read(await readFile(file), { type: 'buffer', dense: true });
  const sheet = workbook.Sheets[workbook.SheetNames[0]];
  const data = sheet['!data'] ?? sheet; // dense rows: ws["!data"] (0.19+) or the sheet itself (0.18)
  const rows = Array.isArray(data) ? data : [];
  const header = rows[0].map((cell) => cell?.v);
  const app = header.indexOf('applicativo');
  const vote = header.indexOf('voto');
  const groups = new Map();
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    const value = row[app]?.v;
    const rating = Number(row[vote]?.v);
    let g = groups.get(value);
    if (!g) groups.set(value, (g = { value, n: 0, sum: 0, counts: [0, 0, 0, 0, 0] }));
    g.n += 1;
    g.sum += rating;
    g.counts[rating - 1] += 1;
  }
  const result = [...groups.values()].map((g) => ({ value: g.value, n: g.n, mean: g.sum / g.n, counts: g.counts }));
  return { seconds: (performance.now() - started) / 1000, groups: result };
}
