// Turns what a caller hands to analyze() into named chunk streams:
// bytes, a File or Blob, a URL (fetched), or a list of them.
import { AscoltoError, streamChunks } from './engine.js';

function nameOfUrl(url) {
  const path = new URL(url, globalThis.location?.href ?? 'http://localhost/').pathname;
  return decodeURIComponent(path.split('/').pop() || 'dataset.csv');
}

/** A ReadableStream over bytes in memory (a workbook's part). */
export function bytesStream(bytes) {
  return new ReadableStream({
    start(controller) {
      if (bytes.length) controller.enqueue(bytes.slice());
      controller.close();
    },
  });
}

/** Random access over a Blob: the first bytes, and any byte range as a stream. */
function blobAccess(blob) {
  return {
    head: async () => new Uint8Array(await blob.slice(0, 8).arrayBuffer()),
    range: (offset, length) => blob.slice(offset, offset + length).stream(),
  };
}

// A fetched body has no random access: its first chunk is kept to be
// looked at (is it a workbook?); a workbook is then read whole into a Blob.
function peekable(chunks) {
  const iterator = chunks[Symbol.asyncIterator]();
  let first = null;
  const peek = async () => {
    if (!first) first = await iterator.next();
    return first;
  };
  return {
    head: async () => (await peek()).value ?? new Uint8Array(0),
    chunks: (async function* rest() {
      const { done, value } = await peek();
      if (done) return;
      yield value.slice(); // the reader may reuse its buffer
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    })(),
  };
}

async function fetchChunks(url, fetchImpl) {
  let response;
  try {
    response = await fetchImpl(url);
  } catch (error) {
    throw new AscoltoError({ code: 'network_error', message: `Cannot fetch ${url}: ${error.message}` });
  }
  if (!response.ok) {
    throw new AscoltoError({ code: 'http_error', message: `Fetching ${url} answered HTTP ${response.status}` });
  }
  return streamChunks(response.body);
}

/**
 * One input as { name, size, chunks, reopen }; `size` is null when unknown;
 * reopen() gives the same input read again from the start (a file whose
 * columns differ from the files it was to be combined with).
 */
export async function toSource(input, options = {}) {
  const source = await openSource(input, options);
  source.reopen = () => toSource(input, options);
  return source;
}

async function openSource(input, { fetchImpl = globalThis.fetch } = {}) {
  if (typeof input === 'string' || input instanceof URL) {
    const url = String(input);
    const name = nameOfUrl(url);
    const { head, chunks } = peekable(await fetchChunks(url, fetchImpl));
    const toRandomAccess = async () => {
      const parts = [];
      for await (const chunk of chunks) parts.push(chunk.slice());
      const blob = new Blob(parts);
      return { name, size: blob.size, ...blobAccess(blob) };
    };
    return { name, size: null, chunks, head, toRandomAccess };
  }
  if (input instanceof ArrayBuffer) input = new Uint8Array(input);
  if (ArrayBuffer.isView(input)) input = { name: 'data.csv', bytes: input };
  if (input && typeof input.stream === 'function') {
    const access = typeof input.slice === 'function' ? blobAccess(input) : {};
    return { name: input.name ?? 'data.csv', size: input.size ?? null, chunks: streamChunks(input.stream()), ...access };
  }
  if (input && input.bytes) {
    // { name, bytes }: named bytes, as the CLI parity tests use.
    const bytes = new Uint8Array(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
    return {
      name: input.name ?? 'data.csv',
      size: bytes.length,
      chunks: [bytes],
      head: async () => bytes.subarray(0, 8),
      range: (offset, length) => bytesStream(bytes.subarray(offset, offset + length)),
    };
  }
  throw new AscoltoError({ code: 'invalid_input', message: 'Input must be bytes, a File/Blob or a URL.' });
}

export async function toSources(input, options) {
  const list = Array.isArray(input) ? input : [input];
  const sources = [];
  for (const item of list) sources.push(await toSource(item, options));
  return sources;
}
