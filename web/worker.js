// The Web Worker that owns the WASM module: it reads File.stream() chunk by
// chunk into WASM memory and posts progress, then the report.
import createAscoltoCore from './ascolto-core.js';
import { loadSession, querySession, startThreads } from './engine.js';
import { toSources } from './sources.js';
import { warmUp } from './warm-up.js';

let corePromise;
// Set when a file arrives: the warm-up, if still running, ends early.
let fileWaiting = false;
// The single-file page hands the module its bytes (base64): there is no
// file beside the worker to fetch.
function inlineWasm() {
  const base64 = globalThis.ASCOLTO_WASM_BASE64;
  if (!base64) return null;
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// A cross-origin isolated page (the served page sends COOP and COEP) has
// SharedArrayBuffer: the module with threads reads large files on every
// core. Elsewhere (a portal without those headers, the single file) the
// module without threads: the same reports, on one core.
async function createCore(wasmBinary) {
  const locateFile = (file) => new URL(file, import.meta.url).href;
  if (wasmBinary || !self.crossOriginIsolated) return createAscoltoCore(wasmBinary ? { wasmBinary } : { locateFile });
  try {
    const { default: createThreaded } = await import('./ascolto-core-threads.js');
    const module = await createThreaded({ locateFile });
    await startThreads(module, 0);
    return module;
  } catch (error) { // its files not copied beside the worker, say: one core, the same reports
    console.warn('Ascolto: the module with threads could not start; reading on one core.', error);
    return createAscoltoCore({ locateFile });
  }
}

function core() {
  corePromise ??= createCore(inlineWasm())
    .then(async (module) => {
      // A failed warm-up costs speed only: the analysis goes on.
      await warmUp(module, undefined, { shouldStop: () => fileWaiting })
        .catch((error) => console.warn('Ascolto: warm-up failed', error));
      self.postMessage({ type: 'ready' }); // a spare that never says so is replaced (web/api.js)
      return module;
    });
  return corePromise;
}

// Compile and warm the module up as soon as the worker starts (the page
// keeps a spare worker), before any file arrives.
core();

const PROGRESS_INTERVAL_MS = 100;

// The session of the last analysis, kept for the dashboard's filter
// requests: they are answered from the tables in memory.
let session = null;

function errorMessage(error) {
  return { code: error.code ?? 'internal', message: String(error.message ?? error), line: error.line ?? null };
}

self.onmessage = async ({ data }) => {
  if (data.type === 'query') {
    try {
      if (!session) throw Object.assign(new Error('No analysis to query.'), { code: 'invalid_state' });
      self.postMessage({ type: 'answer', id: data.id, report: querySession(session, data.request) });
    } catch (error) {
      self.postMessage({ type: 'answer', id: data.id, error: errorMessage(error) });
    }
    return;
  }
  if (data.type !== 'analyze') return;
  // At once, before any await: the page replaces a worker that does not
  // say this (web/api.js, "accepted").
  self.postMessage({ type: 'accepted' });
  fileWaiting = true;
  try {
    const sources = await toSources(data.inputs);
    const sizes = new Map(sources.map((s) => [s.name, s.size]));
    let last = 0;
    const onProgress = (progress) => {
      const now = performance.now();
      if (now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      self.postMessage({ type: 'progress', progress: { ...progress, size: sizes.get(progress.name) } });
    };
    session?.delete();
    session = await loadSession(await core(), sources, data.config, { onProgress, threads: 0 });
    const report = querySession(session, data.request ?? {});
    if (!data.keep) {
      session.delete();
      session = null;
    }
    self.postMessage({ type: 'report', report });
  } catch (error) {
    self.postMessage({ type: 'error', error: errorMessage(error) });
  }
};
