// Loads the WASM core in node (tests, scripts). This emcc cannot locate its
// .wasm by itself under node, so the bytes are read and handed over.
import { readFile } from 'node:fs/promises';

const defaultDir = new URL('../public/build/', import.meta.url);

const loaded = new Map();

/** The module instance for the build in `dir`, created once. */
export function loadCore(dir = defaultDir) {
  const key = String(dir);
  if (!loaded.has(key)) loaded.set(key, instantiate(dir));
  return loaded.get(key);
}

async function instantiate(dir) {
  const base = dir instanceof URL ? dir : new URL(`file://${dir.endsWith('/') ? dir : `${dir}/`}`);
  const { default: createAscoltoCore } = await import(new URL('ascolto-core.js', base).href);
  const wasmBinary = await readFile(new URL('ascolto-core.wasm', base));
  return createAscoltoCore({ wasmBinary });
}
