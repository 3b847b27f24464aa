// Writes the built-in demo dataset: survey microdata shaped like the
// agency's customer-journey survey (one row per respondent, 1-5 ratings,
// weights). Deterministic: the same file every time.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** mulberry32: a small seeded generator, so the demo never changes. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(rand, options) {
  let u = rand();
  for (const [value, p] of options) {
    if ((u -= p) < 0) return value;
  }
  return options[options.length - 1][0];
}

const GENDER = [['Donna', 0.5124], ['Uomo', 0.4876]];
const AGE = [['18-34', 0.14], ['35-44', 0.15], ['45-59', 0.3063], ['60+', 0.4037]];
const CHANNEL = [['Sito web', 0.7695], ['CAF/Patronato', 0.12], ['Contact center', 0.06], ['Sede', 0.0505]];
const REGIONS = ['Lombardia', 'Lazio', 'Campania', 'Sicilia', 'Veneto', 'Emilia-Romagna', 'Piemonte', 'Puglia', 'Toscana', 'Calabria'];
const SATISFACTION = [[1, 0.04], [2, 0.06], [3, 0.17], [4, 0.38], [5, 0.35]];

/** The demo survey as CSV text (';' separated, decimal comma, as Italian Excel writes). */
export function demoSurvey(rows = 30131, seed = 2022) {
  const rand = random(seed);
  const lines = ['anno;peso;genere;classe_eta;regione;canale_principale;soddisfazione_globale;informazione_web;accesso_servizio;esito_pratica'];
  for (let i = 0; i < rows; i += 1) {
    const overall = pick(rand, SATISFACTION);
    // Phase ratings follow the overall rating, with noise.
    const phase = () => Math.min(5, Math.max(1, overall + pick(rand, [[-1, 0.25], [0, 0.55], [1, 0.2]])));
    const weight = (0.6 + rand() * 0.8).toFixed(3).replace('.', ',');
    const region = REGIONS[Math.floor(rand() * REGIONS.length)];
    const answered = rand() < 0.97; // a few skipped items
    lines.push([2022, weight, pick(rand, GENDER), pick(rand, AGE), region, pick(rand, CHANNEL), overall,
      answered ? phase() : '', phase(), rand() < 0.9 ? phase() : 'n.d.'].join(';'));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export async function writeDemo(dir) {
  await mkdir(dir, { recursive: true });
  await writeFile(`${dir}/indagine-demo.csv`, demoSurvey());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeDemo(process.argv[2] ?? fileURLToPath(new URL('../public/demo', import.meta.url)));
}
