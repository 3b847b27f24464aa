// A Web Worker for node, enough for the threaded module's pthreads (tests,
// scripts/bench): emscripten starts each pthread with
// `new Worker('ascolto-core-threads.worker.js')`, a classic script that
// talks with postMessage and loads the module with import(). Node has
// worker_threads instead; this runs that script in one, with the few
// globals it expects. Shared memory and the compiled module pass through
// postMessage as they do between Web Workers.
import { Worker as NodeWorker } from 'node:worker_threads';

const bootstrap = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { fileURLToPath } = require('node:url');
globalThis.self = globalThis;
globalThis.location = { href: workerData.url };
globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
globalThis.importScripts = () => { throw new Error('importScripts is not available here'); };
parentPort.on('message', (data) => self.onmessage({ data }));
new Function(readFileSync(fileURLToPath(workerData.url), 'utf8'))();
`;

export class NodeWebWorker {
  constructor(url) {
    this.worker = new NodeWorker(bootstrap, { eval: true, workerData: { url: String(url) } });
    this.worker.on('message', (data) => this.onmessage?.({ data }));
    this.worker.on('error', (error) => this.onerror?.(error));
    this.worker.unref(); // idle pthreads do not keep node running
  }

  postMessage(message, transfer) {
    this.worker.postMessage(message, transfer);
  }

  terminate() {
    return this.worker.terminate();
  }
}
