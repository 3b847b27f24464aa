// Two reports compared field by field: numbers within 1e-9 relative (an
// engine's parallel sums differ in the last bits), everything else equal.
// Arrays of labelled entries (categories, waves, series) are matched by
// label, since cells list a key's values in the engine's order. A "reason"
// says how a column was read (its header, or the cells): not a figure.
import assert from 'node:assert/strict';

function label(x) {
  if (!x || typeof x !== 'object') return undefined;
  for (const k of ['value', 'column', 'name', 'wave', 'level', 'phase', 'channel', 'by', 'metric'])
    if (typeof x[k] === 'string' || typeof x[k] === 'number') return String(x[k]);
  return undefined;
}

let compared = 0;

/** How many numbers assertSame has compared so far: a test checks it grew. */
export function comparedNumbers() {
  return compared;
}

export function assertSame(a, b, path = '') {
  if (typeof a === 'number' && typeof b === 'number') {
    compared++;
    assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)), `${path}: ${a} vs ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    assert.equal(a.length, b.length, path);
    const labels = a.map(label);
    const byLabel = new Map(b.map((x) => [label(x), x]));
    const matchByLabel = labels.every((l) => l !== undefined && byLabel.has(l)) && byLabel.size === b.length;
    a.forEach((x, i) => assertSame(x, matchByLabel ? byLabel.get(labels[i]) : b[i], `${path}[${labels[i] ?? i}]`));
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), path);
    for (const key of Object.keys(a)) if (key !== 'reason') assertSame(a[key], b[key], `${path}.${key}`);
  } else {
    assert.equal(a, b, path);
  }
}
