// Writes the built-in demo dataset: microdata of a customer-journey survey
// shaped like the agency's (CAWI, 1-5 ratings, weights), in three waves
// (2019, 2021, 2022). The 2022 wave has the published 30,131 respondents
// and reproduces the published figures of ../shared/design/domain.md at
// their precision (profile, channels, no-difficulty share, overall
// satisfaction 3.74 -> 3.93, indices 3.77 and 3.91, news sources). How:
// exact category counts, weights raked to the profile margins, then single
// answers nudged until each weighted figure rounds to its target.
// Deterministic: the same file every time.
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

function normal(rand) {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const clip = (v) => Math.min(5, Math.max(1, Math.round(v)));

/** The published figures each wave is calibrated to (shares as fractions). */
export const DEMO_TARGETS = {
  profile: {
    genere: { Donna: 0.5124, Uomo: 0.4876 },
    classe_eta: { '18-34': 0.0981, '35-44': 0.1419, '45-59': 0.3563, '60+': 0.4037 },
    condizione_professionale: {
      'Dipendente privato': 0.2638, 'Pensionato privato': 0.2304, Disoccupato: 0.1493,
      'Dipendente pubblico': 0.1210, Autonomo: 0.0960, 'Pensionato pubblico': 0.0720, Altro: 0.0675,
    },
  },
  waves: {
    2019: { rows: 12000, overall: 3.74, web: 0.62, noDifficulty: 0.785 },
    2021: { rows: 15000, overall: 3.85, web: 0.687, noDifficulty: 0.802 },
    2022: {
      rows: 30131, overall: 3.93, web: 0.7695, noDifficulty: 0.836,
      accessibility: 3.77, response: 3.91,
      information: { App: 0.205, 'Contact center': 0.1758, Sede: 0.139 },
      casework: { 'Contact center': 0.3176 },
      news: { online: 0.4039, stampa: 0.1464, tg: 0.4642, programmi_tv: 0.2307, radio: 0.12 },
    },
  },
};

const REGIONS = [['Lombardia', 0.169], ['Lazio', 0.097], ['Campania', 0.095], ['Sicilia', 0.081],
  ['Veneto', 0.082], ['Emilia-Romagna', 0.075], ['Piemonte', 0.072], ['Puglia', 0.066],
  ['Toscana', 0.062], ['Calabria', 0.032], ['Sardegna', 0.027], ['Liguria', 0.026],
  ['Marche', 0.025], ['Abruzzo', 0.022], ['Friuli-Venezia Giulia', 0.02],
  ['Trentino-Alto Adige', 0.018], ['Umbria', 0.015], ['Basilicata', 0.009], ['Molise', 0.005],
  ["Valle d'Aosta", 0.002]];
const AGE_SHIFT = { '18-34': -0.2, '35-44': -0.08, '60+': 0.1 };
const SOUTH = new Set(['Campania', 'Sicilia', 'Puglia', 'Calabria', 'Sardegna', 'Basilicata', 'Molise']);
// Regions a little above or below the rest beyond the North-South gap, and
// the gap narrowing wave after wave: what the territorial view finds again.
const REGION_SHIFT = { Campania: -0.15, Sicilia: -0.1, Lazio: -0.08, 'Trentino-Alto Adige': 0.15, Marche: 0.1, Veneto: 0.06 };
const CONVERGENCE = { 2019: 1, 2021: 0.75, 2022: 0.5 };
const MAIN_CHANNELS = ['Sito web', 'CAF/Patronato', 'Contact center', 'Sede', 'App'];
const INFO_CHANNELS = ['Web', 'App', 'Contact center', 'Sede', 'Altro'];
const CASE_CHANNELS = ['Contact center', 'Web', 'Sede', 'CAF/Patronato', 'App'];
// Journey items: phase x channel, with how much each shifts the rating, the
// chance a respondent used that channel in that phase, and how strongly the
// item follows the respondent's overall experience (what key-driver
// analysis finds again).
const JOURNEY = [
  ['informazione_web', 0.1, 0.8, 0.6], ['informazione_app', 0.15, 0.35, 0.45],
  ['informazione_contact_center', -0.25, 0.3, 0.7], ['informazione_sede', 0.05, 0.2, 0.4],
  ['richiesta_web', 0.0, 0.7, 0.75], ['richiesta_app', 0.1, 0.25, 0.5], ['richiesta_sede', -0.1, 0.2, 0.35],
  ['pratica_web', -0.15, 0.6, 0.95], ['pratica_contact_center', -0.4, 0.35, 0.9],
  ['pratica_sede', -0.05, 0.25, 0.55], ['esito_web', 0.05, 0.55, 1.0], ['esito_sede', 0.0, 0.2, 0.8]];
const ACCESSIBILITY = ['accessibilita_raggiungere', 'accessibilita_comprendere', 'accessibilita_orari'];
const RESPONSE = ['risposta_utilita', 'risposta_tempestivita', 'risposta_motivazioni'];
const SOCIAL = [['social_facebook', 3.25], ['social_instagram', 2.85], ['social_x', 2.6],
  ['social_linkedin', 2.7], ['social_youtube', 2.9]];
const NEWS = ['online', 'stampa', 'tg', 'programmi_tv', 'radio'];

/** Exact counts per category (largest remainder), in shuffled order. */
function allocate(rand, shares, rows) {
  const entries = Object.entries(shares);
  const counts = entries.map(([, s]) => Math.floor(s * rows));
  const order = entries.map((_, i) => i)
    .sort((a, b) => (entries[b][1] * rows - counts[b]) - (entries[a][1] * rows - counts[a]));
  for (let k = 0; counts.reduce((x, y) => x + y, 0) < rows; k += 1) counts[order[k % order.length]] += 1;
  const values = entries.flatMap(([v], i) => Array(counts[i]).fill(v));
  for (let i = values.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
  return values;
}

/** Iterative proportional fitting of `weights` to the profile shares. */
function rakeWeights(rows, weights) {
  const total = weights.reduce((a, b) => a + b, 0);
  for (let sweep = 0; sweep < 200; sweep += 1) {
    let change = 0;
    for (const [column, shares] of Object.entries(DEMO_TARGETS.profile)) {
      const sums = {};
      rows.forEach((r, i) => { sums[r[column]] = (sums[r[column]] ?? 0) + weights[i]; });
      rows.forEach((r, i) => {
        const factor = (shares[r[column]] * total) / sums[r[column]];
        change = Math.max(change, Math.abs(factor - 1));
        weights[i] *= factor;
      });
    }
    if (change < 1e-12) break;
  }
  return weights.map((w) => Math.round(w * 1e6) / 1e6); // as written in the file
}

/**
 * Moves a weighted statistic to `target` by changing single answers:
 * `value(i)` is row i's contribution (NaN when out of the base), `step(i, up)`
 * changes row i by one step and returns false when it cannot.
 */
function nudge(rand, weights, value, step, target, tolerance) {
  let sum = 0;
  let base = 0;
  weights.forEach((w, i) => {
    const v = value(i);
    if (!Number.isNaN(v)) { sum += w * v; base += w; }
  });
  for (let tries = 0; Math.abs(sum / base - target) >= tolerance; tries += 1) {
    if (tries > 5e6) throw new Error(`demo calibration did not reach ${target}`);
    const i = Math.floor(rand() * weights.length);
    const before = value(i);
    if (Number.isNaN(before)) continue;
    const up = sum / base < target;
    // Only steps that bring the figure closer; a step too big for the gap is skipped.
    if (!step(i, up)) continue;
    const after = value(i);
    const next = sum + weights[i] * (after - before);
    if (Math.abs(next / base - target) > Math.abs(sum / base - target)) {
      step(i, !up);
      continue;
    }
    sum = next;
  }
}

const isAnswer = (v) => v !== '' && v !== 'n.d.';

/** A respondent's mean of the answered items, when at least half are answered. */
function indexOf(row, items) {
  const answered = items.map((c) => row[c]).filter(isAnswer);
  return answered.length * 2 >= items.length ? answered.reduce((a, b) => a + b, 0) / answered.length : NaN;
}

function ratingStep(row, column, up) {
  const v = row[column];
  if (!isAnswer(v) || (up ? v >= 5 : v <= 1)) return false;
  row[column] = v + (up ? 1 : -1);
  return true;
}

/** Moves answers between `category` and the other (untargeted) categories. */
function calibrateChoice(rand, fit, rows, column, category, others, target) {
  fit((i) => (rows[i][column] === category ? 1 : 0), (i, up) => {
    const is = rows[i][column] === category;
    if (up === is) return false;
    rows[i][column] = up ? category : others[Math.floor(rand() * others.length)];
    return true;
  }, target, 0.00004);
}

function makeWave(rand, year, spec) {
  const n = spec.rows;
  const profile = Object.fromEntries(Object.entries(DEMO_TARGETS.profile)
    .map(([column, shares]) => [column, allocate(rand, shares, n)]));
  const regionShares = Object.fromEntries(REGIONS);
  const regions = allocate(rand, regionShares, n);
  const rows = [];
  for (let i = 0; i < n; i += 1) {
    const row = { anno: year, genere: profile.genere[i], classe_eta: profile.classe_eta[i],
      condizione_professionale: profile.condizione_professionale[i], regione: regions[i] };
    // Older respondents and the North rate a little higher: differences the
    // breakdowns find again (the calibration below keeps the published means).
    const regional = ((SOUTH.has(row.regione) ? -0.12 : 0.05) + (REGION_SHIFT[row.regione] ?? 0)) * CONVERGENCE[year];
    const shift = (AGE_SHIFT[row.classe_eta] ?? 0) + regional;
    const latent = spec.overall + 0.35 + shift + normal(rand) * 0.95;
    row.canale_principale = rand() < spec.web ? 'Sito web' : MAIN_CHANNELS[1 + Math.floor(rand() ** 1.6 * 4)];
    row.canale_informazione = INFO_CHANNELS[Math.floor(rand() ** 1.3 * 5)];
    row.canale_pratica = CASE_CHANNELS[Math.floor(rand() ** 1.2 * 5)];
    row.nessuna_difficolta_contatti = rand() < spec.noDifficulty ? 'si' : 'no';
    row.soddisfazione_globale = clip(latent - 0.35 + normal(rand) * 0.5);
    for (const [column, shift, used, loading] of JOURNEY) {
      const own = spec.overall + 0.35 + normal(rand) * 0.95; // the part unrelated to the overall
      const value = loading * latent + (1 - loading) * own + shift - 0.3 + normal(rand) * 0.7;
      row[column] = rand() < used ? clip(value) : '';
    }
    for (const column of ACCESSIBILITY) row[column] = rand() < 0.9 ? clip(latent - 0.45 + normal(rand) * 0.8) : '';
    for (const column of RESPONSE) row[column] = rand() < 0.85 ? clip(latent - 0.3 + normal(rand) * 0.8) : 'n.d.';
    for (const [column, mean] of SOCIAL) {
      row[column] = year === 2021 && rand() < 0.3 ? clip(mean + normal(rand) * 1.1) : '';
    }
    for (const option of NEWS) row[`notizie_${option}`] = rand() < 0.25 ? 1 : 0;
    rows.push(row);
  }
  const weights = rakeWeights(rows, rows.map(() => Math.exp(normal(rand) * 0.3)));
  // A smaller demo (for tests) cannot reach the published precision.
  const fit = (value, step, target, tolerance) =>
    nudge(rand, weights, value, step, target, tolerance / Math.min(1, spec.scale));

  fit((i) => rows[i].soddisfazione_globale,
    (i, up) => ratingStep(rows[i], 'soddisfazione_globale', up), spec.overall, 0.004);
  calibrateChoice(rand, fit, rows, 'canale_principale', 'Sito web', MAIN_CHANNELS.slice(1), spec.web);
  fit((i) => (rows[i].nessuna_difficolta_contatti === 'si' ? 1 : 0), (i, up) => {
    const yes = rows[i].nessuna_difficolta_contatti === 'si';
    if (up === yes) return false;
    rows[i].nessuna_difficolta_contatti = up ? 'si' : 'no';
    return true;
  }, spec.noDifficulty, 0.0004);
  for (const [items, target] of [[ACCESSIBILITY, spec.accessibility], [RESPONSE, spec.response]]) {
    if (target === undefined) continue;
    fit((i) => indexOf(rows[i], items),
      (i, up) => ratingStep(rows[i], items[Math.floor(rand() * items.length)], up), target, 0.004);
  }
  for (const [category, target] of Object.entries(spec.information ?? {})) {
    calibrateChoice(rand, fit, rows, 'canale_informazione', category, ['Web', 'Altro'], target);
  }
  for (const [category, target] of Object.entries(spec.casework ?? {})) {
    const others = CASE_CHANNELS.filter((c) => c !== category);
    calibrateChoice(rand, fit, rows, 'canale_pratica', category, others, target);
  }
  for (const [option, target] of Object.entries(spec.news ?? {})) {
    const column = `notizie_${option}`;
    fit((i) => rows[i][column], (i, up) => {
      if ((rows[i][column] === 1) === up) return false;
      rows[i][column] = up ? 1 : 0;
      return true;
    }, target, 0.00004);
  }
  return rows.map((row, i) => ({ ...row, peso: weights[i] }));
}

const COLUMNS = ['anno', 'peso', 'genere', 'classe_eta', 'condizione_professionale', 'regione',
  'canale_principale', 'canale_informazione', 'canale_pratica', 'nessuna_difficolta_contatti',
  'soddisfazione_globale', ...JOURNEY.map(([c]) => c), ...ACCESSIBILITY, ...RESPONSE,
  ...SOCIAL.map(([c]) => c), ...NEWS.map((o) => `notizie_${o}`)];

/** The demo survey as CSV text (';' separated, decimal comma, as Italian Excel writes). */
export function demoSurvey({ seed = 2022, scale = 1 } = {}) {
  const rand = random(seed);
  const lines = [COLUMNS.join(';')];
  for (const [year, spec] of Object.entries(DEMO_TARGETS.waves)) {
    const rows = makeWave(rand, Number(year), { ...spec, scale, rows: Math.round(spec.rows * scale) });
    for (const row of rows) {
      lines.push(COLUMNS.map((c) => (c === 'peso' ? String(row.peso).replace('.', ',') : row[c])).join(';'));
    }
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
