// Pieces every report section is built from: a card holding a chart with
// its data table one click away, and tables of estimates.
import { h } from './dom.js';
import { formatCount } from './format.js';
import { estimateText } from './charts/estimate-bars.js';

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
    table ? tableToggle(table, context.t) : null,
    table,
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
