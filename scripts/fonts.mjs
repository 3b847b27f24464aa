// The page's typeface, Titillium Web (the Designers Italia / Bootstrap
// Italia font), served from the page itself: npm @fontsource/titillium-web,
// Latin subset (Italian accents included), three weights. The stand-alone
// ascolto.html inlines the same faces as data: URLs.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = `${root}node_modules/@fontsource/titillium-web`;
const WEIGHTS = [400, 600, 700];
const fileOf = (weight) => `titillium-web-latin-${weight}-normal.woff2`;

const face = (weight, url) => `@font-face { font-family: 'Titillium Web'; font-style: normal; font-weight: ${weight}; ` +
  `font-display: swap; src: url(${url}) format('woff2'); }`;

/** Copies the faces and their licence to `out`/fonts and writes `out`/fonts.css. */
export async function writeFonts(out) {
  await mkdir(`${out}/fonts`, { recursive: true });
  for (const weight of WEIGHTS) await copyFile(`${source}/files/${fileOf(weight)}`, `${out}/fonts/${fileOf(weight)}`);
  await copyFile(`${source}/LICENSE`, `${out}/fonts/LICENSE-OFL.txt`);
  await writeFile(`${out}/fonts.css`, `${WEIGHTS.map((w) => face(w, `fonts/${fileOf(w)}`)).join('\n')}\n`);
}

/** The same faces with the fonts inside, for a page that must stand alone. */
export async function inlineFontsCss() {
  const faces = await Promise.all(WEIGHTS.map(async (weight) => {
    const base64 = (await readFile(`${source}/files/${fileOf(weight)}`)).toString('base64');
    return face(weight, `data:font/woff2;base64,${base64}`);
  }));
  return `${faces.join('\n')}\n`;
}
