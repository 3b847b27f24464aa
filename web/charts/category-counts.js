// Report JSON -> ECharts option for one categorical column: its most
// frequent values as horizontal bars. Suppressed (small) counts are left
// out, never drawn as zero. Pure: no DOM, no echarts import.
import { formatCount } from '../format.js';
import { PALETTE } from './rating-distribution.js';

/** Rows of the chart's dataset, largest first, as the core sorted them. */
export function categoryRows(column) {
  return (column.top ?? []).filter((t) => !t.suppressed).map((t) => ({ value: t.value, count: t.count }));
}

export function categoryCountsOption(column, { lang, t }) {
  const rows = categoryRows(column);
  return {
    aria: { enabled: true, label: { description: t('categoriesDescription', { name: column.name, n: rows.length }) } },
    title: { text: column.name, show: false },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    dataset: { id: 'categories', dimensions: ['value', 'count'], source: [...rows].reverse() },
    xAxis: { type: 'value', splitNumber: 3, axisLabel: { hideOverlap: true, formatter: (v) => formatCount(lang, v) } },
    yAxis: { type: 'category', axisLabel: { width: 160, overflow: 'truncate' } },
    tooltip: { trigger: 'axis', formatter: (items) => `${formatCount(lang, items[0]?.value?.count)}` },
    series: [{
      type: 'bar', datasetId: 'categories', encode: { x: 'count', y: 'value' },
      itemStyle: { color: PALETTE.bar },
      label: { show: true, position: 'right', formatter: ({ value }) => formatCount(lang, value.count) },
    }],
  };
}
