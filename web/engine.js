// Feeds byte streams into the WASM core and returns its report. Shared by
// the Web Worker (browser) and by node: the only code that talks to the
// module's Session.

import { PARQUET_READING, asyncBufferOf, isParquet, parquetCsvChunks } from './parquet.js';

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
// buffer, without a JS buffer per chunk. The core's refusal (an
// AscoltoError) or null.
async function feedInput(session, input, onProgress, chunkSize) {
  const progress = () => onProgress?.({ name: input.name, bytes: session.bytesRead(), rows: session.rowsRead() });
  if (input.readInto) {
    for (;;) {
      const length = await input.readInto(session.inputBuffer(MAX_PIECE));
      if (!length) return null;
      const refused = statusError(session.feed(length));
      if (refused) return refused; // the dataset keeps its error
      progress();
    }
  }
  const chunks = chunkSize ? rechunk(input.chunks, chunkSize) : input.chunks;
  for await (const chunk of chunks) {
    for (let offset = 0; offset < chunk.length; offset += MAX_PIECE) {
      const piece = chunk.subarray(offset, offset + MAX_PIECE);
      session.inputBuffer(piece.length).set(piece); // view is fresh: memory may have grown
      const refused = statusError(session.feed(piece.length));
      if (refused) return refused; // stops (and cancels) the stream
    }
    progress();
  }
  return null;
}

// Reads one input as a new dataset or as the next file of the current one
// (`append`), and ends it; the dataset is not finished. The core's refusal
// (different_header, or the file's reading error) or null.
async function readFile(session, input, append, options) {
  try {
    const size = input.size ?? 0;
    const started = statusError(append ? session.appendToDataset(input.name, size) : session.beginDataset(input.name, size, ''));
    if (started) throw started;
    const refused = await feedInput(session, input, options.onProgress, options.chunkSize);
    return refused ?? statusError(session.endFile());
  } finally {
    await input.close?.();
  }
}

// What an input is, from its first bytes, read once: 'parquet' ("PAR1"),
// 'workbook' (or a ZIP, or an old Office file: the core tells), or 'text'.
async function formatOf(session, input) {
  const head = await input.head?.();
  if (!head?.length) return 'text';
  if (isParquet(head)) return 'parquet';
  session.inputBuffer(head.length).set(head);
  return session.isWorkbook(head.length) ? 'workbook' : 'text';
}

/**
 * Reads a workbook by random access: the core names each byte range it
 * needs and whether to inflate it; the platform's DecompressionStream
 * (zlib in Chromium, Firefox and node) inflates, and the bytes go back in
 * pieces. Each sheet with a table becomes a dataset; a workbook that cannot
 * be read stays in the report with its error.
 */
async function readWorkbook(session, input, { onProgress }) {
  try {
    if (!input.range && input.toRandomAccess) input = await input.toRandomAccess();
    const started = statusError(session.beginWorkbook(input.name, input.size ?? 0));
    if (started) throw started;
    for (;;) {
      const step = JSON.parse(session.workbookNext());
      if (step.done) return;
      // Progress counts the file's bytes as they go into the inflater.
      let read = step.offset;
      let stream = input.range(step.offset, step.length).pipeThrough(new TransformStream({
        transform(chunk, controller) {
          read += chunk.length;
          controller.enqueue(chunk);
        },
      }));
      if (step.inflate) stream = stream.pipeThrough(new DecompressionStream('deflate-raw'));
      try {
        pieces: for await (const chunk of streamChunks(stream)) {
          for (let offset = 0; offset < chunk.length; offset += MAX_PIECE) {
            const piece = chunk.subarray(offset, offset + MAX_PIECE);
            session.inputBuffer(piece.length).set(piece);
            if (statusError(session.workbookFeed(piece.length))) break pieces; // the core stops this part
          }
          onProgress?.({ name: input.name, bytes: read, rows: session.rowsRead() });
        }
      } catch (error) {
        session.workbookFail(`A part of the workbook cannot be read or inflated (${error.message}): the file is damaged.`);
      }
    }
  } finally {
    await input.close?.();
  }
}

/**
 * Reads a Parquet file by random access (its footer first, then each row
 * group) as CSV text written by web/parquet.js, with the reading options
 * that say how it was written. A file that cannot be read stays in the
 * report with its error.
 */
