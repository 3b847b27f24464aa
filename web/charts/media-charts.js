// Media report -> ECharts options: weekly items stacked by outlet type, and
// the weekly share of negative items with the crisis alerts marked. Pure.
import { formatCount, formatPercent } from '../format.js';
import { escapeText } from './estimate-bars.js';

const TYPE_COLOURS = ['#0066cc', '#e07000', '#00875a', '#5c6f82', '#a4001b', '#7fb2e5'];

export function weeklyItemsOption(media, { lang, t }) {
  const weeks = media.weeks.map((w) => w.week);
  const types = media.outlet_types.length ? media.outlet_types.map((o) => o.value) : [t('newsItems')];
  return {
    aria: { enabled: true, label: { description: t('weeklyItemsDescription', { n: weeks.length, types: types.length }) } },
    title: { text: t('weeklyItemsTitle'), show: false },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: weeks, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => formatCount(lang, v) } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => formatCount(lang, v) },
    series: types.map((name, i) => ({
      name, type: 'bar', stack: 'items',
      data: media.weeks.map((w) => (media.outlet_types.length ? w.by_type[i] : w.items)),
      itemStyle: { color: TYPE_COLOURS[i % TYPE_COLOURS.length] },
    })),
  };
}

export function negativeShareOption(media, { lang, t }) {
  const weeks = media.weeks.map((w) => w.week);
  const alerted = new Set(media.alerts.map((a) => a.week));
  return {
    aria: { enabled: true, label: { description: t('negativeDescription', { n: weeks.length, alerts: alerted.size }) } },
    title: { text: t('negativeTitle'), show: false },
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: weeks, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v) => formatPercent(lang, v, 0) } },
    tooltip: {
      trigger: 'axis',
      formatter: (items) => {
        const w = media.weeks.find((x) => x.week === items[0]?.name);
        if (!w) return '';
        return `${escapeText(w.week)}: ${formatPercent(lang, w.negative_share)} (${formatCount(lang, w.items)} ${t('newsItems')})` +
          (alerted.has(w.week) ? `<br>⚠ ${t('crisisAlert')}` : '');
      },
    },
    series: [{
      type: 'line', data: media.weeks.map((w) => w.negative_share ?? null), itemStyle: { color: '#a4001b' }, symbolSize: 4,
      markPoint: {
        symbol: 'pin', symbolSize: 36, itemStyle: { color: '#a4001b' }, label: { formatter: '!' },
        data: media.weeks.filter((w) => alerted.has(w.week)).map((w) => ({ coord: [w.week, w.negative_share ?? 0], value: '!' })),
      },
    }],
  };
}
