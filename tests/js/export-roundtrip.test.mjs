// Exports opened back (a seeded fuzz): random tables of hostile text
// (delimiters, quotes, line breaks, formula starts, accents, tabs) written
// as CSV and as .xlsx are read back by Ascolto's own reader with every row
// and every value, formulas defused in CSV and never formulas in .xlsx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from '../../web/node-core.js';
import { runAnalysis } from '../../web/engine.js';
import { toSources } from '../../web/sources.js';
import { toCsv } from '../../web/export.js';
import { toXlsx } from '../../web/xlsx-export.js';

function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'Zeta', ';', ',', '"', '""', '\n', '\r\n', ' ', '=', '+', '-', '@', 'è', '€', '\t', '|', "'", '7', '3,5', '1.234', '<b>', '&amp;', '\u00a0', 'Totale'];

// A value with at least one letter (so that the column stays text),
// distinct from the others (each is repeated on several rows, so that the
// column is a category and a group-by lists every value).
function hostile(rand, index) {
  let text = '';
  const n = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) text += PIECES[Math.floor(rand() * PIECES.length)];
  return `${text}x${index}`;
}

// The values a group-by on the column finds, as read back.
async function valuesReadBack(core, name, bytes, column) {
  const report = await runAnalysis(core, await toSources([{ name, bytes }]), {}, { request: { aggregate: { by: column, rating: 'voto' } } });
  return report.aggregates[0].groups.map((g) => g.value);
}

test('CSV and .xlsx exports of hostile tables read back with every value', async () => {
  const core = await loadCore();
  const rand = random(20261201);
  for (let round = 0; round < 25; round++) {
    const values = Array.from({ length: 3 + Math.floor(rand() * 8) }, (_, i) => hostile(rand, i));
    const rows = [['testo', 'voto']];
    for (let i = 0; i < values.length * 6; i++) rows.push([values[i % values.length], String(1 + (i % 5))]);
    const trim = (v) => v.replace(/^[ \t]+|[ \t]+$/g, ''); // the core trims spaces and tabs only
    const expected = values.map(trim);

    const csv = new TextEncoder().encode(toCsv(rows, round % 2 ? ',' : ';'));
    const fromCsv = await valuesReadBack(core, 'export.csv', csv, 'testo');
    // CSV defuses a leading = + - @ with a quote mark, as the export says.
    const defused = values.map((v) => trim(/^[=+\-@\t\r]/.test(v) && !/^[-+]?\d[\d.,]*%?$/.test(v) ? `'${v}` : v));
    assert.deepEqual([...fromCsv].sort(), [...defused].sort(), `CSV round ${round}`);

    const xlsx = toXlsx(rows, { lang: 'it' });
    const fromXlsx = await valuesReadBack(core, 'export.xlsx', xlsx, 'testo');
    assert.deepEqual([...fromXlsx].sort(), [...expected].sort(), `xlsx round ${round}`);
  }
});
