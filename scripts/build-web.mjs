// Bundles web/ into public/build/ (ECharts tree-shaken, nothing from a CDN),
// copies the WASM module beside the worker, and writes the demo datasets.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { writeDemos } from './gen-demos.mjs';
import { writeFonts } from './fonts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}public/build`;
const wasmBuild = process.env.ASCOLTO_WASM_DIR ?? `${root}build/wasm-release`;

await mkdir(out, { recursive: true });
const common = {
  bundle: true, format: 'esm', target: 'es2022', minify: true, sourcemap: true, legalComments: 'linked',
  logLevel: 'warning',
  // The node-only loader is never reached in a page; the WASM glue is loaded as is.
  external: ['./node-core.js', './ascolto-core.js', './ascolto-core-threads.js', './node-web-worker.js'],
};
// The page's report view and ECharts are a bundle of their own, loaded
// after the page is interactive (web/app.js). Not esbuild's code splitting:
// its shared chunks are static imports of app.js, found only once app.js
// has arrived, one more round trip before the page answers.
await build({ ...common, entryPoints: [`${root}web/app.js`], outfile: `${out}/app.js`, external: [...common.external, './views.js'] });
await build({ ...common, entryPoints: [`${root}web/views.js`], outfile: `${out}/views.js` });
await build({ ...common, entryPoints: [`${root}web/worker.js`], outfile: `${out}/worker.js` });
await build({ ...common, entryPoints: [`${root}web/embed.js`], outfile: `${out}/embed.js` });
// The embed's styles: the page's, scoped to the element (custom properties on :host).
const css = await readFile(`${root}public/style.css`, 'utf8');
await writeFile(`${out}/embed.css`, `${css.replace(':root {', ':host {')}\n${await readFile(`${root}web/embed.css`, 'utf8')}`);
await writeFonts(out);
// The module, and the one with threads (a cross-origin isolated page picks it).
for (const file of ['ascolto-core.js', 'ascolto-core.wasm', 'ascolto-core-threads.js', 'ascolto-core-threads.wasm',
  'ascolto-core-threads.worker.js']) await copyFile(`${wasmBuild}/${file}`, `${out}/${file}`);
await writeDemos(`${root}public/demo`);
console.log(`page built in ${out}`);
