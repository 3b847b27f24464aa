// Numbers per locale: 3,93 and 30.131 in Italian; 3.93 and 30,131 in English.
const LOCALES = { it: 'it-IT', en: 'en-GB' };

export function locale(lang) {
  return LOCALES[lang] ?? LOCALES.it;
}

export function formatNumber(lang, value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatCount(lang, value) {
  if (value === null || value === undefined) return '—';
  // useGrouping 'always': Italian groups 4-digit numbers too (2.139 not 2139).
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0, useGrouping: 'always' }).format(value);
}

export function formatPercent(lang, share, digits = 1) {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return new Intl.NumberFormat(locale(lang), {
    style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits,
  }).format(share);
}

/** "3,93 (IC 95%: 3,91–3,95; n = 30.131)" for an estimate object. */
export function formatEstimate(lang, estimate, t, { percent = false } = {}) {
  if (!estimate || estimate.suppressed) return null;
  const f = (v) => (percent ? formatPercent(lang, v) : formatNumber(lang, v));
  const [low, high] = estimate.ci95 ?? [null, null];
  return `${f(estimate.value)} (${t('ci95')}: ${f(low)}–${f(high)}; n = ${formatCount(lang, estimate.n)})`;
}

/**
 * A column name as a label: "canale_principale" -> "Canale principale".
 * Names that already read as text ("Seat comfort") are kept as they are.
 */
export function columnLabel(name) {
  const text = String(name);
  if (/\s/.test(text) || !text.includes('_')) return text;
  const spaced = text.replace(/_+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * Large numbers readable: "5,5 mld", "23,9 mln" in Italian ("5.5 bn",
 * "23.9 m" in English); below a million the full number.
 */
export function formatLarge(lang, value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const units = lang === 'en' ? [[1e9, 'bn'], [1e6, 'm']] : [[1e9, 'mld'], [1e6, 'mln']];
  for (const [size, unit] of units) {
    if (Math.abs(value) >= size) return `${formatNumber(lang, value / size, 1)} ${unit}`;
  }
  return formatCount(lang, value);
}

/**
 * A line of a dataset read from several files (`parts`, each with its
 * `first_line` in the dataset's numbering), as the file and its own line:
 * "febbraio.csv:3". A plain file's line is its number.
 */
export function fileLine(lang, parts, line) {
  const part = parts?.findLast((p) => p.first_line <= line);
  if (!part || parts.length < 2) return formatCount(lang, line);
  return `${part.name}:${formatCount(lang, line - part.first_line + 1)}`;
}
