// Feedback report -> ECharts options: the 1-5 distribution of each
// application as stacked shares, the trend (mean, rolling mean, volume,
// alert markers) and term bars. Pure: no DOM, no echarts import.
import { formatCount, formatNumber, formatPercent } from '../format.js';
import { PALETTE } from './rating-distribution.js';
import { escapeText } from './estimate-bars.js';

// From red (1) to blue (5), distinguishable in grey scale and for the
// common colour-vision deficiencies.
export const LEVEL_COLOURS = ['#a4001b', '#e07000', '#b7b7b7', '#5b9bd5', '#0066cc'];

/** Applications whose distribution is shown (not suppressed), in report order. */
export function distributionItems(applications) {
  return applications.filter((a) => !a.suppressed && a.count !== null && a.distribution.every((c) => c !== null));
}

export function stackedDistributionOption(applications, scale, { lang, t }) {
  const items = distributionItems(applications);
  const labels = items.map((a) => a.value).reverse();
  const levels = [];
  for (let level = scale.min; level <= scale.max; level += 1) levels.push(level);
  return {
    aria: { enabled: true, label: { description: t('stackedDescription', { n: items.length }) } },
    title: { text: t('distributionByApp'), show: false },
    legend: { top: 0, data: levels.map(String) },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v) => formatPercent(lang, v, 0) } },
    yAxis: { type: 'category', data: labels, axisLabel: { width: 180, overflow: 'truncate' } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (rows) => rows.map((r) => `${escapeText(r.seriesName)}: ${formatPercent(lang, r.value)}`)
        .join('<br>').replace(/^/, `${escapeText(rows[0]?.name ?? '')}<br>`),
    },
    series: levels.map((level, i) => ({
      name: String(level),
      type: 'bar',
      stack: 'levels',
      itemStyle: { color: LEVEL_COLOURS[Math.round(((level - scale.min) / (scale.max - scale.min)) * 4)] ?? PALETTE.bar },
      data: [...items].reverse().map((a) => a.distribution[i] / a.count),
    })),
  };
}

/** {start, count, mean, rolling} per period, suppressed means as null. */
export function trendRows(trend) {
  return trend.periods.map((p) => ({
    start: p.start,
    count: p.count,
    mean: p.mean && !p.mean.suppressed ? p.mean.value : null,
    rolling: p.rolling_mean,
  }));
}

/** The period an alert's week falls in, for the trend's markers. */
function alertPeriod(alert, granularity, starts) {
  if (granularity === 'week') return starts.includes(alert.week) ? alert.week : null;
  if (granularity === 'month') return starts.find((s) => alert.week.startsWith(s)) ?? null;
  return starts.includes(alert.week) ? alert.week : null; // days: the Monday of the week
}

export function trendOption(trend, alerts, { lang, t }) {
  const rows = trendRows(trend);
  const starts = rows.map((r) => r.start);
  const marked = new Map();
  for (const alert of alerts) {
    const period = alertPeriod(alert, trend.granularity, starts);
    if (period && !marked.has(period)) marked.set(period, alert);
  }
  const byStart = new Map(rows.map((r) => [r.start, r]));
  return {
    aria: { enabled: true, label: { description: t('trendDescription', { n: rows.length, granularity: t(`granularities.${trend.granularity}`) }) } },
    title: { text: t('trendTitle'), show: false },
    legend: { top: 0, data: [t('mean'), t('rollingMean'), t('volume')] },
    grid: { left: 48, right: 56, top: 36, bottom: 40 },
    xAxis: { type: 'category', data: starts, axisLabel: { hideOverlap: true } },
    yAxis: [
      { type: 'value', min: 1, max: 5, name: t('mean'), axisLabel: { formatter: (v) => formatNumber(lang, v, 1) } },
      { type: 'value', name: t('volume'), splitLine: { show: false }, axisLabel: { formatter: (v) => formatCount(lang, v) } },
    ],
    tooltip: {
      trigger: 'axis',
      formatter: (items) => {
        const row = byStart.get(items[0]?.name);
        if (!row) return '';
        const alert = marked.get(row.start);
        return `${escapeText(row.start)}: ${t('mean')} ${formatNumber(lang, row.mean)}, ${t('rollingMean')} ` +
          `${formatNumber(lang, row.rolling)}, n = ${formatCount(lang, row.count)}` +
          (alert ? `<br>⚠ ${escapeText(t(`alertKinds.${alert.kind}`))}` : '');
      },
    },
    series: [
      { name: t('volume'), type: 'bar', yAxisIndex: 1, data: rows.map((r) => r.count), itemStyle: { color: '#d9e6f5' } },
      {
        name: t('mean'), type: 'line', data: rows.map((r) => r.mean), itemStyle: { color: PALETTE.bar }, symbolSize: 4,
        markPoint: {
          symbol: 'pin', symbolSize: 36, itemStyle: { color: '#a4001b' }, label: { formatter: '!' },
          data: [...marked.keys()].map((start) => ({ coord: [start, byStart.get(start)?.mean ?? 1], value: '!' })),
        },
      },
      { name: t('rollingMean'), type: 'line', data: rows.map((r) => r.rolling), smooth: true, symbol: 'none', lineStyle: { width: 3, color: PALETTE.text } },
    ],
  };
}

/** Horizontal bars of term counts (largest on top). */
export function termBarsOption(terms, { lang, title, description, valueKey = 'count' }) {
  const list = [...terms].reverse();
  return {
    aria: { enabled: true, label: { description } },
    title: { text: title, show: false },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', splitNumber: 2, axisLabel: { hideOverlap: true, formatter: (v) => formatCount(lang, v) } },
    yAxis: { type: 'category', data: list.map((x) => x.term), axisLabel: { width: 160, overflow: 'truncate' } },
    tooltip: { trigger: 'axis', formatter: (items) => `${escapeText(items[0]?.name ?? '')}: ${formatCount(lang, items[0]?.value)}` },
    series: [{
      type: 'bar', data: list.map((x) => x[valueKey]), itemStyle: { color: PALETTE.bar },
      label: { show: true, position: 'right', formatter: ({ value }) => formatCount(lang, value) },
    }],
  };
}

/** The weeks of the comments' sentiment that are not suppressed, oldest first. */
export function sentimentWeeks(sentiment) {
  return (sentiment?.by_week ?? []).filter((w) => !w.suppressed);
}

/** The weekly share of negative comments (feedback.text.sentiment.by_week). */
export function negativeCommentsOption(sentiment, { lang, t }) {
  const weeks = sentimentWeeks(sentiment);
  return {
    aria: { enabled: true, label: { description: t('negativeCommentsDescription', { n: weeks.length }) } },
    title: { text: t('negativeCommentsTitle'), show: false },
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: weeks.map((w) => w.week), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v) => formatPercent(lang, v, 0) } },
    tooltip: {
      trigger: 'axis',
      formatter: (items) => {
        const w = weeks.find((x) => x.week === items[0]?.name);
        return w ? `${escapeText(w.week)}: ${formatPercent(lang, w.share)} (${formatCount(lang, w.negative)} / ${formatCount(lang, w.comments)})` : '';
      },
    },
    series: [{ type: 'line', data: weeks.map((w) => w.share), itemStyle: { color: '#a4001b' }, symbolSize: 4 }],
  };
}
