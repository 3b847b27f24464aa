// Writes a synthetic instant-feedback export for benchmarks: timestamp,
// application, device, 1-5 rating, and a quoted Italian comment (about a
// third of the rows), ~63 bytes a row. Deterministic for a given seed.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { random } from './gen-demo.mjs';

const APPS = ['NASpI', 'Cassetto previdenziale', 'Estratto conto', 'Assegno unico', 'Pensione', 'Bonus nido',
  'Cedolino pensione', 'Certificazione unica', 'ISEE precompilato', 'Prenotazione sede', 'Reddito di cittadinanza',
  'Invalidità civile', 'Domanda di disoccupazione', 'Riscatto laurea', 'Ricongiunzione', 'Fascicolo previdenziale'];
const DEVICES = ['desktop', 'mobile', 'tablet', 'app'];
const COMMENTS = ['Tutto chiaro, grazie', 'Troppi passaggi per arrivare alla domanda', 'Il sito è lento',
  'Non trovo lo stato della pratica', 'Servizio utile e veloce', 'Errore al momento dell\'invio, "riprovare più tardi"',
  'Ottimo', 'Informazioni poco chiare sui requisiti', 'Pagina non disponibile', 'Bene ma migliorabile'];
const RATINGS = [[1, 0.08], [2, 0.07], [3, 0.15], [4, 0.3], [5, 0.4]];

function pick(rand, weighted) {
  let u = rand();
  for (const [value, p] of weighted) if ((u -= p) < 0) return value;
  return weighted[weighted.length - 1][0];
}

export async function writeFeedback(path, rows, seed = 1) {
  const rand = random(seed);
  const out = createWriteStream(path);
  out.write('timestamp,applicativo,dispositivo,voto,commento\n');
  const start = Date.UTC(2023, 0, 1);
  let batch = [];
  for (let i = 0; i < rows; i += 1) {
    const when = new Date(start + Math.floor((i / rows) * 300 * 86400000)).toISOString().slice(0, 19);
    const app = APPS[Math.floor(rand() * rand() * APPS.length)];
    const comment = rand() < 0.35 ? `"${COMMENTS[Math.floor(rand() * COMMENTS.length)].replaceAll('"', '""')}"` : '';
    batch.push(`${when},${app},${DEVICES[Math.floor(rand() * 4)]},${pick(rand, RATINGS)},${comment}\n`);
    if (batch.length === 10000) {
      if (!out.write(batch.join(''))) await once(out, 'drain');
      batch = [];
    }
  }
  out.write(batch.join(''));
  out.end();
  await once(out, 'finish');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [path, rows = '1000000'] = process.argv.slice(2);
  await writeFeedback(path, Number(rows));
}
