// Loads the WASM core in node (tests, scripts). This emcc cannot locate its
// .wasm by itself under node, so the bytes are read and handed over.
import { basename } from 'node:path';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const defaultDir = new URL('../public/build/', import.meta.url);

const loaded = new Map();

/**
 * The module instance for the build in `dir`, created once. `threads`: the
 * threaded module (ascolto-core-threads.js), whose pthreads run in node's
 * worker_threads (web/node-web-worker.js); node always has shared memory.
 */
export function loadCore(dir = defaultDir, { threads = false } = {}) {
  const key = `${dir} ${threads}`;
  if (!loaded.has(key)) loaded.set(key, instantiate(dir, threads));
  return loaded.get(key);
}

async function instantiate(dir, threads) {
  const base = dir instanceof URL ? dir : new URL(`file://${dir.endsWith('/') ? dir : `${dir}/`}`);
  const name = threads ? 'ascolto-core-threads' : 'ascolto-core';
  const script = new URL(`${name}.js`, base).href;
  const { default: createAscoltoCore } = await import(script);
  const wasmBinary = await readFile(new URL(`${name}.wasm`, base));
  if (!threads) return createAscoltoCore({ wasmBinary });
  globalThis.Worker ??= (await import('./node-web-worker.js')).NodeWebWorker;
  // The module asks navigator for the cores (node 20 has no navigator).
  globalThis.navigator ??= { hardwareConcurrency: (await import('node:os')).availableParallelism() };
  return createAscoltoCore({
    wasmBinary, mainScriptUrlOrBlob: script, locateFile: (path) => new URL(path, base).href,
  });
}

/**
 * A file as an input for loadSession: read straight into the core's input
 * buffer (as DuckDB-WASM's node file protocol reads into its own memory),
 * with no JS buffer per chunk to allocate and copy. Reads are synchronous:
 * the core holds the thread while it parses each piece anyway, and a trip
 * to node's thread pool per piece measured 10-15 ms slower on 1M rows.
 */
export function fileSource(path, name = basename(path)) {
  const fd = openSync(path, 'r');
  return {
    name,
    size: fstatSync(fd).size,
    readInto: (view) => readSync(fd, view, 0, view.length, null),
    // Random access for workbooks: positioned reads leave readInto's place alone.
    head: async () => {
      const head = new Uint8Array(8);
      return head.subarray(0, readSync(fd, head, 0, 8, 0));
    },
    range: (offset, length) => {
      let position = offset;
      const end = offset + length;
      return new ReadableStream({
        pull(controller) {
          if (position >= end) return controller.close();
          const chunk = new Uint8Array(Math.min(1 << 20, end - position));
          const got = readSync(fd, chunk, 0, chunk.length, position);
          if (!got) return controller.error(new Error('the file ends before its archive says'));
          position += got;
          controller.enqueue(got === chunk.length ? chunk : chunk.subarray(0, got));
        },
      });
    },
    close: () => closeSync(fd),
    reopen: () => fileSource(path, name),
  };
}
