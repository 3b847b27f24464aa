// The sentiment of comments in WASM (issue 20): 1M short comments of which
// 1% are rated (the lexicon and model label every one), and 300k rated
// comments (the model is trained and cross-validated on them). Times the
// first comments request, which builds the whole comment analysis: words,
// stems, pairs, personal data, the lexicon's score of each comment, the
// model's training and labels. Usage: node scripts/bench-sentiment.mjs
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fileSource, loadCore } from '../web/node-core.js';
import { loadSession, querySession } from '../web/engine.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const WORDS = ['il', 'sito', 'è', 'lento', 'non', 'funziona', 'niente', 'ottimo', 'servizio', 'grazie', 'pratica',
  'bloccata', 'molto', 'chiaro', 'poco', 'ma', 'alla', 'fine', 'ok', 'errore', 'domanda', 'inviata', 'app',
  'semplice', 'pagina', 'attesa', 'operatore', 'risposta', 'veloce', 'inutile'];

// Comments of 4-12 words drawn from WORDS (with a code among 5,000, as real
// comments carry names and numbers); a comment with a complaint word is
// rated 1-2, the others 4-5, on the first `rated` rows.
function writeComments(path, rows, rated) {
  let x = 1;
  const lines = ['data,applicativo,voto,commento'];
  for (let i = 0; i < rows; i++) {
    let text = '';
    for (let j = 0; j < 4 + (i % 9); j++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      text += `${WORDS[(x >>> 16) % WORDS.length]}${j % 4 === 3 ? ', ' : ' '}`;
    }
    const complaint = /lento|errore|inutile|bloccata/.test(text);
    const rating = i < rated ? (complaint ? 1 + (i % 2) : 4 + (i % 2)) : '';
    lines.push(`2024-01-${String(1 + (i % 28)).padStart(2, '0')},${['NASpI', 'ISEE', 'Pensione'][i % 3]},${rating},${text.trim()} n${i % 5000}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

const core = await loadCore();
mkdirSync(`${root}build/bench`, { recursive: true });
console.log('\nSentiment of comments, WASM in node (the first comments request builds the comment analysis):\n');
for (const [name, rows, rated] of [['comments-1m', 1000000, 10000], ['comments-300k-rated', 300000, 300000]]) {
  const path = `${root}build/bench/${name}.csv`;
  if (!existsSync(path)) writeComments(path, rows, rated);
  const session = await loadSession(core, [fileSource(path)], {});
  const started = performance.now();
  querySession(session, { comments: { sentiment: 'negative', limit: 1 } });
  const seconds = (performance.now() - started) / 1000;
  const s = querySession(session, { feedback: {} }).views[0].feedback.text.sentiment;
  const rated_ = s.model.rated.negative + s.model.rated.positive;
  console.log(`${name.padEnd(22)} ${String(rows).padStart(8)} comments, ${String(rated_).padStart(7)} rated 1-2/4-5:`
    + ` ${seconds.toFixed(3)} s (${(rows / seconds / 1e6).toFixed(2)}M comments/s); labels by the ${s.method}`
    + ` (cross-validated macro-F1 ${s.model.accuracy ? s.model.accuracy.macro_f1.toFixed(3) : '-'},`
    + ` lexicon ${s.lexicon.accuracy_on_rated.macro_f1.toFixed(3)})`);
  session.delete();
}
