// Writes public/build/ascolto.html: the whole page in one file (module,
// worker, WASM, styles, ECharts inlined) that works opened from disk
// (file://), for analysts who receive it by e-mail. Its Content-Security-
// Policy allows exactly the inline script and style it carries (by hash).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { inlineFontsCss } from './fonts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}public/build`;
const wasmBuild = process.env.ASCOLTO_WASM_DIR ?? `${root}build/wasm-release`;

const bundle = async (entry, external = [], define = {}, format = 'esm') => (await build({
  entryPoints: [`${root}web/${entry}`], bundle: true, format, target: 'es2022', minify: true,
  write: false, logLevel: 'warning', external, legalComments: 'none', define,
  // The Emscripten glue is built beside the WASM, not in web/.
  plugins: [{
    name: 'core',
    setup(b) { b.onResolve({ filter: /ascolto-core\.js$/ }, () => ({ path: `${wasmBuild}/ascolto-core.js` })); },
  }],
})).outputFiles[0].text;

const wasm = (await readFile(`${wasmBuild}/ascolto-core.wasm`)).toString('base64');
// A page opened from disk has an opaque origin: a module worker from a blob:
// URL is refused there, a classic one is not, so the worker is an IIFE. Its
// import.meta.url would be a blob: URL, which no relative URL can be
// resolved against; the module gets its bytes inline and never fetches.
const worker = `globalThis.ASCOLTO_WASM_BASE64=${JSON.stringify(wasm)};\n${
  await bundle('worker.js', ['./ascolto-core-threads.js'], { 'import.meta.url': '"https://ascolto.invalid/build/worker.js"' }, 'iife')}`;
const app = await bundle('app.js', ['./node-core.js']);
const script = `globalThis.ASCOLTO_WORKER_CLASSIC=true;globalThis.ASCOLTO_WORKER_URL=URL.createObjectURL(new Blob([${JSON.stringify(worker)}],{type:'text/javascript'}));\n${app}`;
const style = `${await inlineFontsCss()}${await readFile(`${root}public/style.css`, 'utf8')}`;
const hash = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const csp = `default-src 'none'; script-src ${hash(script)} 'wasm-unsafe-eval'; style-src ${hash(style)}; ` +
  "worker-src blob:; img-src data: blob:; font-src data:; connect-src 'self'";

let html = await readFile(`${root}public/index.html`, 'utf8');
html = html
  .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
  .replace(/<link rel="icon"[^>]*>\n?/, '')
  .replace('<link rel="stylesheet" href="build/fonts.css">\n  ', '')
  .replace('<link rel="stylesheet" href="style.css">', () => `<style>${style}</style>`)
  .replace('<script type="module" src="build/app.js"></script>', () => `<script type="module">${script.replaceAll('</script', '<\\/script')}</script>`);
if (/href="(build\/fonts|style)\.css"/.test(html)) throw new Error('a stylesheet of index.html was not inlined');
if (script.includes('</script')) throw new Error('the inline script cannot be hashed once escaped');
await writeFile(`${out}/ascolto.html`, html);
console.log(`single-file page: ${out}/ascolto.html (${(html.length / 1e6).toFixed(1)} MB)`);
