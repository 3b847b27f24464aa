// The page as a user meets it: choose a CSV with the file input, see how it
// was read and the rating chart; nothing requested from other hosts, no
// console error, file text shown as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expectNextFileRead, openPage } from './browser.mjs';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));

test('a dropped feedback CSV shows how it was read, its dashboard, the columns and the rating chart', async () => {
  const { page, consoleErrors, foreignRequests, close } = await openPage('/');
  try {
    assert.equal(await page.locator('h1').textContent(), 'Ascolto');
    assert.match(await page.locator('#drop-zone').textContent(), /Scegli i file/);
    await page.setInputFiles('#file-input', `${fixtures}feedback_small.csv`);
    await page.waitForSelector('.feedback .tiles', { timeout: 15000 });
    const facts = await page.locator('.facts').first().textContent();
    assert.match(facts, /Righe lette10/);
    assert.match(facts, /Separatore;/);
    assert.match(facts, /Codificautf-8/);
    // A feedback file gets the dashboard. Mean of 5,4,3,5,2,4,1,4,5,3 = 3.6; Italian decimal comma.
    assert.match(await page.locator('.tile', { hasText: 'Media' }).textContent(), /Media3,60 \(IC 95%: /);
    const columns = await page.locator('table.columns tbody th').allTextContents();
    assert.deepEqual(columns, ['data', 'applicativo', 'voto', 'commento']);
    // Each rating, one by one, is a click away, with its chart and data table.
    await page.locator('details summary', { hasText: 'Tutte le valutazioni' }).click();
    await page.waitForSelector('details .rating svg');
    await page.locator('details').getByRole('button', { name: 'Mostra tabella dati' }).click();
    const cells = await page.locator('details .data-table tbody tr').first().locator('td').allTextContents();
    assert.equal(cells[0], '1');
    // Fewer than 10 comments: counted, not shown.
    await page.waitForFunction(() => /meno di 10, non mostrati/.test(document.querySelector('#comments-summary')?.textContent ?? ''));
    assert.equal(await page.locator('table.comments td.comment-text').count(), 0);
    assert.equal(await page.locator('script', { hasText: 'alert' }).count(), 0, 'file text must never become markup');
    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}feedback.png`, fullPage: true });
    // The English switch translates the report.
    await page.click('#language');
    assert.match(await page.locator('.facts').first().textContent(), /Rows read10/);
    assert.match(await page.locator('.tile', { hasText: 'Mean' }).textContent(), /Mean3\.60 \(95% CI: /);
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests, []);
  } finally {
    await close();
  }
});

test('the demo button loads the built-in survey and a broken file gets a clear message', async () => {
  const { page, consoleErrors, foreignRequests, close } = await openPage('/');
  try {
    await page.click('#demo');
    await page.waitForSelector('.survey', { timeout: 30000 });
    // Charts are drawn as they come into view.
    await page.locator('.survey .card.rating').first().scrollIntoViewIfNeeded();
    await page.waitForSelector('.survey .rating svg');
    assert.match(await page.locator('.facts').first().textContent(), /Righe lette57\.131/);
    const glance = await page.locator('.survey .facts').first().textContent();
    assert.match(glance, /Rilevazione mostrata2022 \(Rilevazioni: 2019, 2021, 2022\)/);
    assert.match(glance, /Rispondenti30\.131/);
    // The 3.74 -> 3.93 story, as a test with its p-value.
    const overall = await page.locator('.survey .card.rating').first().textContent();
    assert.match(overall, /Media \(1-5\): 3,93 \(IC 95%/);
    assert.match(overall, /2019 → 2022: \+0,19 \(p < 0,001\) differenza significativa/);
    // The heat map, the key-driver chart and the crosstab are drawn, with their tables.
    for (const title of ['Media per fase e canale', 'Importanza e prestazione degli aspetti del servizio']) {
      const card = page.locator('.card.rating', { has: page.locator('h4', { hasText: title }) });
      await card.scrollIntoViewIfNeeded();
      await card.locator('svg').waitFor();
      await card.getByRole('button', { name: 'Mostra tabella dati' }).click();
      assert.ok(await card.locator('.data-table tbody tr').count() >= 4, title);
    }
    const heatmapRow = await page.locator('.data-table', { hasText: 'Media per fase e canale' }).locator('tbody tr').first().textContent();
    assert.match(heatmapRow, /^Informazione\d,\d\d/);
    // The table downloads as CSV for Excel (BOM, ';'), the chart as SVG.
    const heatmap = page.locator('.card.rating', { has: page.locator('h4', { hasText: 'Media per fase e canale' }) });
    const [csv] = await Promise.all([page.waitForEvent('download'), heatmap.getByRole('button', { name: /^CSV:/ }).click()]);
    assert.equal(csv.suggestedFilename(), 'media-per-fase-e-canale.csv');
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(await csv.path(), 'utf8');
    assert.ok(text.startsWith('\uFEFF;Web;App;Contact center;Sede\r\nInformazione;'), text.slice(0, 80));
    const [svg] = await Promise.all([page.waitForEvent('download'), heatmap.getByRole('button', { name: /^SVG:/ }).click()]);
    assert.match(await readFile(await svg.path(), 'utf8'), /^<svg/);
    const crosstab = page.locator('table.crosstab');
    await page.selectOption('#crosstab-by', { label: 'Classe eta' });
    assert.match(await crosstab.locator('caption').textContent(), /Classe eta/);
    assert.ok(await crosstab.locator('td.higher, td.lower').count() > 0, 'significant groups are marked');
    await crosstab.getByRole('button', { name: /^60\+/ }).click();
    assert.equal(await crosstab.locator('th[aria-sort="descending"]').count(), 1);
    await page.screenshot({ path: `${screenshots}demo.png`, fullPage: false });
    await page.setInputFiles('#file-input', {
      name: 'rotto.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,"non chiuso\n'),
    });
    await page.waitForSelector('.card.error');
    const message = await page.locator('.card.error').textContent();
    assert.match(message, /non viene mai chiuso/);
    assert.match(message, /unterminated_quote/);
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests, []);
  } finally {
    await close();
  }
});

test('a survey file no one prepared (airline ratings 0-5) gets a journey and key-driver report', async (t) => {
  const airline = fileURLToPath(new URL('../../../shared/data/airline_passenger_satisfaction_test.csv', import.meta.url));
  const { existsSync } = await import('node:fs');
  if (!existsSync(airline)) {
    t.skip('../shared/data is not here');
    return;
  }
  const { page, consoleErrors, foreignRequests, close } = await openPage('/');
  try {
    await page.setInputFiles('#file-input', airline);
    await page.waitForSelector('.survey', { timeout: 30000 });
    assert.match(await page.locator('.survey').textContent(), /Quota di soddisfatti \(satisfied\): 43,9%/);
    const drivers = page.locator('.card.rating', { has: page.locator('h4', { hasText: 'Importanza e prestazione' }) });
    await drivers.scrollIntoViewIfNeeded();
    await drivers.locator('svg').waitFor();
    assert.match(await drivers.locator('svg').textContent(), /Online boarding/);
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests, []);
  } finally {
    await close();
  }
});

test('a large file shows progress and can be cancelled; the page stays usable', async () => {
  const { writeFeedback } = await import('../../scripts/gen-feedback.mjs');
  const { tmpdir } = await import('node:os');
  const big = `${tmpdir()}/ascolto-browser-big.csv`;
  await writeFeedback(big, 1500000); // ~80 MB: long enough to cancel mid-way
  const { page, consoleErrors, foreignRequests, close } = await openPage('/');
  try {
    await page.setInputFiles('#file-input', big);
    await page.waitForFunction(() => /MB\/s/.test(document.querySelector('#progress-text').textContent));
    assert.match(await page.locator('#progress-text').textContent(), /righe/);
    await page.click('#cancel');
    assert.equal(await page.locator('#status').textContent(), 'Analisi annullata.');
    assert.equal(await page.locator('#progress').isHidden(), true);
    assert.equal(await page.locator('.dataset').count(), 0);
    await expectNextFileRead(page);
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests, []);
  } finally {
    await close();
  }
});

// Opens the page with its first worker stuck for good (as Firefox left one
// on a loaded machine): its script is served as an endless loop; the
// workers started after it are real. `timeouts` are set before the page loads.
async function openWithStuckSpare(timeouts) {
  const state = { workerScripts: 0, warnings: [] };
  const opened = await openPage('/', {
    beforeGoto: async (page) => {
      page.on('console', (message) => { if (message.type() === 'warning') state.warnings.push(message.text()); });
      await page.addInitScript((values) => Object.assign(globalThis, values), timeouts);
      await page.route('**/build/worker.js', (route) => {
        state.workerScripts += 1;
        if (state.workerScripts > 1) return route.continue();
        return route.fulfill({
          headers: { 'Content-Type': 'text/javascript', 'Cross-Origin-Embedder-Policy': 'require-corp' },
          body: 'for (;;) {}',
        });
      });
    },
  });
  return { ...opened, state };
}

async function expectFeedbackDemo(page) {
  await page.click('#feedback-demo');
  await page.waitForSelector('.feedback .tiles', { timeout: 60000 });
  assert.match(await page.locator('.card.sintesi .finding').first().textContent(), /^Allarme: .*NASpI/);
}

test('a worker that never takes the request is replaced, and the demo opens', async () => {
  const { page, consoleErrors, foreignRequests, close, state } = await openWithStuckSpare({ ASCOLTO_ACCEPT_TIMEOUT_MS: 1500 });
  try {
    await expectFeedbackDemo(page);
    assert.ok(state.workerScripts >= 2, `${state.workerScripts} worker scripts fetched`);
    assert.ok(state.warnings.some((w) => /did not answer in 1500 ms; starting another/.test(w)), state.warnings.join('\n'));
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests, []);
  } finally {
    await close();
  }
});

test('a spare worker that is never ready is replaced before a file comes', async () => {
  const { page, consoleErrors, foreignRequests, close, state } = await openWithStuckSpare({ ASCOLTO_SPARE_READY_TIMEOUT_MS: 4000 });
  try {
    const deadline = Date.now() + 20000;
    while (state.workerScripts < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(state.workerScripts >= 2, `${state.workerScripts} worker scripts fetched`);
    assert.ok(state.warnings.some((w) => /spare worker was not ready in 4000 ms/.test(w)), state.warnings.join('\n'));
    await expectFeedbackDemo(page);
    // The replacement was ready: the request was taken at once, not after a wait.
    assert.ok(!state.warnings.some((w) => /did not answer/.test(w)), state.warnings.join('\n'));
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests, []);
  } finally {
    await close();
  }
});

test('the volumes demo: projections in words, the mix by modality, nothing from other hosts', async () => {
  const { page, consoleErrors, foreignRequests, close } = await openPage('/');
  try {
    await page.click('#volumes-demo');
    await page.waitForSelector('.volumes', { timeout: 30000 });
    const contacts = page.locator('.card.rating', { has: page.locator('h4', { hasText: 'Contact center · telefono · contatti' }) });
    assert.match(await contacts.textContent(), /variazione sull’anno precedente tra \+30,0% e \+31,0%/);
    const mix = page.locator('.card.rating', { has: page.locator('h4', { hasText: 'Composizione per anno: Sede · prenotazioni' }) });
    await mix.scrollIntoViewIfNeeded();
    await mix.locator('svg').waitFor();
    const labels = await mix.locator('svg text').allTextContents();
    assert.ok(labels.includes('62%') && labels.includes('70%') && labels.includes('in presenza'), labels.join('|'));
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests, []);
  } finally {
    await close();
  }
});
