// Writes the public CSV test suites, as their packages ship them, to JSON
// files in OUTDIR for tests/cpp/public_suites_test.cpp:
//   papaparse.json    PapaParse's parser cases (npm papaparse, tests/test-cases.js:
//                     CORE_PARSER_TESTS and PARSE_TESTS), with the config of each
//   csv-spectrum.json csv-spectrum's files and the records they must give (npm csv-spectrum)
//   cpython.json      CPython's test_csv reader and Sniffer cases (Debian's
//                     libpython3.11-testsuite; see cpython_cases.py)
// Nothing is copied into the project: the cases are read at test time.
// Usage: node tests/suites/extract.mjs OUTDIR
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const out = process.argv[2];
if (!out) throw new Error('usage: node tests/suites/extract.mjs OUTDIR');
mkdirSync(out, { recursive: true });
const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

// PapaParse's test file defines its cases as top-level vars and registers
// mocha suites; run it with stubs and keep the vars.
const papaDir = dirname(require.resolve('papaparse/package.json'));
const papaSource = readFileSync(join(papaDir, 'tests/test-cases.js'), 'utf8');
const stub = () => {};
stub.skip = stub;
stub.only = stub;
const context = vm.createContext({
  module: { exports: {} },
  require: (name) => (name === 'chai' ? { assert: {} } : {}),
  describe: stub, it: stub, before: stub, after: stub, beforeEach: stub, afterEach: stub,
  console, setTimeout, clearTimeout,
});
vm.runInContext(`${papaSource}\n;this.__cases = { core: CORE_PARSER_TESTS, parse: PARSE_TESTS };`, context);
const plain = (c) => ({
  description: c.description,
  input: typeof c.input === 'string' ? c.input : null,
  config: c.config ?? {},
  data: c.expected?.data ?? null,
  errors: (c.expected?.errors ?? []).length,
  has_function: Object.values(c.config ?? {}).some((v) => typeof v === 'function'),
});
writeFileSync(join(out, 'papaparse.json'), JSON.stringify({
  source: `papaparse ${require('papaparse/package.json').version} tests/test-cases.js`,
  cases: [...context.__cases.core.map(plain), ...context.__cases.parse.map(plain)],
}));

const spectrumDir = dirname(require.resolve('csv-spectrum/package.json'));
const spectrum = readdirSync(join(spectrumDir, 'csvs')).filter((f) => f.endsWith('.csv')).map((file) => ({
  name: file,
  input: readFileSync(join(spectrumDir, 'csvs', file), 'utf8'),
  rows: [JSON.parse(readFileSync(join(spectrumDir, 'json', file.replace(/\.csv$/, '.json')), 'utf8'))].flat(),
}));
writeFileSync(join(out, 'csv-spectrum.json'), JSON.stringify({
  source: `csv-spectrum ${require('csv-spectrum/package.json').version}`, cases: spectrum,
}));

writeFileSync(join(out, 'cpython.json'), execFileSync('python3', [join(here, 'cpython_cases.py')]));
console.log(`public CSV suites written to ${out}`);
