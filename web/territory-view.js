// The territorial view of a survey or feedback report: pick a level
// (regions, provinces, offices) and a measure; see the map (regions), the
// funnel plot with what it flags, the units with their intervals, and the
// spread between units over time. Text from the file goes in as text only.
import { estimateText } from './charts/estimate-bars.js';
import { funnelOption, regionMapOption, spreadOption, territoryRows } from './charts/territory-charts.js';
import { disposeDetachedCharts, drawWhenVisible } from './chart-draw.js';
import { h } from './dom.js';
import { boxText } from './i18n.js';
import { columnLabel, formatCount, formatNumber, formatPercent } from './format.js';
import { barsCard, chartCard, pValue, rankNote } from './view-parts.js';

let nextId = 0;

function metricLabel(metric, t) {
  return metric.id.startsWith('top2:') ? t('territoryTop2', { column: columnLabel(metric.label), topBox: boxText(metric.box) }) : columnLabel(metric.label);
}

function valueText(lang, percent, value) {
  return percent ? formatPercent(lang, value) : formatNumber(lang, value);
}

// What the funnel's over-dispersion test found, and which units it flags.
function funnelLines(metric, level, context) {
  const { t, lang } = context;
  const o = metric.funnel.overdispersion;
  const common = { phi: formatNumber(lang, o.phi, 2), p: pValue(lang, o.p_value), tau: valueText(lang, metric.type === 'share', o.tau) };
  let verdict;
  if (o.df + 1 < o.min_units && o.configured !== 'none') verdict = t('overdispersionFew', { n: o.df + 1, min: o.min_units });
  else if (o.adjusted) verdict = t(o.method === 'multiplicative' ? 'overdispersionMultiplicative' : 'overdispersionAdjusted', common);
  else verdict = t('overdispersionNone', common);
  const names = (side) => metric.outside.filter((u) => u.band.startsWith(side)).map((u) => u.name).join(', ');
  const high = names('high'), low = names('low');
  const lines = [h('p', { className: 'note' }, verdict)];
  if (!high && !low) lines.push(h('p', { className: 'kpi' }, t('outsideNone')));
  if (high) lines.push(h('p', { className: 'kpi' }, t('outsideHigh', { names: high })));
  if (low) lines.push(h('p', { className: 'kpi' }, t('outsideLow', { names: low })));
  return lines;
}

// Every unit: value with CI, n, adjusted z, position; suppressed ones marked.
function unitsTable(metric, level, title, context) {
  const { t, lang } = context;
  const percent = metric.type === 'share';
  const rows = territoryRows(metric).sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  return h('table', { className: 'data-table' }, [
    h('caption', {}, title),
    h('thead', {}, h('tr', {}, [t(`territoryLevelOne.${level.level}`), `${t('value')} (${t('ci95')})`, t('rankColumn'), 'n', t('zAdjusted'), t('position')]
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, [
      h('th', { scope: 'row' }, r.name),
      h('td', { className: 'num' }, r.suppressed ? t('notShown') : estimateText(lang, r, percent)),
      h('td', { className: 'num' }, r.rank ? rankNote(t, r.rank) : '—'),
      h('td', { className: 'num' }, r.suppressed ? '—' : formatCount(lang, r.n)),
      h('td', { className: 'num' }, r.z === null ? '—' : formatNumber(lang, r.z, 2)),
      h('td', {}, r.band ? t(`bands.${r.band}`) : '—'),
    ]))),
  ]);
}

