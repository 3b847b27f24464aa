// The public JS API: analyze(input, config) -> Promise<report>.
// In a page it runs the core in a Web Worker (the page never blocks); in
// node it runs in-process. `input`: bytes, a File/Blob, a URL, or a list.
import { loadSession, querySession, runAnalysis, AscoltoError } from './engine.js';
import { toSources } from './sources.js';

export { AscoltoError };

const inBrowser = typeof window !== 'undefined' && typeof Worker !== 'undefined';

/**
 * @param input bytes | File | Blob | URL string | Array of those
 * @param config the configuration object (see README, "Configuration")
 * @param options { onProgress({name, bytes, rows, size}), signal (AbortSignal),
 *                  request (the report request, default {}), workerUrl (browser),
 *                  chunkSize (node, tests) }
 */
export async function analyze(input, config = {}, options = {}) {
  if (inBrowser) return analyzeInWorker(input, config, options);
  const { loadCore } = await import('./node-core.js');
  const core = await loadCore(options.coreDir); // cached per directory
  const sources = await toSources(input);
  return runAnalysis(core, sources, config, options);
}

/**
 * Like analyze, but the tables stay in memory for further requests (the
 * dashboard's filters): resolves to { report, query(request), close() }.
 * query() answers from memory, nothing is read again; close() frees it.
 */
export async function open(input, config = {}, options = {}) {
  if (inBrowser) return openInWorker(input, config, options);
  const { loadCore } = await import('./node-core.js');
  const core = await loadCore(options.coreDir);
  const session = await loadSession(core, await toSources(input), config, options);
  let closed = false;
  return {
    report: querySession(session, options.request ?? {}),
    query: async (request) => querySession(session, request),
    close: () => {
      if (!closed) session.delete();
      closed = true;
    },
  };
}

// One spare worker, started ahead so the WASM module is compiled before the
// user drops a file. Each analysis takes it; the next spare is started once
// the analysis is over and the page is idle, so that its compilation and
// warm-up do not compete with the analysis and the drawing of its report
// (on a 2-core machine they did).
let spare = null;

function prepareWhenIdle(workerUrl) {
  const later = globalThis.requestIdleCallback ?? ((run) => setTimeout(run, 500));
  later(() => prepare({ workerUrl }));
}

function newWorker(workerUrl) {
  // The single-file page (ascolto.html) carries its worker inline, as a blob URL.
  const url = workerUrl ?? globalThis.ASCOLTO_WORKER_URL ?? new URL('./worker.js', import.meta.url);
  return new Worker(url, globalThis.ASCOLTO_WORKER_CLASSIC ? {} : { type: 'module' });
}

// A spare says "ready" once its module is compiled and warm (web/worker.js),
// in a few seconds even on a slow machine. One that has not in this long is
// stuck (see ACCEPT_TIMEOUT_MS below) and is replaced before a file comes,
// at most twice a page (a module that cannot load would never be ready).
const SPARE_READY_TIMEOUT_MS = 30000;
let spareReplacements = 0;

/** Starts a worker and compiles the core now, so that the first analysis starts at once. */
export function prepare({ workerUrl } = {}) {
  if (!inBrowser || spare) return;
  const entry = { worker: newWorker(workerUrl), workerUrl, timer: null };
  const readyMs = globalThis.ASCOLTO_SPARE_READY_TIMEOUT_MS ?? SPARE_READY_TIMEOUT_MS;
  entry.timer = setTimeout(() => {
    if (spare !== entry || spareReplacements >= 2) return;
    spareReplacements += 1;
    console.warn(`Ascolto: the spare worker was not ready in ${readyMs} ms; starting another.`);
    entry.worker.terminate();
    spare = null;
    prepare({ workerUrl });
  }, readyMs);
  entry.worker.onmessage = ({ data }) => {
    if (data.type !== 'ready') return;
    clearTimeout(entry.timer);
    performance.mark('ascolto:spare-ready'); // compiled and warm (scripts/bench-page.mjs)
  };
  spare = entry;
}

