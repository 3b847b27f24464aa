// Writes a synthetic instant-feedback export: timestamp, application,
// device, 1-5 rating, and a quoted Italian comment (about a third of the
// rows). Applications differ in quality and size (one small application
// with a high raw mean, for the fair ranking); comments follow the rating;
// the largest application has an incident in its last two weeks (a drop
// and a burst of 1-2 ratings, for the alerts); a few comments carry
// personal data (to be masked). Deterministic for a given seed. Used by the
// benchmarks (1M rows) and by the page's feedback demo.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { random } from './gen-demo.mjs';

// [application, share of feedbacks, quality shift]
const APPS = [['NASpI', 0.22, 0.1], ['Cassetto previdenziale', 0.14, -0.25], ['Estratto conto', 0.12, 0.05],
  ['Assegno unico', 0.11, 0.2], ['Pensione', 0.09, 0], ['Bonus nido', 0.06, 0.15],
  ['Cedolino pensione', 0.06, 0.3], ['Certificazione unica', 0.05, -0.1], ['ISEE precompilato', 0.04, -0.45],
  ['Prenotazione sede', 0.03, -0.6], ['Reddito di cittadinanza', 0.025, -0.3], ['Invalidità civile', 0.02, -0.2],
  ['Domanda di disoccupazione', 0.015, 0], ['Ricongiunzione', 0.008, 0.1], ['Fascicolo previdenziale', 0.0065, 0.05],
  ['Riscatto laurea', 0.0002, 0.9]];
const DEVICES = ['desktop', 'mobile', 'tablet', 'app'];
// [provincial office, relative size, quality shift]: for the territorial
// view of the demo (offices of very different size on a funnel plot).
const OFFICES = [['Roma', 42, 0], ['Milano', 32, 0.05], ['Napoli', 30, -0.25], ['Torino', 22, 0.05],
  ['Palermo', 12, -0.1], ['Bari', 12, 0], ['Brescia', 12, 0.1], ['Bergamo', 11, 0.1], ['Salerno', 11, -0.05],
  ['Catania', 11, -0.1], ['Firenze', 10, 0.05], ['Bologna', 10, 0.15], ['Padova', 9, 0.1], ['Verona', 9, 0.05],
  ['Caserta', 9, -0.3], ['Treviso', 9, 0.1], ['Varese', 9, 0], ['Venezia', 8, 0.05], ['Genova', 8, 0],
  ['Lecce', 8, 0], ['Cosenza', 7, -0.1], ['Perugia', 6, 0.05], ['Cagliari', 4, 0], ['Ancona', 5, 0.15],
  ['Trento', 5, 0.25], ['Bolzano', 5, 0.2], ['Pescara', 3, 0], ['Potenza', 4, -0.05], ['Campobasso', 2, 0],
  ['Udine', 5, 0.1], ['Sassari', 5, 0], ['Aosta', 1, 0.1], ['Reggio Calabria', 5, -0.15], ['Foggia', 6, -0.1],
  ['Messina', 6, -0.05], ['Latina', 6, -0.05], ['Modena', 7, 0.1], ['Parma', 5, 0.1], ['Pisa', 4, 0.05],
  ['Terni', 2, 0], ['Isernia', 0.8, 0], ['Matera', 2, 0], ['Crotone', 1.6, -0.2], ['Rieti', 1.5, 0]];
const COMMENTS = {
  low: ['Troppi passaggi per arrivare alla domanda', 'Il sito è lento', 'Non trovo lo stato della pratica',
    'Errore al momento dell\'invio, "riprovare più tardi"', 'Pagina non disponibile',
    'Informazioni poco chiare sui requisiti', 'Sessione scaduta, ho perso i dati inseriti'],
  mid: ['Bene ma migliorabile', 'Informazioni poco chiare sui requisiti', 'Un po\' lento ma funziona'],
  high: ['Tutto chiaro, grazie', 'Servizio utile e veloce', 'Ottimo', 'Procedura semplice e chiara'],
};
const PERSONAL = ['Contattatemi a mario.rossi@example.it', 'Richiamatemi al 333 123 4567',
  'Il mio codice fiscale è RSSMRA80A01H501U', 'Rimborso su IT60X0542811101000000123456'];
const BASE = [0.08, 0.07, 0.15, 0.3, 0.4]; // shares of 1..5 at shift 0
const DAYS = 300;

function pickIndex(rand, weights) {
  let u = rand() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i += 1) if ((u -= weights[i]) < 0) return i;
  return weights.length - 1;
}

// The rating distribution moved by `shift` (positive: towards 5).
function rating(rand, shift) {
  const weights = BASE.map((p, i) => p * Math.exp(shift * (i - 2)));
  return 1 + pickIndex(rand, weights);
}

function comment(rand, value) {
  if (rand() < 0.002) return PERSONAL[Math.floor(rand() * PERSONAL.length)];
  const pool = value <= 2 ? COMMENTS.low : value === 3 ? COMMENTS.mid : COMMENTS.high;
  return pool[Math.floor(rand() * pool.length)];
}

/** `offices`: add the provincial office of each feedback (the demo; the benchmark's format has none). */
export async function writeFeedback(path, rows, seed = 1, { offices = false } = {}) {
  const rand = random(seed);
  const out = createWriteStream(path);
  out.write(`timestamp,applicativo,dispositivo,voto,commento${offices ? ',sede' : ''}\n`);
  const officeSizes = OFFICES.map(([, size]) => size);
  const start = Date.UTC(2023, 0, 1);
  const shares = APPS.map(([, share]) => share);
  let batch = [];
  for (let i = 0; i < rows; i += 1) {
    const day = (i / rows) * DAYS;
    const when = new Date(start + Math.floor(day * 86400000)).toISOString().slice(0, 19);
    const [app, , quality] = APPS[pickIndex(rand, shares)];
    const incident = app === 'NASpI' && day >= DAYS - 14;
    const [office, , local] = offices ? OFFICES[pickIndex(rand, officeSizes)] : ['', 0, 0];
    const value = rating(rand, incident ? -1.6 : quality + local);
    const text = rand() < 0.35
      ? `"${(incident && value <= 2 ? 'Errore al momento dell\'invio della domanda' : comment(rand, value)).replaceAll('"', '""')}"`
      : '';
    const where = offices ? `,Direzione provinciale di ${office}` : '';
    batch.push(`${when},${app},${DEVICES[Math.floor(rand() * 4)]},${value},${text}${where}\n`);
    if (batch.length === 10000) {
      if (!out.write(batch.join(''))) await once(out, 'drain');
      batch = [];
    }
  }
  out.write(batch.join(''));
  out.end();
  await once(out, 'finish');
}

/** The page's feedback demo: 60,000 feedbacks over 300 days. */
export async function writeFeedbackDemo(dir) {
  await mkdir(dir, { recursive: true });
  await writeFeedback(`${dir}/feedback-demo.csv`, 60000, 7, { offices: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [path, rows = '1000000'] = process.argv.slice(2);
  await writeFeedback(path, Number(rows));
}
