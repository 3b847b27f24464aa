// The WASM module in node gives the same report as the native CLI on the
// same files, however the bytes are chunked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../../web/api.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = `${root}build/native-release/ascolto`;
const shared = `${root}../shared/data/`;

function native(path, ...options) {
  try {
    return JSON.parse(execFileSync(cli, ['analyze', ...[path].flat(), ...options], { maxBuffer: 1 << 28 }).toString());
  } catch (error) {
    return JSON.parse(error.stdout.toString()); // non-zero exit: the error report
  }
}

/** Deep equality, with numbers equal to 12 significant digits (libm may differ in the last bit). */
function assertSameReport(actual, expected, path = '$') {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(Math.abs(expected), Math.abs(actual), 1e-300);
    assert.ok(Math.abs(actual - expected) / scale < 1e-12, `${path}: ${actual} != ${expected}`);
    return;
  }
  if (expected && typeof expected === 'object') {
    assert.equal(typeof actual, 'object', path);
    assert.deepEqual(Object.keys(actual ?? {}), Object.keys(expected), `${path}: keys`);
    for (const key of Object.keys(expected)) assertSameReport(actual[key], expected[key], `${path}.${key}`);
    return;
  }
  assert.equal(actual, expected, path);
}

async function wasm(path, chunkSize) {
  const name = path.split('/').pop();
  return analyze({ name, bytes: readFileSync(path) }, {}, { chunkSize });
}

const smallFiles = [`${root}tests/fixtures/feedback_small.csv`, `${root}tests/fixtures/r/weighted_ratings.csv`];

test('small files: same report in 1-byte, 7-byte and 64 KiB chunks', async () => {
  for (const file of smallFiles) {
    const expected = native(file);
    assert.equal(expected.format, 'ascolto-report');
    for (const chunkSize of [1, 7, 65536]) assertSameReport(await wasm(file, chunkSize), expected, `${file}@${chunkSize}`);
  }
});

test('the real files of ../shared/data: same report as the CLI', async (t) => {
  if (!existsSync(shared)) return t.skip('../shared/data is absent');
  for (const name of ['callcenter_daily_calls.csv', 'amazon_it_reviews.csv', 'anpr_cambi_residenza_canale.csv',
    'alessandria_segnalazioni.csv', 'airline_passenger_satisfaction_test.csv']) {
    const file = `${shared}${name}`;
    const expected = native(file);
    assert.ok(expected.datasets[0].rows.read > 0, name);
    assertSameReport(await wasm(file, 65536), expected, name);
    if (name.startsWith('callcenter') || name.startsWith('amazon')) assertSameReport(await wasm(file, 7), expected, `${name}@7`);
  }
});

test('an unusable file: the same error from both, the others still analysed', async () => {
  const bytes = Buffer.from('a,b\n1,"never closed\n');
  const report = await analyze([{ name: 'bad.csv', bytes }, { name: 'good.csv', bytes: Buffer.from('voto\n1\n2\n3\n4\n5\n') }]);
  assert.equal(report.error.code, 'unterminated_quote');
  assert.equal(report.error.line, 2);
  assert.equal(report.datasets[0].error.code, 'unterminated_quote');
  assert.equal(report.datasets[1].ratings[0].mean.value, 3);
});

test('files of one shape combined: the API and the CLI give the same datasets, a broken file read alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ascolto-combine-'));
  const files = {
    'gennaio.csv': 'mese;canale;contatti\n01/2023;web;1.234\n01/2023;app;2.000\n',
    'altro.csv': 'a;b\n1;2\n',
    'febbraio.csv': 'mese;canale;contatti\n02/2023;web;1.500\n02/2023;app;2.100\nTotale;;3.600\n',
    'rotto.csv': 'mese;canale;contatti\n04/2023;"web;1\n',
    'marzo.csv': 'Estrazione marzo\nmese;canale;contatti\n03/2023;web;1.700\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const paths = Object.keys(files).map((name) => join(dir, name));
  const expected = native(paths, '--combine');
  assert.deepEqual(expected.datasets.map((d) => d.name), ['rotto.csv', 'gennaio.csv … marzo.csv', 'altro.csv']);
  assert.deepEqual(expected.datasets[1].parts.map((p) => p.name), ['gennaio.csv', 'febbraio.csv', 'marzo.csv']);
  assert.equal(expected.datasets[0].error.code, 'unterminated_quote');
  const inputs = Object.entries(files).map(([name, text]) => ({ name, bytes: Buffer.from(text) }));
  for (const chunkSize of [3, 65536]) assertSameReport(await analyze(inputs, { combine: true }, { chunkSize }), expected);
  // Without combine, five datasets as before.
  assert.equal((await analyze(inputs)).datasets.length, 5);
});

test('a bad configuration rejects with the core error code', async () => {
  await assert.rejects(analyze(Buffer.from('a\n1\n'), { delimter: ';' }), (error) => error.code === 'invalid_config');
});

test('every role the page offers is one the core accepts (personal is the personal-data card\'s)', async () => {
  const { SETTABLE_ROLES } = await import('../../web/settings.js');
  const csv = new TextEncoder().encode('voto,sede\n5,Roma\n4,Milano\n');
  const analyse = (role) => analyze(csv, { columns: { sede: { role } } });
  for (const role of SETTABLE_ROLES) {
    const report = await analyse(role);
    assert.equal(report.error, undefined, `${role}: ${JSON.stringify(report.error)}`);
    assert.equal(report.datasets[0].columns[1].role, role === 'none' ? 'none' : role, role);
  }
  assert.equal((await analyse('personal')).datasets[0].personal_data[0].column, 'sede');
  await assert.rejects(analyse('luogo'), { code: 'invalid_config' });
});

test('every error code of the core, and every reading warning, is said in Italian and English', async () => {
  const { translator, warningMessage } = await import('../../web/i18n.js');
  const source = readFileSync(`${root}cpp/core/error.cpp`, 'utf8');
  const names = source.slice(0, source.indexOf('const char* error_message'));
  const codes = [...names.matchAll(/return "([a-z_]+)";/g)].map((m) => m[1]).filter((c) => !['ok', 'invalid_state'].includes(c));
  assert.ok(codes.includes('no_usable_rows') && codes.includes('different_header'));
  for (const code of codes) {
    for (const lang of ['it', 'en']) assert.notEqual(translator(lang)(`errors.${code}`), `errors.${code}`, `${code} in ${lang}`);
  }
  // The warnings of reading real exports (their English is the core's own message).
  for (const code of ['number_format_guessed_comma', 'number_format_guessed_point', 'number_format_mixed', 'empty_row',
    'too_few_fields', 'trailing_empty_fields']) {
    assert.notEqual(warningMessage('it', { code, message: '#core#' }), '#core#', code);
  }
});
