// Personal data on load: columns that look personal are named, left out,
// and analysed only after the user includes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';

test('a column of e-mail addresses is left out until the user includes it', async () => {
  const { page, consoleErrors, foreignRequests, close } = await openPage('/');
  try {
    const rows = Array.from({ length: 30 }, (_, i) => `utente${i}@example.it;NASpI;${1 + (i % 5)}`);
    await page.setInputFiles('#file-input', {
      name: 'feedback-con-email.csv', mimeType: 'text/csv', buffer: Buffer.from(`email;applicativo;voto\n${rows.join('\n')}\n`),
    });
    const card = page.locator('section.personal-data');
    await card.waitFor({ timeout: 30000 });
    assert.match(await card.innerText(), /email: values are personal data \(email: 30 of 30 sampled\)/);
    // No address is shown anywhere on the page.
    assert.doesNotMatch(await page.locator('#report').innerText(), /utente\d+@example\.it/);
    await card.getByRole('button').click();
    await page.waitForFunction(() => !document.querySelector('section.personal-data') && document.querySelector('section.dataset'));
    assert.equal(await page.locator('section.personal-data').count(), 0);
    assert.deepEqual(foreignRequests, []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await close();
  }
});
