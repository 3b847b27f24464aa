// Writes the media-monitoring demo: one row per news item about the agency
// from 1 January to 1 November 2023, with the outlet counts of domain.md
// exact (web 5,854; radio/TV 2,003; national newspapers 3,289; regional
// newspapers 2,870; agency wires 1,621), a vendor's sentiment (the vendor
// does not rate agency wires: Ascolto scores their titles), and a crisis in
// mid-September (a portal outage: more items, mostly negative) that the
// alerts must find. Deterministic.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { random } from './gen-demo.mjs';

export const OUTLETS = [
  ['web', 5854, ['ilsole24ore.com', 'corriere.it', 'repubblica.it', 'money.it', 'quifinanza.it', 'pensionipertutti.it']],
  ['radio/TV', 2003, ['Rai Radio 1', 'TG1', 'TG5', 'Sky TG24', 'Radio 24']],
  ['stampa nazionale', 3289, ['Il Sole 24 Ore', 'Corriere della Sera', 'la Repubblica', 'La Stampa', 'Avvenire']],
  ['stampa locale', 2870, ['Il Messaggero', 'Il Mattino', 'Il Resto del Carlino', 'La Nazione', 'Il Gazzettino']],
  ['agenzie', 1621, ['ANSA', 'AGI', 'Adnkronos', 'LaPresse']],
];
const TOPICS = ['pensioni di novembre, le date di pagamento', 'NASpI, le istruzioni per la domanda',
  'assegno unico, importi aggiornati', 'ISEE precompilato, come si richiede', 'bonus nido, al via le domande',
  'cedolino della pensione online', 'nuovi servizi sul portale', 'il rapporto annuale'];
const CRISIS = ['portale in tilt, impossibile accedere', 'disservizio sul sito, domande bloccate',
  'utenti senza accesso ai servizi online', 'proteste per il blocco del portale'];
const FIRST = Date.UTC(2023, 0, 1);
const DAYS = 305; // 1 January to 1 November
const CRISIS_DAYS = [255, 261]; // 13 to 19 September

export function mediaDemo(seed = 2023) {
  const rand = random(seed);
  const lines = ['data;tipo_testata;testata;titolo;sentiment'];
  // Each outlet's items spread over the days: weekdays busier, the crisis week much busier.
  const weights = Array.from({ length: DAYS }, (_, d) => {
    const weekday = (new Date(FIRST + d * 86400000).getUTCDay() + 6) % 7;
    const crisis = d >= CRISIS_DAYS[0] && d <= CRISIS_DAYS[1];
    return (weekday < 5 ? 1 : 0.45) * (crisis ? 2.6 : 1);
  });
  const rows = [];
  for (const [outlet, total, sources] of OUTLETS) {
    const sum = weights.reduce((a, b) => a + b, 0);
    const raw = weights.map((w) => (total * w) / sum);
    const counts = raw.map(Math.floor);
    const order = raw.map((r, i) => [r - Math.floor(r), i]).sort((a, b) => b[0] - a[0]);
    for (let k = 0; counts.reduce((a, b) => a + b, 0) < total; k += 1) counts[order[k][1]] += 1;
    counts.forEach((count, d) => {
      const crisis = d >= CRISIS_DAYS[0] && d <= CRISIS_DAYS[1];
      for (let i = 0; i < count; i += 1) {
        const day = new Date(FIRST + d * 86400000).toISOString().slice(0, 10).split('-').reverse().join('/');
        const negative = rand() < (crisis ? 0.6 : 0.12);
        const topic = crisis && negative ? CRISIS[Math.floor(rand() * CRISIS.length)] : TOPICS[Math.floor(rand() * TOPICS.length)];
        const tone = negative ? 'negativo' : rand() < 0.7 ? 'neutro' : 'positivo';
        const vendorTone = outlet === 'agenzie' ? '' : tone; // wires come unrated
        rows.push([day, outlet, sources[Math.floor(rand() * sources.length)], `"INPS, ${topic}"`, vendorTone]);
      }
    });
  }
  for (const row of rows) lines.push(row.join(';'));
  return `${lines.join('\r\n')}\r\n`;
}

export async function writeMediaDemo(dir) {
  await mkdir(dir, { recursive: true });
  await writeFile(`${dir}/rassegna-demo.csv`, mediaDemo());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeMediaDemo(process.argv[2] ?? fileURLToPath(new URL('../public/demo', import.meta.url)));
}
