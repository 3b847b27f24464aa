// Feeds byte streams into the WASM core and returns its report. Shared by
// the Web Worker (browser) and by node: the only code that talks to the
// module's Session.

/** Largest piece copied into WASM memory at once (bounds the input buffer). */
const MAX_PIECE = 1 << 20;

/** Thrown when the core refuses a call; `code` is the core's error code. */
export class AscoltoError extends Error {
  constructor({ code, message, line }) {
    super(message);
    this.name = 'AscoltoError';
    this.code = code;
    this.line = line ?? null;
  }
}

function statusError(status) {
  return status ? new AscoltoError(JSON.parse(status).error) : null;
}

/** Bytes a stream's reader fills per read, into one buffer used again and again. */
const STREAM_BUFFER_BYTES = 1 << 20;

/**
 * Iterates the chunks of a ReadableStream (with cancel on early exit). A
 * byte stream (File.stream(), a fetch body) is read into one recycled
 * buffer: in Chromium a 53 MB file was read and parsed in 0.31-0.51 s
 * this way, against 0.53-0.81 s with the fresh buffer the default reader
 * makes for every chunk. So a chunk is valid only until the next one is
 * asked for: copy it, do not keep it.
 */
export async function* streamChunks(stream) {
  let reader;
  let buffer = null;
  try {
    reader = stream.getReader({ mode: 'byob' });
    buffer = new ArrayBuffer(STREAM_BUFFER_BYTES);
  } catch {
    reader = stream.getReader(); // not a byte stream
  }
  try {
    for (;;) {
      const { done, value } = await (buffer ? reader.read(new Uint8Array(buffer)) : reader.read());
      if (done) return;
      if (buffer) buffer = value.buffer; // the read transferred it: the same memory, free again
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** Re-cuts a chunk sequence into pieces of exactly `size` bytes (tests). */
export async function* rechunk(chunks, size) {
  let pending = new Uint8Array(0);
  for await (const chunk of chunks) {
    const joined = new Uint8Array(pending.length + chunk.length);
    joined.set(pending);
    joined.set(chunk, pending.length);
    let offset = 0;
    for (; offset + size <= joined.length; offset += size) yield joined.subarray(offset, offset + size);
    pending = joined.slice(offset);
  }
  if (pending.length) yield pending;
}

// Feeds one input to the session: from its chunks, or, for a source that
// can read by itself (a file in node), straight into the core's input
// buffer, without a JS buffer per chunk. False when the core refused it.
async function feedInput(session, input, onProgress, chunkSize) {
  const progress = () => onProgress?.({ name: input.name, bytes: session.bytesRead(), rows: session.rowsRead() });
  if (input.readInto) {
    for (;;) {
      const length = await input.readInto(session.inputBuffer(MAX_PIECE));
      if (!length) return true;
      if (session.feed(length)) return false; // the dataset keeps its error
      progress();
    }
  }
  const chunks = chunkSize ? rechunk(input.chunks, chunkSize) : input.chunks;
  for await (const chunk of chunks) {
    for (let offset = 0; offset < chunk.length; offset += MAX_PIECE) {
      const piece = chunk.subarray(offset, offset + MAX_PIECE);
      session.inputBuffer(piece.length).set(piece); // view is fresh: memory may have grown
      if (session.feed(piece.length)) return false; // stops (and cancels) the stream
    }
    progress();
  }
  return true;
}

/**
 * Reads every input into a new core Session and returns it (the caller
 * deletes it). `inputs` is a list of { name, size, chunks } where chunks is
 * an (async) iterable of Uint8Array, or { name, size, readInto, close } where
 * readInto(view) fills the view and resolves to the bytes read (0 at the
 * end). A file that cannot be read stays in the session with its error;
 * the others are read.
 */
export async function loadSession(core, inputs, config = {}, { onProgress, chunkSize } = {}) {
  const session = new core.Session();
  try {
    const configError = statusError(session.configure(JSON.stringify(config ?? {})));
    if (configError) throw configError;
    for (const input of inputs) {
      try {
        const beginError = statusError(session.beginDataset(input.name, input.size ?? 0));
        if (beginError) throw beginError;
        if (await feedInput(session, input, onProgress, chunkSize)) session.finishDataset();
      } finally {
        await input.close?.();
      }
    }
    return session;
  } catch (error) {
    session.delete();
    throw error;
  }
}

/**
 * The report for a request on a loaded session (see README: {} for the
 * whole report, {feedback: {...}} or {comments: {...}} for dashboard views,
 * {aggregate: {by, rating}} for a group-by): nothing is read again.
 */
export function querySession(session, request = {}) {
  const report = JSON.parse(session.report(JSON.stringify(request)));
  if (report.error && !report.datasets) throw new AscoltoError(report.error);
  return report;
}

/** Reads the inputs, answers one request, frees the session. */
export async function runAnalysis(core, inputs, config = {}, { onProgress, chunkSize, request = {} } = {}) {
  const session = await loadSession(core, inputs, config, { onProgress, chunkSize });
  try {
    return querySession(session, request);
  } finally {
    session.delete();
  }
}
