// Turns what a caller hands to analyze() into named chunk streams:
// bytes, a File or Blob, a URL (fetched), or a list of them.
import { AscoltoError, streamChunks } from './engine.js';

function nameOfUrl(url) {
  const path = new URL(url, globalThis.location?.href ?? 'http://localhost/').pathname;
  return decodeURIComponent(path.split('/').pop() || 'dataset.csv');
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
    return { name: nameOfUrl(url), size: null, chunks: await fetchChunks(url, fetchImpl) };
  }
  if (input instanceof ArrayBuffer) input = new Uint8Array(input);
  if (ArrayBuffer.isView(input)) {
    const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    return { name: 'data.csv', size: bytes.length, chunks: [bytes] };
  }
  if (input && typeof input.stream === 'function') {
    return { name: input.name ?? 'data.csv', size: input.size ?? null, chunks: streamChunks(input.stream()) };
  }
  if (input && input.bytes) {
    // { name, bytes }: named bytes, as the CLI parity tests use.
    return { name: input.name ?? 'data.csv', size: input.bytes.length, chunks: [input.bytes] };
  }
  throw new AscoltoError({ code: 'invalid_input', message: 'Input must be bytes, a File/Blob or a URL.' });
}

export async function toSources(input, options) {
  const list = Array.isArray(input) ? input : [input];
  const sources = [];
  for (const item of list) sources.push(await toSource(item, options));
  return sources;
}
