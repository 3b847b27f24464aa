// Writes the volumes demo: monthly volumes of the agency's touchpoints from
// January 2021 to October 2023, in long form (period; touchpoint;
// sub-channel; metric; value), with the 2023 figures of domain.md exact for
// January-October: 3,597,695 office bookings (in person 70%, phone
// call-back 29%; 62% and 38% in 2021; video calls +60% in 2023),
// 1,855,527 physical accesses, 493,062 specialist consultations,
// 23,969,426 contact-center contacts (2021-2022 stable, 2023 on a pace of
// +30%), 5,527,739,211 portal page views, 209,387,351 SPID/CIE/CNS
// authentications, 2,814,457 app downloads, 926,417,447 app views,
// 127,931,943 app logins, 4,816 social posts (6,069 in 2022).
// Deterministic.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { random } from './gen-demo.mjs';

// A mild seasonality (August low, spring and autumn high), per month.
const SEASON = [1.02, 1.0, 1.08, 1.0, 1.04, 0.98, 0.94, 0.72, 1.04, 1.1, 1.06, 1.02];

/** Integers over months proportional to `weights`, summing exactly to `total`. */
export function allocate(total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i]).sort((a, b) => b[0] - a[0]);
  for (let k = 0; out.reduce((a, b) => a + b, 0) < total; k += 1) out[order[k % order.length][1]] += 1;
  return out;
}

const MONTHS_2023 = 10; // data to 31 October 2023
const season = (months) => SEASON.slice(0, months);
// Full-year totals from a January-October figure at the same seasonality.
const fullYear = (janOct) => (janOct * SEASON.reduce((a, b) => a + b, 0)) / season(MONTHS_2023).reduce((a, b) => a + b, 0);

// Per platform: posts (6,069 in 2022, 4,816 in 2023 to October), views,
// interactions, and followers (a level at each month's end, growing).
const SOCIAL = [
  ['Facebook', { 2021: 2300, 2022: 2150, 2023: 1700 }, { 2021: 41e6, 2022: 45e6, 2023: 39e6 }, { 2021: 1.9e6, 2022: 2.2e6, 2023: 1.8e6 }, [620000, 700000, 760000]],
  ['X', { 2021: 1900, 2022: 1800, 2023: 1450 }, { 2021: 30e6, 2022: 28e6, 2023: 22e6 }, { 2021: 0.6e6, 2022: 0.55e6, 2023: 0.41e6 }, [410000, 440000, 458000]],
  ['LinkedIn', { 2021: 700, 2022: 760, 2023: 610 }, { 2021: 9e6, 2022: 11e6, 2023: 10e6 }, { 2021: 0.3e6, 2022: 0.38e6, 2023: 0.35e6 }, [150000, 210000, 265000]],
  ['YouTube', { 2021: 300, 2022: 340, 2023: 286 }, { 2021: 6e6, 2022: 7.2e6, 2023: 6.5e6 }, { 2021: 0.12e6, 2022: 0.14e6, 2023: 0.13e6 }, [60000, 72000, 81000]],
  ['Instagram', { 2021: 900, 2022: 1019, 2023: 770 }, { 2021: 12e6, 2022: 16e6, 2023: 15e6 }, { 2021: 0.7e6, 2022: 0.9e6, 2023: 0.85e6 }, [90000, 130000, 162000]],
];

