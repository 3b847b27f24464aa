// The threaded module (the one a cross-origin isolated page loads) reads a
// file over the 8 MiB from which the threads take part into the report the
// one-thread module gives, byte for byte but for the threads its file facts
// name: a feedback export with quoted comments, and the same export with
// Windows line ends, bad rows and a footer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSource, loadCore } from '../../web/node-core.js';
import { runAnalysis, startThreads } from '../../web/engine.js';
import { writeFeedback } from '../../scripts/gen-feedback.mjs';

async function reportOf(core, path, threads) {
  const report = await runAnalysis(core, [fileSource(path, 'export.csv')], {}, { threads });
  const used = report.datasets[0].file.threads;
  delete report.datasets[0].file.threads;
  return { text: JSON.stringify(report), used };
}

test('the threaded module reads a large export on two threads into the one-thread report', { timeout: 240000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ascolto-threads-'));
  const plain = join(dir, 'feedback.csv');
  await writeFeedback(plain, 200000, 3, { offices: true });
  const lines = (await readFile(plain, 'utf8')).split('\n');
  // CRLF, a row too short and one too long in the middle, a footer.
  lines.splice(120000, 0, 'x,y', `${lines[5]},extra`);
  const messy = join(dir, 'messy.csv');
  await writeFile(messy, `${lines.join('\r\n')}Totale,,,,,\r\nFonte: INPS,,,,,\r\n`);

  const one = await loadCore();
  const threaded = await loadCore(undefined, { threads: true });
  assert.equal(await startThreads(threaded, 2), 2);
  for (const path of [plain, messy]) {
    const single = await reportOf(one, path, 0);
    const parallel = await reportOf(threaded, path, 2);
    assert.equal(single.used, 1);
    assert.equal(parallel.used, 2);
    const { rows } = JSON.parse(parallel.text).datasets[0];
    assert.deepEqual([rows.used, rows.rejected, rows.footer], path === plain ? [200000, 0, 0] : [200000, 2, 2]);
    assert.equal(parallel.text, single.text, path);
  }
});

test('a small file is read on the threads when the session is told so, as the warm-up does', { timeout: 120000 }, async () => {
  const { warmUpCsv } = await import('../../web/warm-up.js');
  const { loadSession, querySession } = await import('../../web/engine.js');
  const bytes = warmUpCsv(3000);
  const source = () => ({ name: 'warm-up.csv', size: bytes.length, chunks: [bytes] });
  const threaded = await loadCore(undefined, { threads: true });
  assert.equal(await startThreads(threaded, 2), 2);
  const reportWith = async (options) => {
    const session = await loadSession(threaded, [source()], {}, options);
    try {
      const report = querySession(session, {});
      const used = report.datasets[0].file.threads;
      delete report.datasets[0].file.threads;
      return { text: JSON.stringify(report), used };
    } finally {
      session.delete();
    }
  };
  const blocks = await reportWith({ threads: 2, parallel: { minBytes: 0, rangeBytes: 4096 } });
  const alone = await reportWith({ threads: 2 });  // under 8 MiB: one thread
  assert.equal(blocks.used, 2);
  assert.equal(alone.used, 1);
  assert.equal(blocks.text, alone.text);
});
