// Report estimates -> ECharts option: one bar per estimate with its 95%
// interval drawn as a whisker (a custom series), for means and shares alike:
// overall satisfaction by wave, indices, items, yes/no, single-choice and
// multi-response shares, profile categories. Suppressed estimates are left
// out, never drawn as zero. Pure: no DOM, no echarts import.
import { formatCount, formatNumber, formatPercent } from '../format.js';
import { PALETTE } from './rating-distribution.js';

/** {label, value, low, high, n, lowBase} rows from [label, estimate] pairs; suppressed ones dropped. */
export function estimateRows(pairs) {
  return pairs
    .filter(([, e]) => e && !e.suppressed && e.value !== null && e.value !== undefined)
    .map(([label, e]) => ({
      label: String(label),
      value: e.value,
      low: e.ci95?.[0] ?? null,
      high: e.ci95?.[1] ?? null,
      n: e.n,
      lowBase: Boolean(e.low_base),
    }));
}

/** The text of an estimate in a tooltip or a table cell: "3,93 (3,91–3,95)". */
export function estimateText(lang, row, percent) {
  const f = (v) => (percent ? formatPercent(lang, v) : formatNumber(lang, v));
  return `${f(row.value)} (${f(row.low)}–${f(row.high)})`;
}

// The whisker of one bar: a line from low to high with caps at both ends.
function whisker(horizontal, color) {
  return (params, api) => {
    const category = api.value(0);
    const from = api.coord(horizontal ? [api.value(1), category] : [category, api.value(1)]);
    const to = api.coord(horizontal ? [api.value(2), category] : [category, api.value(2)]);
    const band = api.size(horizontal ? [0, 1] : [1, 0]);
    const cap = (horizontal ? band[1] : band[0]) * 0.12;
    const style = { stroke: color, lineWidth: 1.5 };
    const line = (x1, y1, x2, y2) => ({ type: 'line', shape: { x1, y1, x2, y2 }, style });
    const children = horizontal
      ? [line(from[0], from[1], to[0], to[1]),
        line(from[0], from[1] - cap, from[0], from[1] + cap),
        line(to[0], to[1] - cap, to[0], to[1] + cap)]
      : [line(from[0], from[1], to[0], to[1]),
        line(from[0] - cap, from[1], from[0] + cap, from[1]),
        line(to[0] - cap, to[1], to[0] + cap, to[1])];
    return { type: 'group', children };
  };
}

/**
 * rows: from estimateRows. Options: title and description (accessible),
 * percent (shares), horizontal (long labels, many bars), scale ([min, max]
 * of a rating scale, for the value axis).
 */
export function estimateBarsOption(rows, { lang, t, title, description, percent = false, horizontal = false, scale = null }) {
  const labels = rows.map((r) => r.label);
  const format = (v) => (percent ? formatPercent(lang, v, 0) : formatNumber(lang, v, 1));
  const valueAxis = {
    type: 'value',
    min: percent ? 0 : (scale?.[0] ?? null),
    max: percent ? null : (scale?.[1] ?? null),
    axisLabel: { formatter: format },
  };
  const categoryAxis = {
    type: 'category',
    data: horizontal ? [...labels].reverse() : labels,
    axisLabel: horizontal ? { width: 180, overflow: 'truncate' } : { interval: 0, width: 90, overflow: 'truncate' },
  };
  const ordered = horizontal ? [...rows].reverse() : rows;
  const byLabel = new Map(rows.map((r) => [r.label, r]));
  return {
    aria: { enabled: true, label: { description } },
    title: { text: title, show: false },
    grid: horizontal
      ? { left: 8, right: 56, top: 8, bottom: 8, containLabel: true }
      : { left: 48, right: 16, top: 28, bottom: 32, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items) => {
        const row = byLabel.get(String(items[0]?.name));
        if (!row) return '';
        // Plain text only: ECharts renders tooltip strings as HTML, and labels come from the file.
        return `${escapeText(row.label)}: ${estimateText(lang, row, percent)}, n = ${formatCount(lang, row.n)}` +
          (row.lowBase ? ` · ${t('lowBase')}` : '');
      },
    },
    series: [
      {
        type: 'bar',
        data: ordered.map((r) => r.value),
        itemStyle: { color: PALETTE.bar },
        barMaxWidth: 48,
        label: {
          show: true,
          position: horizontal ? 'right' : 'top',
          distance: horizontal ? 24 : 12,
          formatter: ({ value }) => (percent ? formatPercent(lang, value) : formatNumber(lang, value)),
        },
      },
      {
        type: 'custom',
        renderItem: whisker(horizontal, PALETTE.text),
        encode: horizontal ? { x: [1, 2], y: 0 } : { x: 0, y: [1, 2] },
        data: ordered.map((r, i) => [i, r.low, r.high]),
        z: 3,
        tooltip: { show: false },
      },
    ],
  };
}

/** Text for HTML-rendering places (ECharts tooltips): <, >, & and quotes escaped. */
export function escapeText(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
