// The warm-up export runs the reader's common paths through the core (so
// that V8 optimizes them before the user's first file) and is read cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { warmUp, warmUpCsv, WARM_UP_PASSES, WARM_UP_REQUESTS } from '../../web/warm-up.js';
import { loadSession, querySession } from '../../web/engine.js';
import { loadCore } from '../../web/node-core.js';
import { analyze } from '../../web/api.js';

test('the warm-up export is deterministic and read without a rejected row', async () => {
  assert.deepEqual(warmUpCsv(300), warmUpCsv(300));
  const report = await analyze({ name: 'warm-up.csv', bytes: warmUpCsv(300) });
  const d = report.datasets[0];
  assert.equal(d.kind.value, 'feedback');
  assert.deepEqual(d.rows, { read: 300, used: 300, rejected: 0, preamble: 0, footer: 0, rejected_by_reason: {} });
  assert.equal(d.file.line_ending, 'crlf');
  const types = Object.fromEntries(d.columns.map((c) => [c.name, c.type]));
  assert.deepEqual(types, {
    timestamp: 'datetime', applicativo: 'categorical', dispositivo: 'categorical', sede: 'categorical',
    voto: 'integer', durata: 'decimal', commento: 'categorical', riferimento: 'text',
  });
  assert.equal(d.columns.find((c) => c.name === 'durata').format, "decimal ','");
  assert.equal(d.warnings.filter((w) => w.code === 'invalid_value').length, 0);
});

test('warming up leaves the core ready for the next file', async () => {
  const core = await loadCore();
  const heapBefore = core.HEAP8.length;
  await warmUp(core, 200, { heapBytes: heapBefore + (8 << 20) });
  // The prepared heap stays with the module (WASM memory never shrinks).
  assert.ok(core.HEAP8.length >= heapBefore + (8 << 20));
  const report = await analyze({ name: 'a.csv', bytes: Buffer.from('canale,voto\nweb,5\napp,4\n') });
  assert.deepEqual(report.datasets[0].rows, { read: 2, used: 2, rejected: 0, preamble: 0, footer: 0, rejected_by_reason: {} });
});

test('every warm-up request is answered on the warm-up export (each path really runs)', async () => {
  const core = await loadCore();
  const bytes = warmUpCsv(2000);
  const session = await loadSession(core, [{ name: 'warm-up.csv', size: bytes.length, chunks: [bytes] }]);
  try {
    const [whole, feedback, comments, aggregate] = WARM_UP_REQUESTS.map((r) => querySession(session, r));
    assert.equal(whole.datasets[0].kind.value, 'feedback');
    assert.equal(feedback.views[0].feedback.filter.application, 'NASpI');
    assert.ok(comments.views[0].comments.total >= 10, `comments found: ${comments.views[0].comments.total}`);
    assert.ok(aggregate.aggregates[0].groups.length >= 2);
  } finally {
    session.delete();
  }
});

test('a file waiting ends the warm-up early: no heap is prepared, the core reads the file', async () => {
  const core = await loadCore();
  const heapBefore = core.HEAP8.length;
  let checks = 0;
  await warmUp(core, 20000, { heapBytes: heapBefore + (64 << 20), shouldStop: () => ++checks > 3 });
  // The first pass begins (1st check), two 32 KiB pieces of the 1.6 MB
  // export are read, the 4th check ends the reading, the 5th the requests.
  assert.equal(checks, 5);
  assert.ok(core.HEAP8.length < heapBefore + (64 << 20), 'the heap was not prepared');
  const bytes = Buffer.from('canale,voto\nweb,5\napp,4\n');
  const session = await loadSession(core, [{ name: 'a.csv', size: bytes.length, chunks: [bytes] }]);
  try {
    assert.deepEqual(querySession(session, {}).datasets[0].rows.used, 2);
  } finally {
    session.delete();
  }
});

test('a file waiting while the heap is written ends the writing at the next step', async () => {
  const core = await loadCore();
  const heapBytes = 16 << 20; // four 4 MiB steps
  let checks = 0;
  await warmUp(core, 200, { heapBytes, shouldStop: () => { checks += 1; return false; } });
  // Each pass: its start, the export's one piece, the requests; the first
  // pass also the four steps of the heap.
  const pass = 2 + WARM_UP_REQUESTS.length;
  assert.equal(checks, WARM_UP_PASSES * pass + 4);
  checks = 0;
  const stopAt = pass + 3; // the file arrives before the heap's third step
  await warmUp(core, 200, { heapBytes, shouldStop: () => { checks += 1; return checks >= stopAt; } });
  assert.equal(checks, stopAt, 'no step after the file arrived');
  const report = await analyze({ name: 'a.csv', bytes: Buffer.from('canale,voto\nweb,5\napp,4\n') });
  assert.equal(report.datasets[0].rows.used, 2);
});

test('each pass reads the warm-up export anew (caches built once per table are built again)', async () => {
  const core = await loadCore();
  let sessions = 0;
  const counted = new Proxy(core, {
    get(target, key) {
      if (key !== 'Session') return Reflect.get(target, key);
      return function Session() { sessions += 1; return new target.Session(); };
    },
  });
  await warmUp(counted, 200, { heapBytes: 0 });
  assert.ok(WARM_UP_PASSES > 1);
  assert.equal(sessions, WARM_UP_PASSES);
});
