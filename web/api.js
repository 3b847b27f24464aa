// The public JS API: analyze(input, config) -> Promise<report>.
// In a page it runs the core in a Web Worker (the page never blocks); in
// node it runs in-process. `input`: bytes, a File/Blob, a URL, or a list.
import { runAnalysis, AscoltoError } from './engine.js';
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

// One spare worker, started ahead so the WASM module is compiled before the
// user drops a file. Each analysis takes it and starts the next spare.
let spare = null;

function newWorker(workerUrl) {
  return new Worker(workerUrl ?? new URL('./worker.js', import.meta.url), { type: 'module' });
}

/** Starts a worker and compiles the core now, so that the first analysis starts at once. */
export function prepare({ workerUrl } = {}) {
  if (inBrowser && !spare) spare = { worker: newWorker(workerUrl), workerUrl };
}

function takeWorker(workerUrl) {
  const ready = spare && spare.workerUrl === workerUrl ? spare.worker : null;
  if (ready) spare = null;
  const worker = ready ?? newWorker(workerUrl);
  prepare({ workerUrl });
  return worker;
}

function analyzeInWorker(input, config, { onProgress, signal, workerUrl, request } = {}) {
  const worker = takeWorker(workerUrl);
  return new Promise((resolve, reject) => {
    const finish = (settle, value) => {
      worker.terminate(); // also the way to cancel: the worker holds all the state
      signal?.removeEventListener('abort', onAbort);
      settle(value);
    };
    const onAbort = () => finish(reject, new AscoltoError({ code: 'cancelled', message: 'Cancelled.' }));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = ({ data }) => {
      if (data.type === 'progress') onProgress?.(data.progress);
      else if (data.type === 'report') finish(resolve, data.report);
      else if (data.type === 'error') finish(reject, new AscoltoError(data.error));
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      finish(reject, new AscoltoError({ code: 'worker_error', message: event.message || 'The worker failed.' }));
    };
    const inputs = Array.isArray(input) ? input : [input];
    worker.postMessage({
      type: 'analyze', inputs: inputs.map((i) => (i instanceof URL ? String(i) : i)), config, request,
    });
  });
}
