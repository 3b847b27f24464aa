// Numbers per locale: 3,93 and 30.131 in Italian; 3.93 and 30,131 in English.
const LOCALES = { it: 'it-IT', en: 'en-GB' };

export function locale(lang) {
  return LOCALES[lang] ?? LOCALES.it;
}

// Making an Intl.NumberFormat costs far more than using one (the first of a
// locale loads its data: ~80 ms in Chromium on a slow VM, as much as a 10 MB
// file's reading); a dashboard formats thousands of numbers. One each, kept.
const formatters = new Map();
function numberFormat(lang, kind, digits, options) {
  const key = `${locale(lang)} ${kind} ${digits}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale(lang), options);
    formatters.set(key, format);
  }
  return format;
}

export function formatNumber(lang, value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return numberFormat(lang, 'fixed', digits, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** Up to `digits` decimals, none shown when the value is whole: 1,25 and 3. */
export function formatUpTo(lang, value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return numberFormat(lang, 'upTo', digits, { maximumFractionDigits: digits }).format(value);
}

export function formatCount(lang, value) {
  if (value === null || value === undefined) return '—';
  // useGrouping 'always': Italian groups 4-digit numbers too (2.139 not 2139).
  return numberFormat(lang, 'count', 0, { maximumFractionDigits: 0, useGrouping: 'always' }).format(value);
}

export function formatPercent(lang, share, digits = 1) {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return numberFormat(lang, 'percent', digits, {
    style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits,
  }).format(share);
}

/** A day written "2024-03-04" as the locale writes it: 4/3/2024 in Italian, 04/03/2024 in English. */
export function formatDay(lang, isoDay) {
  const key = `${locale(lang)} day`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC' });
    formatters.set(key, format);
  }
  return format.format(new Date(`${isoDay}T00:00:00Z`));
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
