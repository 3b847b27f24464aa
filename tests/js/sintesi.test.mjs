// The Sintesi of the demos carries every figure of the agency's own
// paragraphs (../shared/seeds) at the seed's precision, in the Italian the
// agency writes, through the same WASM core the page uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSurvey } from '../../scripts/gen-demo.mjs';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { volumesDemo } from '../../scripts/gen-volumes.mjs';
import { writeFeedbackDemo } from '../../scripts/gen-feedback.mjs';
import { analyze } from '../../web/api.js';

const sintesi = (dataset, lang = 'it') => dataset.sintesi.findings.map((f) => f[lang]).join('\n');

test('the survey Sintesi writes every figure of the seed paragraphs', async () => {
  const report = await analyze({ name: 'indagine-demo.csv', bytes: Buffer.from(demoSurvey()) });
  const text = sintesi(report.datasets[0]);
  // "30.131 persone di cui il 51,24% di genere femminile ... (40,37%) ...
  // (26,38%) ... (23,04%) ... (14,93%)"
  assert.match(text, /hanno interessato 30\.131 persone/);
  assert.match(text, /«Donna» \(51,24%\)/);
  assert.match(text, /«60\+» \(40,37%\)/);
  assert.match(text, /«Dipendente privato» \(26,38%\), «Pensionato privato» \(23,04%\) e «Disoccupato» \(14,93%\)/);
  // "l'83,6% degli utenti dichiara di non aver avuto difficoltà"
  assert.match(text, /nessuna difficolta contatti»: 83,6%/);
  // "76,95 % a fronte del 68,7% nel 2021", significant in the demo
  assert.match(text, /prevale «Sito web» con il 76,95% \(a fronte del 68,7% nel 2021: aumento statisticamente significativo\)/);
  // "App ... 20,5% ... Contact Center al 17,58 e della Sede al 13,9%"
  assert.match(text, /«App» \(20,5%\), «Contact center» \(17,58%\)/);
  assert.match(text, /«Sede» \(13,9%\)/);
  // "durante l'iter della pratica ... contact center (31,76%)"
  assert.match(text, /«canale pratica»: prevale «Contact center» con il 31,76%/);
  // "passa da 3,74 del 2019 a 3,93 del 2022"
  assert.match(text, /passa da 3,74 del 2019 a 3,93 del 2022: aumento statisticamente significativo/);
  // the indices "3,77" and "3,91"
  assert.match(text, /«Indice di accessibilità» si attesta al 3,77/);
  assert.match(text, /«Indice di capacità di risposta» si attesta al 3,91/);
  // the five news shares: 40,39%, 14,64%, 46,42%, 23,07%, 12%
  assert.match(text, /«tg» 46,42%, «online» 40,39%, «programmi tv» 23,07%, «stampa» 14,64% e «radio» 12%/);
  // Each sentence in English too, with the same figures in English notation.
  const en = sintesi(report.datasets[0], 'en');
  assert.match(en, /The 2022 wave interviewed 30,131 people/);
  assert.match(en, /goes from 3\.74 in 2019 to 3\.93 in 2022: a statistically significant increase/);
  assert.match(en, /«Sito web» leads with 76\.95% \(against 68\.7% in 2021/);
  // The weakest phase and channel, named because their rank intervals allow it.
  assert.match(text, /La fase del viaggio con il giudizio più basso è «Pratica» \(media 3,71/);
  assert.match(text, /Il canale con il giudizio più basso è «Contact center» \(media 3,60/);
  for (const f of report.datasets[0].sintesi.findings) {
    assert.ok(f.it && f.en, `${f.kind} has a sentence in both languages`);
    assert.doesNotMatch(f.it + f.en, /[{}]/, `${f.kind}: every placeholder is filled`);
  }
});

test('the volumes Sintesi writes the seed touchpoint figures', async () => {
  const report = await analyze({ name: 'volumi-demo.csv', bytes: Buffer.from(volumesDemo()) });
  const text = sintesi(report.datasets[0]);
  // "si prevede un incremento di contatti del 30%" (the range starts there)
  assert.match(text, /Contact center · telefono · contatti: con i dati fino a ottobre 2023, per il 2023 si prevede una variazione tra \+30% e \+31% rispetto al 2022/);
  // "passata dal 62% dell'utenza nel 2021 al 70% del 2023"; "dal 38% ... al 29%"
  assert.match(text, /in presenza passa dal 62% nel 2021 al 70% nel 2023 \(dati parziali\)/);
  assert.match(text, /ricontatto telefonico passa dal 38% nel 2021 al 29% nel 2023/);
  // "in forte aumento nel 2023 (+ 60%)"
  assert.match(text, /videochiamata · prenotazioni: .* tra \+59% e \+60%/);
  const headline = report.datasets[0].sintesi.findings.find((f) => f.headline);
  assert.match(headline.it, /^Contact center/);
});

test('the feedback Sintesi names the incident first, and several files get one combined summary', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ascolto-sintesi-'));
  await writeFeedbackDemo(dir);
  const feedbackBytes = await readFile(join(dir, 'feedback-demo.csv'));
  await rm(dir, { recursive: true });
  const report = await analyze([
    { name: 'feedback-demo.csv', bytes: feedbackBytes },
    { name: 'volumi-demo.csv', bytes: Buffer.from(volumesDemo()) },
  ]);
  const [feedback] = report.datasets;
  assert.match(feedback.sintesi.findings[0].it, /^Allarme: nella settimana del 23\/10\/2023 il voto medio di NASpI scende a 1,33/);
  const combined = report.sintesi.findings;
  assert.match(combined[0].it, /Sono stati letti 2 insiemi di dati: i feedback «feedback-demo.csv» e i volumi di contatto «volumi-demo.csv»/);
  assert.ok(combined.some((f) => f.dataset === 'feedback-demo.csv' && /NASpI/.test(f.it)));
  assert.ok(combined.some((f) => f.dataset === 'volumi-demo.csv' && /\+30%/.test(f.it)));
});

test('the CLI prints the Sintesi as text, Markdown or JSON', async () => {
  const cli = new URL('../../build/native-release/ascolto', import.meta.url).pathname;
  const dir = await mkdtemp(join(tmpdir(), 'ascolto-summary-'));
  const file = join(dir, 'volumi.csv');
  await writeFile(file, volumesDemo());
  const markdown = execFileSync(cli, ['summary', file, '--format', 'markdown'], { encoding: 'utf8' });
  // Series in the order of their names, whatever the rows' order.
  assert.match(markdown, /^# Sintesi\n\n## volumi\.csv\n\n- App · INPS Mobile · visualizzazioni: /);
  assert.match(markdown, /in presenza passa dal 62% nel 2021 al 70% nel 2023/);
  const text = execFileSync(cli, ['summary', file, '--lang', 'en'], { encoding: 'utf8' });
  assert.match(text, /^volumi\.csv\n=+\n- /);
  assert.match(text, /in presenza goes from 62% in 2021 to 70% in 2023 \(partial data\)/);
  const json = JSON.parse(execFileSync(cli, ['summary', file, '--format', 'json'], { encoding: 'utf8' }));
  assert.equal(json.format, 'ascolto-sintesi');
  assert.equal(json.datasets[0].kind, 'volumes');
  assert.ok(json.datasets[0].sintesi.findings.some((f) => f.kind === 'mix_shift' && f.figures.shifts.length === 2));
  const wrong = spawnSync(cli, ['summary', file, '--format', 'pdf'], { encoding: 'utf8' });
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /--format is text, markdown or json/);
  await rm(dir, { recursive: true });
});
