// Volumes report -> ECharts options: yearly totals with the projection of
// a partial year drawn apart (dashed outline, with its range), monthly
// volumes stacked by series, and the mix as 100% bars. Pure.
import { formatCount, formatLarge, formatPercent, formatUpTo } from '../format.js';
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

/** One ratio across scopes (platforms), one bar per year in each. */
export function ratioOption(ratios, { lang, t }) {
  const scopes = ratios.map((r) => r.scope);
  const years = [...new Set(ratios.flatMap((r) => r.years.map((y) => y.year)))];
  const small = Math.max(...ratios.flatMap((r) => r.years.map((y) => y.value ?? 0))) < 1;
  const format = (v) => (small ? formatPercent(lang, v, 1) : formatUpTo(lang, v));
  return {
    aria: { enabled: true, label: { description: t('ratioDescription', { name: t(`ratioNames.${ratios[0].name}`), n: scopes.length }) } },
    title: { text: t(`ratioNames.${ratios[0].name}`), show: false },
    legend: { top: 0 },
    grid: { left: 56, right: 16, top: 36, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: scopes, axisLabel: { interval: 0, width: 90, overflow: 'truncate' } },
    yAxis: { type: 'value', axisLabel: { formatter: format } },
    tooltip: { trigger: 'axis', valueFormatter: format },
    series: years.map((year, i) => ({
      name: ratios[0].years.find((y) => y.year === year)?.partial ? `${year}*` : String(year),
      type: 'bar',
      data: ratios.map((r) => r.years.find((y) => y.year === year)?.value ?? null),
      itemStyle: { color: SERIES_COLOURS[i % SERIES_COLOURS.length] },
    })),
  };
}

const MONTHS = { it: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] };
const DAYS = { it: ['D', 'L', 'M', 'M', 'G', 'V', 'S'], en: ['S', 'M', 'T', 'W', 'T', 'F', 'S'] };

/** [[yyyy-mm-dd, value]] of a daily series. */
export function calendarDays(daily) {
  const first = Date.parse(`${daily.first}T00:00:00Z`);
  return daily.values.map((v, i) => [new Date(first + i * 86400000).toISOString().slice(0, 10), v])
    .filter(([, v]) => v !== null);
}

/** A calendar heat map of a daily series, one calendar per year (the last `years`). */
export function calendarOption(daily, { lang, t, years = 2 }) {
  const days = calendarDays(daily);
  const allYears = [...new Set(days.map(([d]) => d.slice(0, 4)))];
  const shown = allYears.slice(-years);
  const data = days.filter(([d]) => shown.includes(d.slice(0, 4)));
  const values = data.map(([, v]) => v);
  return {
    aria: { enabled: true, label: { description: t('calendarDescription', { name: daily.name, years: shown.join(', ') }) } },
    title: { text: daily.name, show: false },
    tooltip: { formatter: (p) => `${p.value[0]}: ${formatCount(lang, p.value[1])}` },
    visualMap: {
      type: 'continuous', min: Math.min(...values), max: Math.max(...values), orient: 'horizontal', left: 'center', bottom: 0,
      inRange: { color: ['#e6f0fa', '#7fb2e5', '#0066cc', '#003366'] }, formatter: (v) => formatLarge(lang, v),
    },
    calendar: shown.map((year, i) => ({
      range: year, top: 30 + i * 150, left: 40, right: 16, cellSize: ['auto', 14],
      dayLabel: { firstDay: 1, nameMap: DAYS[lang] ?? DAYS.it },
      monthLabel: { nameMap: MONTHS[lang] ?? MONTHS.it },
      yearLabel: { position: 'left' },
    })),
    series: shown.map((year, i) => ({
      type: 'heatmap', coordinateSystem: 'calendar', calendarIndex: i,
      data: data.filter(([d]) => d.startsWith(year)),
    })),
  };
}