async function readParquet(session, input, { onProgress }) {
  try {
    if (!input.range && input.toRandomAccess) input = await input.toRandomAccess();
    const started = statusError(session.beginDataset(input.name, input.size ?? 0, PARQUET_READING));
    if (started) throw started;
    const chunks = parquetCsvChunks(asyncBufferOf(input));
    let refused = null;
    try {
      refused = await feedInput(session, { name: input.name, chunks }, onProgress);
    } catch (error) {
      session.failDataset(`The Parquet file cannot be read: ${error.message}`);
      return;
    }
    if (!refused) statusError(session.endFile());
  } finally {
    await input.close?.();
    session.finishDataset();
  }
}

// `format`: formatOf's answer when the caller has it already.
async function readAlone(session, input, options, format) {
  format ??= await formatOf(session, input);
  if (format === 'workbook') {
    await readWorkbook(session, input, options);
    return;
  }
  if (format === 'parquet') {
    await readParquet(session, input, options);
    return;
  }
  await readFile(session, input, false, options);
  session.finishDataset(); // a file that could not be read stays with its error
}

/**
 * Starts the threaded module's pool of `threads` threads (0: every core)
 * and resolves when they run: a pthread is a Web Worker that starts only
 * once this thread's event loop has seen it load, so a file read without
 * yielding first would find the pool still empty (and read on one thread).
 * Resolves to the threads that will read; 1 for the module without threads.
 */
export async function startThreads(core, threads = 0) {
  const session = new core.Session();
  const count = session.setThreads(threads);
  session.delete();
  const workers = core.PThread?.runningWorkers ?? [];
  for (let waited = 0; workers.some((w) => !w.loaded) && waited < 10000; waited += 2) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return count;
}

/**
 * Reads every input into a new core Session and returns it (the caller
 * deletes it). `inputs` is a list of { name, size, chunks } where chunks is
 * an (async) iterable of Uint8Array, or { name, size, readInto, close } where
 * readInto(view) fills the view and resolves to the bytes read (0 at the
 * end); `reopen()`, when given, returns the same input read from the start.
 * A file that cannot be read stays in the session with its error; the
 * others are read. With `config.combine`, inputs that can be reopened and
 * have the first's columns are read as one dataset (see README); a file
 * with other columns is read again later, a file that fails is read on its
 * own and its group again without it.
 */
export async function loadSession(core, inputs, config = {}, { onProgress, chunkSize, threads, parallel } = {}) {
  const session = new core.Session();
  const options = { onProgress, chunkSize };
  try {
    // The threaded module reads large files on `threads` threads (0: every
    // core); the other reads on one whatever is asked. `parallel`
    // ({ minBytes, rangeBytes }): from what size a file is read on them.
    if (threads !== undefined) session.setThreads(threads);
    if (parallel) session.setParallelReading(parallel.minBytes, parallel.rangeBytes);
    const configError = statusError(session.configure(JSON.stringify(config ?? {})));
    if (configError) throw configError;
    let pending = [...inputs];
    while (pending.length) {
      const first = pending.shift();
      const format = await formatOf(session, first);
      if (!config?.combine || !first.reopen || format !== 'text') { // workbooks and Parquet: never combined
        await readAlone(session, first, options, format);
        continue;
      }
      if (await readFile(session, first, false, options)) {
        session.finishDataset();
        continue;
      }
      const group = [first];
      const otherShape = [];
      let failed = null;
      while (pending.length && !failed) {
        const next = pending.shift();
        if (!next.reopen || (await formatOf(session, next)) !== 'text') {
          otherShape.push(next);
          continue;
        }
        const refused = await readFile(session, next, true, options);
        if (refused?.code === 'different_header') otherShape.push(await next.reopen());
        else if (refused) failed = next;
        else group.push(next);
      }
      if (failed) {
        session.discardLastDataset();
        await readAlone(session, await failed.reopen(), options);
        pending = [...await Promise.all(group.map((i) => i.reopen())), ...otherShape, ...pending];
        continue;
      }
      if (statusError(session.finishDataset())) {
        session.discardLastDataset();
        for (const input of group) await readAlone(session, await input.reopen(), options);
      }
      pending = otherShape;
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
export async function runAnalysis(core, inputs, config = {}, { onProgress, chunkSize, threads, request = {} } = {}) {
  const session = await loadSession(core, inputs, config, { onProgress, chunkSize, threads });
  try {
    return querySession(session, request);
  } finally {
    session.delete();
  }
}