function takeWorker(workerUrl) {
  const taken = spare && spare.workerUrl === workerUrl ? spare : null;
  if (!taken) return newWorker(workerUrl);
  clearTimeout(taken.timer);
  spare = null;
  return taken.worker;
}

function analyzeInWorker(input, config, options = {}) {
  return runInWorker(input, config, options, false).then(({ report }) => report);
}

async function openInWorker(input, config, options = {}) {
  const { worker, report } = await runInWorker(input, config, options, true);
  let next = 0;
  const pending = new Map();
  worker.onmessage = ({ data }) => {
    if (data.type !== 'answer' || !pending.has(data.id)) return;
    const { resolve, reject } = pending.get(data.id);
    pending.delete(data.id);
    if (data.error) reject(new AscoltoError(data.error));
    else resolve(data.report);
  };
  return {
    report,
    query: (request) => new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'query', id, request });
    }),
    close: () => {
      worker.terminate();
      for (const { reject } of pending.values()) reject(new AscoltoError({ code: 'cancelled', message: 'Closed.' }));
      pending.clear();
    },
  };
}

// A worker answers "accepted" as soon as its event loop takes the request
// (web/worker.js); one that has not after this long is stuck and is
// replaced by a new one. Firefox ESR, on a loaded machine, was seen to
// block a worker for good while it started its module's threads (inside
// its own `new Worker`): about once in 50 runs of the Firefox test under
// full CPU load. A worker that is merely busy answers within milliseconds.
const ACCEPT_TIMEOUT_MS = 10000;
const ATTEMPTS = 3;

// Reads the inputs in a worker; with `keep` the worker (and its session)
// outlives the first report, for queries.
function runInWorker(input, config, { onProgress, signal, workerUrl, request } = {}, keep, attempt = 1) {
  const worker = attempt === 1 ? takeWorker(workerUrl) : newWorker(workerUrl);
  return new Promise((resolve, reject) => {
    let acceptTimer = null;
    const finish = (settle, value, { terminate = true, prepareNext = true } = {}) => {
      clearTimeout(acceptTimer);
      if (terminate) worker.terminate(); // also the way to cancel: the worker holds all the state
      signal?.removeEventListener('abort', onAbort);
      settle(value);
      if (prepareNext) prepareWhenIdle(workerUrl);
    };
    const onAbort = () => finish(reject, new AscoltoError({ code: 'cancelled', message: 'Cancelled.' }));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    const acceptMs = globalThis.ASCOLTO_ACCEPT_TIMEOUT_MS ?? ACCEPT_TIMEOUT_MS;
    acceptTimer = setTimeout(() => {
      if (attempt < ATTEMPTS) {
        console.warn(`Ascolto: the worker did not answer in ${acceptMs} ms; starting another.`);
        finish(resolve, runInWorker(input, config, { onProgress, signal, workerUrl, request }, keep, attempt + 1),
          { prepareNext: false });
      } else {
        finish(reject, new AscoltoError({ code: 'worker_error', message: `The worker did not answer in ${acceptMs} ms.` }));
      }
    }, acceptMs);
    worker.onmessage = ({ data }) => {
      if (data.type === 'accepted') clearTimeout(acceptTimer);
      else if (data.type === 'progress') onProgress?.(data.progress);
      else if (data.type === 'report') finish(resolve, { worker, report: data.report }, { terminate: !keep });
      else if (data.type === 'error') finish(reject, new AscoltoError(data.error));
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      finish(reject, new AscoltoError({ code: 'worker_error', message: event.message || 'The worker failed.' }));
    };
    const inputs = Array.isArray(input) ? input : [input];
    worker.postMessage({
      type: 'analyze', inputs: inputs.map((i) => (i instanceof URL ? String(i) : i)), config, request, keep,
    });
  });
}
