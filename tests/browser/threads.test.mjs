// The served page is cross-origin isolated (COOP + COEP): it loads the
// module with threads and reads a large file on every core; a portal that
// sends neither header gets the module without threads. Both give the same
// dashboard, and the reading facts say which path ran.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropRepeatedFile, openPage } from './browser.mjs';

// Drops a 24 MiB feedback export (over the 8 MiB from which a file is read
// on the threads) and returns what the page says of it.
async function readLargeFile(isolated, blocked) {
  const { page, consoleErrors, foreignRequests, close } = await openPage('/', { isolated, blocked });
  try {
    const context = await page.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency }));
    const file = await dropRepeatedFile(page, 'feedback', 24);
    await page.waitForSelector('.feedback .tiles', { timeout: 120000 });
    const facts = await page.locator('.dataset').first().textContent();
    const tiles = await page.locator('.feedback .tiles').textContent();
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests, []);
    return { context, file, facts, tiles, threads: Number(/Thread di lettura(\d+)/.exec(facts)?.[1]) };
  } finally {
    await close();
  }
}

test('an isolated page reads a large file on every core; a portal without isolation on one, to the same dashboard',
  { timeout: 300000 }, async () => {
    const isolated = await readLargeFile(true);
    const portal = await readLargeFile(false);
    assert.equal(isolated.context.isolated, true);
    assert.equal(portal.context.isolated, false);
    assert.equal(isolated.threads, Math.min(isolated.context.cores, 8), isolated.facts);
    assert.equal(portal.threads, 1, portal.facts);
    assert.match(isolated.facts, new RegExp(`Righe analizzate${new Intl.NumberFormat('it-IT').format(isolated.file.rows).replaceAll('.', '\\.')}`));
    assert.equal(isolated.tiles, portal.tiles);
    assert.equal(isolated.facts.replace(/Thread di lettura\d+/, ''), portal.facts.replace(/Thread di lettura\d+/, ''));
  });

test('an isolated page whose threaded module cannot be fetched reads on one core, to the same dashboard',
  { timeout: 300000 }, async () => {
    const missing = await readLargeFile(true, /ascolto-core-threads/);
    assert.equal(missing.context.isolated, true);
    assert.equal(missing.threads, 1, missing.facts);
    const portal = await readLargeFile(false);
    assert.equal(missing.tiles, portal.tiles);
  });
