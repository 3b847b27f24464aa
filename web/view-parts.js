// Pieces every report section is built from: a card holding a chart with
// its data table one click away, and tables of estimates.
import { h } from './dom.js';
import { formatCount, formatNumber } from './format.js';
import { estimateBarsOption, estimateRows, estimateText } from './charts/estimate-bars.js';
import { chartIn, chartPng } from './chart-draw.js';
import { dataUrlToBlob, download, fileName, rowsToObjects, tableRows, toCsv } from './export.js';
import { toXlsx } from './xlsx-export.js';

/** A button that shows and hides `table` (the chart's data alternative). */
export function tableToggle(table, t) {
  table.hidden = true;
  const toggle = h('button', { type: 'button', className: 'link', 'aria-expanded': 'false' }, t('showTable'));
  toggle.addEventListener('click', () => {
    table.hidden = !table.hidden;
    toggle.setAttribute('aria-expanded', String(!table.hidden));
    toggle.textContent = table.hidden ? t('showTable') : t('hideTable');
  });
  return toggle;
}

/**
 * A card with a heading, optional lines above the chart, the chart (drawn
 * lazily from `option`) and its data table behind a toggle.
 */
export function chartCard(context, { title, lines = [], option, table, wide = false, height = null }) {
  const box = h('div', { className: 'chart', role: 'img', 'aria-label': title });
  if (height) box.style.height = `${height}px`;
  context.charts.push([box, option]);
  return h('article', { className: `card rating${wide ? ' wide' : ''}` }, [
    h('h4', {}, title),
    ...lines,
    box,
    h('p', { className: 'card-actions' }, [
      table ? tableToggle(table, context.t) : null,
      exportButtons(context, title, box, table),
    ]),
    table,
  ]);
}

// Downloads of the chart (SVG, PNG) and of its data table (CSV, JSON).
function exportButtons(context, title, box, table) {
  const { t, lang } = context;
  const button = (label, action) => {
    const b = h('button', { type: 'button', className: 'link export', 'aria-label': `${label}: ${title}` }, label);
    b.addEventListener('click', action);
    return b;
  };
  const svg = () => chartIn(box)?.renderToSVGString?.() ?? box.querySelector('svg')?.outerHTML ?? '';
  return h('span', { className: 'exports' }, [
    button('SVG', () => download(fileName(title, 'svg'), new Blob([svg()], { type: 'image/svg+xml' }))),
    button('PNG', () => {
      const png = chartPng(box)?.dataUrl;
      if (png) download(fileName(title, 'png'), dataUrlToBlob(png));
      else window.alert?.(t('exportFailed'));
    }),
    table ? button('CSV', () => download(fileName(title, 'csv'),
      new Blob([toCsv(tableRows(table), lang === 'en' ? ',' : ';')], { type: 'text/csv;charset=utf-8' }))) : null,
    table ? button('XLSX', () => download(fileName(title, 'xlsx'),
      new Blob([toXlsx(tableRows(table), { lang, title })], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }))) : null,
    table ? button('JSON', () => download(fileName(title, 'json'),
      new Blob([JSON.stringify(rowsToObjects(tableRows(table)), null, 2)], { type: 'application/json' }))) : null,
  ]);
}

/** A table of estimate rows (from estimateRows): label, value with CI, n. */
export function estimateTable(context, { caption, rows, percent = false, labelHeader }) {
  const { t, lang } = context;
  return h('table', { className: 'data-table' }, [
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, [labelHeader ?? t('category'), `${t('value')} (${t('ci95')})`, 'n']
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, [
      h('th', { scope: 'row' }, r.label),
      h('td', { className: 'num' }, estimateText(lang, r, percent)),
      h('td', { className: 'num' }, formatCount(lang, r.n)),
    ]))),
  ]);
}

/** A bar chart of estimates with its table; null when every estimate is suppressed. */
export function barsCard(context, { title, pairs, percent = false, scale = null, lines = [], labelHeader, wide = false }) {
  const rows = estimateRows(pairs);
  if (!rows.length) return null;
  // Many bars or long labels read better lying down, across the card grid.
  const horizontal = rows.length > 4 || rows.some((r) => r.label.length > 12);
  const { t } = context;
  return chartCard(context, {
    title,
    lines,
    wide: wide || horizontal,
    height: horizontal ? Math.max(200, rows.length * 30 + 40) : null,
    option: () => estimateBarsOption(rows, {
      ...context, title, percent, horizontal, scale,
      description: t('barsDescription', { title }),
    }),
    table: estimateTable(context, { caption: title, rows, percent, labelHeader }),
  });
}

/**
 * A unit's rank with its 95% interval, for labels: "rango 1°–9°", or "1°"
 * when the interval is one rank; empty without an interval.
 */
/** A titled section of cards; none at all when no card has anything to show. */
export function cardGroup(title, cards) {
  const shown = cards.filter(Boolean);
  if (!shown.length) return null;
  return h('section', { className: 'card' }, [h('h3', {}, title), h('div', { className: 'ratings' }, shown)]);
}

export function rankNote(t, interval) {
  if (!interval) return '';
  return interval[0] === interval[1] ? t('rankExact', { rank: interval[0] }) : t('rankInChart', { low: interval[0], high: interval[1] });
}

/** "< 0,001" or "= 0,042": a p-value as the tests' lines write it. */
export function pValue(lang, p) {
  return p < 0.001 ? `< ${formatNumber(lang, 0.001, 3)}` : `= ${formatNumber(lang, p, 3)}`;
}
