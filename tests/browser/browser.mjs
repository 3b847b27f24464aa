// Launches Debian's Chromium through playwright-core, with every request to
// another host blocked and recorded, and console errors collected.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

// `blocked`: a pattern of this server's paths whose requests fail (a file
// missing from a portal's copy of public/build, say).
// `beforeGoto(page)`: routes or init scripts of one test, set before the page loads.
export async function openPage(path = '/', { csp, isolated, blocked, beforeGoto } = {}) {
  const server = await startServer({ port: 0, csp, isolated });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors = [];
  const foreignRequests = [];
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (blocked && url.startsWith(origin) && blocked.test(new URL(url).pathname)) return route.abort();
    if (url.startsWith(origin) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  await beforeGoto?.(page);
  await page.goto(`${origin}${path}`);
  const close = async () => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return { page, origin, consoleErrors, foreignRequests, close };
}

/** After a file that failed or was cancelled, the page reads the next one (the small feedback fixture). */
export async function expectNextFileRead(page) {
  await page.setInputFiles('#file-input', fileURLToPath(new URL('../fixtures/feedback_small.csv', import.meta.url)));
  await page.waitForSelector('.feedback .tiles');
  assert.match(await page.locator('.tile', { hasText: 'Media' }).textContent(), /Media3,60/);
}

// Drops a file of `blocks` MiB on the page: a header, then one block of
// rows of `kind` repeated. Returns its size and row count.
export function dropRepeatedFile(page, kind, blocks) {
  return page.evaluate(({ kind, blocks }) => {
    const applications = ['NASpI', 'Pensione', 'Assegno unico', 'Estratto conto'];
    const kinds = {
      // A feedback export: timestamp, application, device, rating, a quoted comment on a third.
      feedback: {
        header: 'timestamp,applicativo,dispositivo,voto,commento',
        row: (i) => `2024-01-${String(1 + (i % 28)).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00,`
          + `${applications[i % 4]},desktop,${1 + ((i * 7) % 5)},${i % 3 ? '' : '"Il sito è lento, ""troppi"" passaggi"'}`,
      },
      // 1,000 columns, all but the first empty: one byte a cell in the
      // file, eight in the table (a column of missing numbers).
      sparse: {
        header: Array.from({ length: 1000 }, (_, c) => `c${c}`).join(','),
        row: (i) => `${i % 10}${','.repeat(999)}`,
      },
    };
    const { header, row } = kinds[kind];
    const rows = [];
    let bytes = 0;
    while (bytes < 1 << 20) {
      const line = `${row(rows.length)}\n`;
      rows.push(line);
      bytes += new TextEncoder().encode(line).length;
    }
    const file = new File([`${header}\n`, ...Array(blocks).fill(new Blob(rows))], 'grande.csv', { type: 'text/csv' });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    const input = document.querySelector('#file-input');
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return { size: file.size, rows: rows.length * blocks };
  }, { kind, blocks });
}
