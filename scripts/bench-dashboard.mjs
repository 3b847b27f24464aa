// The feedback dashboard's filters in the browser (headless Chromium): an
// export of 1M feedbacks is loaded on the page once, then application,
// device and period filters are applied through the page's controls. Each
// filter is answered by the core from the tables in memory; the page prints
// the round trip (worker message, core, JSON) in its status line, and this
// script also times the whole change until the new dashboard is in the DOM.
// Twice: the benchmark's export, and the same with a provincial office per
// feedback (the territorial section is recomputed on every filter too).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openPage } from '../tests/browser/browser.mjs';
import { writeFeedback } from './gen-feedback.mjs';
import { median } from './median.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const rows = Number(process.env.BENCH_DASHBOARD_ROWS ?? 1000000);

async function measure(file, label) {
  const { page, close } = await openPage('/');
  try {
    const started = Date.now();
    await page.setInputFiles('#file-input', file);
    await page.waitForSelector('#filter-application', { timeout: 600000 });
    const loadSeconds = (Date.now() - started) / 1000;
    const status = page.locator('.feedback .note[aria-live]').first();
    const apps = await page.locator('#filter-application option').evaluateAll((o) => o.map((x) => x.value).filter(Boolean));
    const steps = [
      ...apps.slice(0, 5).map((app) => ['#filter-application', app]),
      ['#filter-device', 'mobile'],
      ['#filter-from', '2023-06-01'],
      ['#filter-application', ''],
      ['#filter-device', ''],
      ['#filter-granularity', 'month'],
    ];
    const core = [];
    const total = [];
    for (const [selector, value] of steps) {
      const before = await status.textContent();
      const t0 = Date.now();
      if (selector === '#filter-from') await page.fill(selector, value);
      else await page.selectOption(selector, value);
      await page.waitForFunction(([s, b]) => document.querySelector(s)?.textContent !== b,
        ['.feedback .note[aria-live]', before], { timeout: 60000 });
      total.push(Date.now() - t0);
      core.push(Number((await status.textContent()).match(/(\d+)\s*ms/)[1]));
      await status.evaluate((e) => { e.textContent = ''; });
    }
    console.log(`\nFeedback dashboard in Chromium, ${rows.toLocaleString('en')} rows, ${label} (file loaded and first report in ${loadSeconds.toFixed(1)} s)`);
    console.log(`filter round trip (core answer in the worker): median ${median(core)} ms, max ${Math.max(...core)} ms over ${core.length} changes`);
    console.log(`filter to dashboard drawn in the DOM:          median ${median(total)} ms, max ${Math.max(...total)} ms`);
    const verdict = (ms) => (ms < 100 ? 'met' : 'not met');
    console.log(`target: under 100 ms for the recomputation -> median ${verdict(median(core))}, every change ${verdict(Math.max(...core))}`);
  } finally {
    await close();
  }
}

const plain = `${root}build/bench/feedback-${rows / 1e6}m.csv`;
if (!existsSync(plain)) await writeFeedback(plain, rows);
await measure(plain, 'the benchmark export');
const withOffices = `${root}build/bench/feedback-${rows / 1e6}m-offices.csv`;
if (!existsSync(withOffices)) await writeFeedback(withOffices, rows, 3, { offices: true });
await measure(withOffices, 'with 44 provincial offices (territorial section)');
