// A file read by fileSource (straight into the core's input buffer, as the
// benchmark reads) gives the report the same bytes give through chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSource, loadCore } from '../../web/node-core.js';
import { runAnalysis } from '../../web/engine.js';
import { warmUpCsv } from '../../web/warm-up.js';

const request = { aggregate: { by: 'applicativo', rating: 'voto' } };

test('a file read into the core in pieces gives the report its bytes give', async () => {
  const core = await loadCore();
  const dir = await mkdtemp(join(tmpdir(), 'ascolto-'));
  try {
    const path = join(dir, 'feedback.csv');
    const bytes = warmUpCsv(40000); // several 1 MiB pieces: records cut between them
    assert.ok(bytes.length > 3 * (1 << 20));
    await writeFile(path, bytes);
    const source = fileSource(path);
    assert.equal(source.name, 'feedback.csv');
    assert.equal(source.size, bytes.length);
    const fromFile = await runAnalysis(core, [source], {}, { request });
    const fromBytes = await runAnalysis(core, [{ name: 'feedback.csv', size: bytes.length, chunks: [bytes] }], {},
      { request });
    const rated = fromFile.aggregates[0].groups.reduce((n, g) => n + g.mean.n, 0);
    assert.equal(rated, 40000); // every warm-up row is rated
    assert.deepEqual(fromFile, fromBytes);
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('a real export read by fileSource matches its bytes, whole report', async (t) => {
  const core = await loadCore();
  const path = new URL('../../../shared/data/amazon_it_reviews.csv', import.meta.url).pathname;
  if (!existsSync(path)) return t.skip('../shared/data is absent');
  const bytes = await readFile(path);
  const fromFile = await runAnalysis(core, [fileSource(path)], {});
  const fromBytes = await runAnalysis(core, [{ name: 'amazon_it_reviews.csv', size: bytes.length, chunks: [bytes] }]);
  assert.equal(fromFile.datasets[0].rows.read, fromBytes.datasets[0].rows.read);
  assert.ok(fromFile.datasets[0].rows.read > 0);
  assert.deepEqual(fromFile, fromBytes);
});