function spreadTable(spread, title, context) {
  const { t, lang } = context;
  const f = (v) => (v === undefined ? '—' : formatNumber(lang, v, 3));
  return h('table', { className: 'data-table' }, [
    h('caption', {}, title),
    h('thead', {}, h('tr', {}, [t('period'), t('unitsShown'), t('spreadSd'), t('spreadBeyondNoise'), t('spreadRange80')]
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, spread.periods.map((p) => h('tr', {}, [
      h('th', { scope: 'row' }, p.period), h('td', { className: 'num' }, formatCount(lang, p.units)),
      h('td', { className: 'num' }, f(p.sd)), h('td', { className: 'num' }, f(p.sd_beyond_noise)), h('td', { className: 'num' }, f(p.range80)),
    ]))),
  ]);
}

function cards(level, metric, context) {
  const { t, lang } = context;
  const percent = metric.type === 'share';
  const name = metricLabel(metric, t);
  const one = t(`territoryLevelOne.${level.level}`);
  const national = valueText(lang, percent, metric.national?.value);
  const out = [];
  if (level.level === 'region') {
    const title = t('territoryMapTitle', { metric: name });
    out.push(chartCard(context, {
      title,
      lines: [h('p', { className: 'note' }, t('territoryMapNote', { national }))],
      height: 460,
      option: () => regionMapOption(metric, { ...context, title, percent, description: title }),
      table: unitsTable(metric, level, title, context),
    }));
  }
  const funnelTitle = t('territoryFunnelTitle', { metric: name, level: one });
  out.push(chartCard(context, {
    title: funnelTitle,
    lines: [h('p', { className: 'note' }, t('territoryFunnelNote', { level: one, national })), ...funnelLines(metric, level, context)],
    height: 380,
    wide: level.level !== 'region',
    option: () => funnelOption(metric, { ...context, title: funnelTitle, percent, description: funnelTitle }),
    table: unitsTable(metric, level, funnelTitle, context),
  }));
  out.push(barsCard(context, {
    title: t('territoryBarsTitle', { metric: name, level: one }),
    pairs: territoryRows(metric).filter((r) => !r.suppressed).sort((a, b) => b.value - a.value)
      .map((r) => [r.name, metric.units.find((u) => u.key === r.key).estimate]),
    percent,
    scale: metric.scale,
    labelHeader: one,
    wide: true,
  }));
  const spread = metric.spread;
  const measured = spread?.periods.filter((p) => p.sd !== undefined) ?? [];
  if (measured.length >= 2) {
    const title = t('territorySpreadTitle', { levels: t(`territoryLevels.${level.level}`).toLowerCase() });
    const [first, last] = [measured[0], measured[measured.length - 1]];
    const f = (v) => valueText(lang, percent, v);
    out.push(chartCard(context, {
      title,
      lines: [h('p', { className: 'note' }, t('territorySpreadNote', {
        first: first.period, last: last.period, from: f(first.sd), to: f(last.sd),
        fromTrue: f(first.sd_beyond_noise), toTrue: f(last.sd_beyond_noise),
      }))],
      wide: true,
      option: () => spreadOption(spread, { ...context, title, percent, description: title }),
      table: spreadTable(spread, title, context),
    }));
  }
  return out.filter(Boolean);
}

/** The territory section, or null when the report has none. */
export function territorySection(territory, context) {
  if (!territory?.levels?.length) return null;
  const { t } = context;
  const id = `territory-${nextId += 1}`;
  const levelSelect = h('select', { id: `${id}-level` }, territory.levels.map((l, i) =>
    h('option', { value: String(i) }, t(`territoryLevels.${l.level}`))));
  const metricSelect = h('select', { id: `${id}-metric` });
  const notes = h('div', {});
  const holder = h('div', { className: 'ratings' });
  const fillMetrics = (level) => {
    metricSelect.replaceChildren(...level.metrics.map((m, i) => h('option', { value: String(i) }, metricLabel(m, t))));
  };
  const render = (target) => {
    const level = territory.levels[Number(levelSelect.value)];
    const metric = level.metrics[Number(metricSelect.value)] ?? level.metrics[0];
    const local = { ...context, charts: target };
    holder.replaceChildren(...cards(level, metric, local));
    notes.replaceChildren(...[
      level.source !== 'column' ? h('p', { className: 'note' }, t('territoryDerived', { column: level.column })) : null,
      level.unknown.length ? h('p', { className: 'note' }, t('territoryUnknown', {
        names: level.unknown.map((u) => `${u.value} (${formatCount(context.lang, u.rows)})`).join(', '),
      })) : null,
    ].filter(Boolean));
  };
  fillMetrics(territory.levels[0]);
  render(context.charts);
  const rerender = () => {
    const charts = [];
    render(charts);
    disposeDetachedCharts();
    drawWhenVisible(charts);
  };
  levelSelect.addEventListener('change', () => {
    fillMetrics(territory.levels[Number(levelSelect.value)]);
    rerender();
  });
  metricSelect.addEventListener('change', rerender);
  return h('section', { className: 'card territory' }, [
    h('h3', {}, t('territorySection')),
    h('form', { className: 'inline-form' }, [
      h('label', { for: levelSelect.id }, t('territoryLevel')), levelSelect,
      h('label', { for: metricSelect.id }, t('territoryMetric')), metricSelect,
    ]),
    notes,
    holder,
    h('p', { className: 'note credit' }, t('mapCredit')),
  ]);
}
