// Launches Debian's Chromium through playwright-core, with every request to
// another host blocked and recorded, and console errors collected.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function openPage(path = '/', { csp } = {}) {
  const server = await startServer({ port: 0, csp });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors = [];
  const foreignRequests = [];
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
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
