// The Sintesi documents: the clipboard's text and HTML, and .docx and .odt
// files read back by LibreOffice (the sentences, the table cells and the
// chart image all arrive; text from files stays text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sintesiHtml, sintesiParagraphs, sintesiText, toDocx, toOdt } from '../../web/document-export.js';

const soffice = '/usr/bin/soffice';
const skip = !existsSync(soffice) && !process.env.ASCOLTO_REQUIRE_SUITES ? 'LibreOffice is not installed' : false;

// A 1x1 PNG.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const doc = {
  title: 'Sintesi',
  sections: [{
    heading: 'indagine <2022>.csv',
    paragraphs: [[
      'Le interviste della rilevazione 2022 hanno interessato 30.131 persone.',
      'Per genere il gruppo più numeroso è «<b>Donna</b> & co» (51,24%).',
    ], ['Il livello di soddisfazione globale è 3,93 su una scala da 1 a 5.']],
    items: [{
      title: 'Media per fase',
      png: { bytes: png, width: 1200, height: 600 },
      rows: [['Fase', 'Media (IC 95%)', 'n'], ['Informazione', '3,95 (3,94–3,96)', '27.964'], ['=SOMMA(A1)', '3,71', '24.178']],
    }],
  }],
};

test('findings become paragraphs as the agency writes them: one per section, the profile after who answered', () => {
  const finding = (section, it, dataset) => ({ section, kind: section, it, en: `${it} (en)`, ...(dataset ? { dataset } : {}) });
  const findings = [finding('respondents', 'A.'), finding('profile', 'B.'), finding('profile', 'C.'), finding('overall', 'D.'),
    finding('change', 'E.'), finding('shares', 'F.'), finding('shares', 'G.')];
  findings[4].section = 'overall';
  assert.deepEqual(sintesiParagraphs(findings, 'it'), [['A.', 'B.', 'C.'], ['D.', 'E.'], ['F.', 'G.']]);
  assert.deepEqual(sintesiParagraphs(findings.slice(0, 2), 'en'), [['A. (en)', 'B. (en)']]);
  // The combined summary: a paragraph per dataset.
  assert.deepEqual(sintesiParagraphs([finding('datasets', 'Letti 2.'), finding('alerts', 'X.', 'a.csv'),
    finding('overall', 'Y.', 'a.csv'), finding('projections', 'Z.', 'b.csv')], 'it'), [['Letti 2.'], ['X.', 'Y.'], ['Z.']]);
});

test('the clipboard gets plain text and HTML with the figures in bold, text escaped', () => {
  assert.equal(sintesiText(doc), 'indagine <2022>.csv\n\nLe interviste della rilevazione 2022 hanno interessato 30.131 persone. ' +
    'Per genere il gruppo più numeroso è «<b>Donna</b> & co» (51,24%).\n\nIl livello di soddisfazione globale è 3,93 su una scala da 1 a 5.');
  const html = sintesiHtml(doc);
  assert.match(html, /<h3>indagine &lt;2022&gt;\.csv<\/h3>\n<p>Le interviste/);
  assert.match(html, /<p>Il livello di soddisfazione globale è <b>3,93<\/b> su una scala da <b>1<\/b> a <b>5<\/b>\.<\/p>/);
  assert.match(html, /rilevazione <b>2022<\/b> hanno interessato <b>30\.131<\/b> persone/);
  assert.match(html, /«&lt;b&gt;Donna&lt;\/b&gt; &amp; co» \(<b>51,24%<\/b>\)/);
});

test('.docx and .odt carry the sentences, the table and the chart, as LibreOffice reads them', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ascolto-documents-'));
  try {
    const env = { ...process.env, HOME: dir };
    for (const [format, bytes] of [['docx', toDocx(doc)], ['odt', toOdt(doc)]]) {
      const file = join(dir, `sintesi-${format}.${format}`);
      writeFileSync(file, bytes);
      execFileSync(soffice, ['--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, file], { stdio: 'ignore', env });
      const text = readFileSync(join(dir, `sintesi-${format}.txt`), 'utf8');
      assert.match(text, /hanno interessato 30\.131 persone/, format);
      assert.match(text, /«<b>Donna<\/b> & co» \(51,24%\)/, format);
      assert.match(text, /indagine <2022>\.csv/, format);
      for (const cell of ['Informazione', '3,95 (3,94–3,96)', '=SOMMA(A1)', '24.178']) assert.ok(text.includes(cell), `${format}: ${cell}`);
      // The image arrives: converted to the other format, LibreOffice writes it out again.
      const other = format === 'docx' ? 'odt' : 'docx';
      execFileSync(soffice, ['--headless', '--convert-to', other, '--outdir', join(dir, other), file], { stdio: 'ignore', env });
      const entries = execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))',
        join(dir, other, `sintesi-${format}.${other}`)], { encoding: 'utf8' });
      assert.match(entries, other === 'odt' ? /^Pictures\/.+\.png$/m : /^word\/media\/.+\.png$/m, `${format} -> ${other}: ${entries}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
