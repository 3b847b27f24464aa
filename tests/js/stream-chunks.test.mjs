// streamChunks: a byte stream read into one recycled buffer gives every
// byte in order (each chunk copied before the next is asked for, as the
// engine does); other streams are read as they come; leaving early cancels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { streamChunks } from '../../web/engine.js';

const bytes = Uint8Array.from({ length: (3 << 20) + 12345 }, (_, i) => (i * 7919) % 251);

async function collect(stream) {
  const copies = [];
  for await (const chunk of streamChunks(stream)) copies.push(chunk.slice());
  return copies;
}

function joined(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

test('a byte stream (a Blob) is read whole, in order, in pieces of at most 1 MiB', async () => {
  const chunks = await collect(new Blob([bytes.subarray(0, 1000), bytes.subarray(1000)]).stream());
  assert.ok(chunks.length >= 4, `${chunks.length} chunks`);
  assert.ok(chunks.every((c) => c.length <= 1 << 20));
  assert.deepEqual(joined(chunks), bytes);
});

test('a stream that is not a byte stream is read chunk by chunk', async () => {
  const pieces = [bytes.slice(0, 10), bytes.slice(10, 5000), bytes.slice(5000)];
  const stream = new ReadableStream({
    pull(controller) {
      if (pieces.length) controller.enqueue(pieces.shift()); else controller.close();
    },
  });
  assert.deepEqual(joined(await collect(stream)), bytes);
});

test('leaving the loop early cancels the stream (a cancelled analysis stops reading)', async () => {
  let cancelled = false;
  const stream = new ReadableStream({
    type: 'bytes',
    pull(controller) { controller.enqueue(bytes.slice(0, 4096)); },
    cancel() { cancelled = true; },
  });
  let seen = 0;
  for await (const chunk of streamChunks(stream)) {
    seen += chunk.length;
    if (seen > 10000) break;
  }
  assert.equal(cancelled, true);
});
