// Perspective (C++ engine in WASM): a table from the CSV text, then a
// view grouped by application (count and mean) and split by rating (counts).
import { readFile } from 'node:fs/promises';
import perspective from '@finos/perspective';
import { settle } from './settle.mjs';

export default async function run(file) {
  await settle();
  const started = performance.now();
  const table = await perspective.table(await readFile(file, 'utf8'));
  const byApp = await table.view({ group_by: ['applicativo'], columns: ['voto', 'timestamp'], aggregates: { voto: 'avg', timestamp: 'count' } });
  const columns = await byApp.to_columns();
  const counts = await table.view({ group_by: ['applicativo'], split_by: ['voto'], columns: ['timestamp'], aggregates: { timestamp: 'count' } });
  const split = await counts.to_columns();
  const names = columns.__ROW_PATH__;
  const groups = [];
  for (let i = 1; i < names.length; i += 1) { // row 0 is the grand total
    groups.push({
      value: names[i][0], n: columns.timestamp[i], mean: columns.voto[i],
      counts: [1, 2, 3, 4, 5].map((r) => split[`${r}|timestamp`]?.[i] ?? 0),
    });
  }
  await counts.delete();
  await byApp.delete();
  await table.delete();
  return { seconds: (performance.now() - started) / 1000, groups };
}