/** [touchpoint, sub-channel, metric, {2021, 2022, 2023 (Jan-Oct)}] totals; followers as [end of 2021, 2022, Oct 2023]. */
export function volumeSeries() {
  // Office bookings by modality: in person 62% (2021) -> 70% (2023), phone
  // call-back 38% -> 29%; video calls stable in 2021-2022, +60% in 2023.
  const bookings = { 2021: 3400000, 2022: 3550000, 2023: 3597695 };
  const video2023 = Math.round(bookings[2023] * 0.005);
  const video = Math.round(fullYear(video2023 / 1.6)); // a full 2021 or 2022
  const inPerson = { 2021: Math.round(bookings[2021] * 0.619), 2022: Math.round(bookings[2022] * 0.66), 2023: Math.round(bookings[2023] * 0.702) };
  const contacts2022 = Math.round((23969426 * 365) / 304 / 1.3); // +30% at the current pace
  return [
    ['Sede', 'in presenza', 'prenotazioni', inPerson],
    ['Sede', 'ricontatto telefonico', 'prenotazioni', {
      2021: bookings[2021] - inPerson[2021] - video, 2022: bookings[2022] - inPerson[2022] - video,
      2023: bookings[2023] - inPerson[2023] - video2023,
    }],
    ['Sede', 'videochiamata', 'prenotazioni', { 2021: video, 2022: video, 2023: video2023 }],
    ['Sede', 'accesso fisico', 'accessi', { 2021: 1700000, 2022: 2050000, 2023: 1855527 }],
    ['Sede', 'consulenza specialistica', 'consulenze', { 2021: 520000, 2022: 560000, 2023: 493062 }],
    ['Contact center', 'telefono', 'contatti', { 2021: contacts2022 - 120000, 2022: contacts2022, 2023: 23969426 }],
    ['Portale', 'web', 'visualizzazioni', { 2021: 6100000000, 2022: 6450000000, 2023: 5527739211 }],
    ['Portale', 'SPID/CIE/CNS', 'autenticazioni', { 2021: 190000000, 2022: 228000000, 2023: 209387351 }],
    ['App', 'INPS Mobile', 'download', { 2021: 3100000, 2022: 3300000, 2023: 2814457 }],
    ['App', 'INPS Mobile', 'visualizzazioni', { 2021: 800000000, 2022: 1010000000, 2023: 926417447 }],
    ['App', 'INPS Mobile', 'login', { 2021: 110000000, 2022: 139000000, 2023: 127931943 }],
    ...SOCIAL.flatMap(([platform, posts, views, interactions, followers]) => [
      ['Social', platform, 'post', posts],
      ['Social', platform, 'visualizzazioni', views],
      ['Social', platform, 'interazioni', interactions],
      ['Social', platform, 'follower', followers],
    ]),
  ];
}

/** The volumes demo as CSV text (';' separated, as Italian Excel writes). */
export function volumesDemo(seed = 2023) {
  const rand = random(seed);
  const lines = ['periodo;touchpoint;sottocanale;metrica;valore'];
  const rows = [];
  for (const [touchpoint, sub, metric, totals] of volumeSeries()) {
    if (Array.isArray(totals)) { // a level: followers grow month by month to each year's figure
      let level = totals[0] * 0.9;
      [2021, 2022, 2023].forEach((year, k) => {
        const months = year === 2023 ? MONTHS_2023 : 12;
        const step = (totals[k] - level) / months;
        for (let m = 0; m < months; m += 1) {
          level = m === months - 1 ? totals[k] : level + step * (0.8 + rand() * 0.4);
          rows.push([`${String(m + 1).padStart(2, '0')}/${year}`, touchpoint, sub, metric, Math.round(level)]);
        }
      });
      continue;
    }
    for (const [year, total] of Object.entries(totals)) {
      const months = Number(year) === 2023 ? MONTHS_2023 : 12;
      const weights = season(months).map((s) => s * (0.97 + rand() * 0.06));
      allocate(total, weights).forEach((value, m) => rows.push([`${String(m + 1).padStart(2, '0')}/${year}`, touchpoint, sub, metric, value]));
    }
  }
  for (const row of rows) lines.push(row.join(';'));
  return `${lines.join('\r\n')}\r\n`;
}

export async function writeVolumesDemo(dir) {
  await mkdir(dir, { recursive: true });
  await writeFile(`${dir}/volumi-demo.csv`, volumesDemo());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeVolumesDemo(process.argv[2] ?? fileURLToPath(new URL('../public/demo', import.meta.url)));
}
