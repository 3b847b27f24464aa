// Volumes report -> ECharts options: yearly totals with the projection of
// a partial year drawn apart (dashed outline, with its range), monthly
// volumes stacked by series, and the mix as 100% bars. Pure.
import { formatCount, formatLarge, formatPercent } from '../format.js';
import { escapeText } from './estimate-bars.js';

const SERIES_COLOURS = ['#0066cc', '#e07000', '#00875a', '#a4001b', '#5c6f82', '#7fb2e5', '#b7b7b7', '#17324d'];

/** Bars of a series' yearly totals; a partial year adds its projection and range. */
export function yearlyOption(series, { lang, t }) {
  const years = series.years.map((y) => String(y.year));
  const projected = series.years.map((y) => (y.projection ? (y.projection.range[0] + y.projection.range[1]) / 2 : null));
  const byYear = new Map(series.years.map((y) => [String(y.year), y]));
  return {
    aria: { enabled: true, label: { description: t('yearlyDescription', { name: series.name }) } },
    title: { text: series.name, show: false },
    grid: { left: 64, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: years },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => formatLarge(lang, v) } },
    tooltip: {
      trigger: 'axis',
      formatter: (items) => {
        const y = byYear.get(items[0]?.name);
        if (!y) return '';
        let text = `${escapeText(y.year)}: ${formatCount(lang, y.total)}`;
        if (!y.complete) text += ` (${t('partialYear')})`;
        if (y.projection) {
          text += `<br>${t('projection')}: ${formatCount(lang, y.projection.range[0])}–${formatCount(lang, y.projection.range[1])}`;
        }
        return text;
      },
    },
    series: [
      {
        name: t('observed'), type: 'bar', stack: 'year', data: series.years.map((y) => y.total),
        itemStyle: { color: '#0066cc' },
        label: { show: true, position: 'insideTop', color: '#fff', formatter: ({ value }) => formatLarge(lang, value) },
      },
      {
        // The projection: what the partial year would add, drawn as a dashed outline.
        name: t('projection'), type: 'bar', stack: 'year',
        data: series.years.map((y, i) => (projected[i] === null ? null : projected[i] - y.total)),
        itemStyle: { color: 'rgba(0, 102, 204, 0.12)', borderColor: '#0066cc', borderType: 'dashed', borderWidth: 2 },
        label: { show: true, position: 'top', formatter: ({ dataIndex }) => (projected[dataIndex] === null ? '' : `≈ ${formatLarge(lang, projected[dataIndex])}`) },
      },
    ],
  };
}

/** Monthly volumes, one stacked bar per month. */
export function monthlyOption(monthly, { lang, t }) {
  return {
    aria: { enabled: true, label: { description: t('monthlyDescription', { n: monthly.months.length, series: monthly.series.length }) } },
    title: { text: t('monthlyTitle'), show: false },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 64, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: monthly.months },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => formatLarge(lang, v) } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => formatCount(lang, v) },
    series: monthly.series.map((s, i) => ({
      name: s.name, type: 'bar', stack: 'month', data: s.values,
      itemStyle: { color: SERIES_COLOURS[i % SERIES_COLOURS.length] },
    })),
  };
}

/** Each series' share of the year's total, as 100% bars per year. */
export function mixOption(mix, { lang, t }) {
  return {
    aria: { enabled: true, label: { description: t('mixDescription', { n: mix.series.length }) } },
    title: { text: t('mixTitle'), show: false },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: mix.years.map((y) => (y.partial ? `${y.year}*` : String(y.year))) },
    yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v) => formatPercent(lang, v, 0) } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => formatPercent(lang, v) },
    series: mix.series.map((name, i) => ({
      name, type: 'bar', stack: 'mix', data: mix.years.map((y) => y.shares[i]),
      itemStyle: { color: SERIES_COLOURS[i % SERIES_COLOURS.length] },
      label: { show: true, formatter: ({ value }) => (value >= 0.06 ? formatPercent(lang, value, 0) : '') },
    })),
  };
}
