// The Sintesi in the page: several files give one combined summary first;
// it is copied as text and HTML, and downloaded as .docx and .odt with the
// sentences, every chart as an image (charts below the fold included) and
// their tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openPage } from './browser.mjs';

const demo = (name) => fileURLToPath(new URL(`../../public/demo/${name}`, import.meta.url));
const entries = (path, extension) => execFileSync('python3', ['-c',
  'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print("\\n".join(z.namelist())); print(z.read(sys.argv[2]).decode())',
  path, extension === 'odt' ? 'content.xml' : 'word/document.xml'], { encoding: 'utf8', maxBuffer: 1 << 26 });

test('several files: one combined Sintesi first, copied and downloaded as documents', async () => {
  const { page, consoleErrors, foreignRequests, close } = await openPage('/');
  try {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.setInputFiles('#file-input', [demo('volumi-demo.csv'), demo('rassegna-demo.csv')]);
    await page.waitForSelector('.sintesi.combined');
    // The combined summary comes before the datasets, and names both.
    const first = await page.evaluate(() => document.querySelector('.sintesi.combined')
      .compareDocumentPosition(document.querySelector('section.dataset')) & Node.DOCUMENT_POSITION_FOLLOWING);
    assert.ok(first);
    const combined = await page.locator('.sintesi.combined .finding').allTextContents();
    assert.match(combined[0], /^Sono stati letti 2 insiemi di dati: i volumi di contatto «volumi-demo\.csv» e la rassegna stampa «rassegna-demo\.csv»\.$/);
    assert.ok(combined.some((s) => /^Contact center · telefono · contatti: .*tra \+30% e \+31%/.test(s)));
    assert.ok(combined.some((s) => /^Crisi: nella settimana dell’11\/09\/2023/.test(s)));

    await page.locator('.sintesi.combined button', { hasText: 'Copia il testo' }).click();
    await page.waitForSelector('.sintesi.combined [role=status]:has-text("Copiato")');
    const html = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return (await item.getType('text/html')).text();
    });
    assert.match(html, /<h3>Sintesi complessiva<\/h3>/);
    assert.match(html, /tra <b>\+30%<\/b> e <b>\+31%<\/b>/);

    const charts = await page.locator('section.dataset .chart').count();
    for (const [label, extension] of [['Documento .docx', 'docx'], ['Documento .odt', 'odt']]) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('.sintesi.combined button', { hasText: label }).click(),
      ]);
      assert.equal(download.suggestedFilename(), `sintesi.${extension}`);
      const listing = entries(await download.path(), extension);
      const images = listing.split('\n').filter((name) => /\.png$/.test(name)).length;
      assert.equal(images, charts, `${extension}: one image per chart, drawn or not yet seen`);
      assert.ok(listing.includes('Sono stati letti 2 insiemi di dati'), extension);
      assert.ok(listing.includes('in presenza passa dal 62% nel 2021 al 70% nel 2023'), extension);
    }
    assert.deepEqual(foreignRequests, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('phases, channels and regions carry their rank intervals in charts and tables', async () => {
  const { page, consoleErrors, close } = await openPage('/');
  try {
    await page.click('#demo');
    await page.waitForSelector('.survey');
    const phases = page.locator('table', { has: page.locator('caption', { hasText: 'Media per fase (tutti i canali)' }) });
    const labels = await phases.locator('tbody th').allTextContents();
    assert.ok(labels.includes('Pratica · 4°'), labels.join(' | ')); // the weakest, for certain
    // The regions: most ranks are intervals, as 20 regions on 30,131 interviews allow.
    const regions = page.locator('table', { has: page.locator('th', { hasText: 'Rango (IC 95%)' }) }).first();
    const ranks = await regions.locator('tbody tr td:nth-child(3)').allTextContents();
    assert.equal(ranks.length, 20);
    assert.ok(ranks.filter((r) => /^rango \d+°–\d+°$/.test(r)).length >= 15, ranks.join(' | '));
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
