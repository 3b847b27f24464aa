// The feedback dashboard as an application owner meets it: alerts first,
// the owner's view from ?app=, filters recomputed in memory, the comments
// explorer with search, file text shown as text, personal data masked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';

test('the feedback demo: alerts first, fair ranking, trend, and filters answered from memory', async () => {
  const { page, consoleErrors, foreignRequests, close } = await openPage('/');
  try {
    await page.click('#feedback-demo');
    await page.waitForSelector('.feedback .alerts', { timeout: 30000 });
    // The alerts come before every chart of the dashboard.
    const first = await page.locator('.feedback-body > *').first().getAttribute('class');
    assert.match(first, /alerts/);
    assert.match(await page.locator('.alerts li').first().textContent(), /^Calo del voto: NASpI, settimana dal 23\/10\/2023: media 1,\d\d contro 3,\d\d/);
    assert.match(await page.locator('.tiles').textContent(), /Feedback60\.000/);
    // The Sintesi opens the dataset: the incident first, no unit named first without cause.
    const sintesi = await page.locator('.card.sintesi .finding').allTextContents();
    assert.match(sintesi[0], /^Allarme: nella settimana del 23\/10\/2023 il voto medio di NASpI scende a 1,\d\d/);
    assert.ok(sintesi.some((s) => /^Sono stati raccolti 60\.000 feedback, con un voto medio di 3,78 su 5/.test(s)));
    assert.ok(sintesi.some((s) => /^Il gruppo di testa \(applicativi\) non si può separare: Cedolino pensione e Riscatto laurea/.test(s)));
    // The small application with a high raw mean is pulled toward the overall mean.
    const ranking = page.locator('.card.rating', { has: page.locator('h4', { hasText: 'Graduatoria corretta' }) });
    await ranking.getByRole('button', { name: 'Mostra tabella dati' }).click();
    const row = await ranking.locator('tr', { hasText: 'Riscatto laurea' }).locator('td').allTextContents();
    const raw = Number(row[1].replace(',', '.'));
    const adjusted = Number(row[3].replace(',', '.'));
    assert.ok(adjusted < raw, `adjusted ${adjusted} below raw ${raw}`);
    // A filter is answered by the core from the tables in memory.
    await page.selectOption('#filter-application', 'NASpI');
    await page.waitForFunction(() => /Ricalcolato in memoria in \d+ ms/.test(document.querySelector('.feedback .note[aria-live]').textContent));
    assert.match(await page.locator('.tiles').textContent(), /tutti gli applicativi: 60\.000/);
    const trend = page.locator('.card.rating', { has: page.locator('h4', { hasText: 'Andamento del voto medio' }) });
    await trend.scrollIntoViewIfNeeded();
    await trend.locator('svg').waitFor();
    // The comments explorer finds "errore" by its stem ("errori"), newest first.
    await page.fill('#comment-word', 'errori');
    await page.click('.inline-form button[type=submit]');
    await page.waitForFunction(() => /Commenti 1–20 di/.test(document.querySelector('#comments-summary').textContent) &&
      [...document.querySelectorAll('table.comments td.comment-text')].every((td) => /errore/i.test(td.textContent)));
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests, []);
  } finally {
    await close();
  }
});

test('the owner view opens on one application; comments stay text and personal data is masked', async () => {
  const { page, consoleErrors, close } = await openPage('/?app=Portale');
  try {
    const lines = ['data;applicativo;voto;commento'];
    for (let i = 0; i < 12; i += 1) {
      const day = String(1 + i).padStart(2, '0');
      lines.push(`${day}/10/2023;Portale;${1 + (i % 5)};"<img src=x onerror=alert(1)> scrivete a anna.bianchi@example.it"`);
      lines.push(`${day}/10/2023;Altro;4;ok`);
    }
    await page.setInputFiles('#file-input', { name: 'portale.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await page.waitForFunction(() => document.querySelector('#filter-application')?.value === 'Portale');
    await page.waitForFunction(() => /tutti gli applicativi/.test(document.querySelector('.tiles')?.textContent ?? ''));
    await page.waitForSelector('table.comments td.comment-text');
    const text = await page.locator('table.comments td.comment-text').first().textContent();
    assert.equal(text, '<img src=x onerror=alert(1)> scrivete a [email]');
    assert.equal(await page.locator('table.comments img').count(), 0, 'file text must never become markup');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});

test('a feedback file without an application column draws no empty "applications compared" section', async () => {
  const { page, consoleErrors, close } = await openPage('/');
  try {
    const lines = ['data;voto;commento'];
    for (let i = 0; i < 40; i += 1) lines.push(`${String(1 + (i % 28)).padStart(2, '0')}/10/2023;${1 + (i % 5)};servizio ${i}`);
    await page.setInputFiles('#file-input', { name: 'un-solo-servizio.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await page.waitForFunction(() => /Feedback40/.test(document.querySelector('.tiles')?.textContent ?? ''));
    const headings = await page.locator('.feedback-body h3').allTextContents();
    assert.ok(headings.includes('Andamento'), `headings: ${headings}`);
    assert.ok(!headings.includes('Applicativi a confronto'), `headings: ${headings}`);
    assert.equal(await page.locator('.feedback-body .ratings:empty').count(), 0);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
