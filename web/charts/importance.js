// Key drivers -> ECharts importance-performance scatter: each item's
// importance (its correlation with overall satisfaction) against its mean,
// split at the means over the items into four named quadrants. Pure.
import { columnLabel, formatNumber } from '../format.js';
import { PALETTE } from './rating-distribution.js';
import { escapeText } from './estimate-bars.js';

export const QUADRANTS = ['priority', 'strength', 'secondary', 'surplus'];

/** {label, importance, performance, quadrant} per item with a shown performance. */
export function driverPoints(drivers) {
  return drivers.items
    .filter((d) => d.performance && !d.performance.suppressed)
    .map((d) => ({ label: columnLabel(d.column), importance: d.importance, performance: d.performance.value, quadrant: d.quadrant }));
}

// Axis bounds around the values and the cut, padded and rounded to `step`
// so the axis labels fall on round numbers.
function padded(values, cut, step) {
  const low = Math.min(...values, cut);
  const high = Math.max(...values, cut);
  const pad = (high - low) * 0.06 || step;
  return [Math.floor((low - pad) / step) * step, Math.ceil((high + pad) / step) * step];
}

export function importanceOption(drivers, { lang, t }) {
  const points = driverPoints(drivers);
  const [xMin, xMax] = padded(points.map((p) => p.importance), drivers.importance_cut, 0.05);
  const [yMin, yMax] = padded(points.map((p) => p.performance), drivers.performance_cut, 0.1);
  const ix = drivers.importance_cut;
  const iy = drivers.performance_cut;
  const area = (name, x1, y1, x2, y2, position) => [
    { name: t(`quadrants.${name}`), xAxis: x1, yAxis: y1, label: { position, color: PALETTE.muted, fontWeight: 'bold' } },
    { xAxis: x2, yAxis: y2 },
  ];
  return {
    aria: { enabled: true, label: { description: t('driversDescription', { n: points.length }) } },
    title: { text: t('driversTitle'), show: false },
    grid: { left: 56, right: 24, top: 16, bottom: 48 },
    xAxis: {
      type: 'value', min: xMin, max: xMax, name: t('importance'), nameLocation: 'middle', nameGap: 28,
      axisLabel: { formatter: (v) => formatNumber(lang, v, 2) }, splitLine: { show: false }, axisLine: { onZero: false },
    },
    yAxis: {
      type: 'value', min: yMin, max: yMax, name: t('performance'), nameLocation: 'middle', nameGap: 40,
      axisLabel: { formatter: (v) => formatNumber(lang, v, 1) }, splitLine: { show: false }, axisLine: { onZero: false },
    },
    tooltip: {
      formatter: (p) => {
        const d = points[p.dataIndex];
        return d ? `${escapeText(d.label)}: ${t('importance')} ${formatNumber(lang, d.importance)}, ` +
          `${t('performance')} ${formatNumber(lang, d.performance)} · ${t(`quadrants.${d.quadrant}`)}` : '';
      },
    },
    series: [{
      type: 'scatter',
      symbolSize: 10,
      itemStyle: { color: PALETTE.bar },
      data: points.map((p) => [p.importance, p.performance]),
      label: { show: true, position: 'right', fontSize: 11, formatter: (p) => points[p.dataIndex].label },
      labelLayout: { hideOverlap: true },
      markLine: {
        silent: true, symbol: 'none', lineStyle: { color: PALETTE.muted, type: 'dashed' }, label: { show: false },
        data: [{ xAxis: ix }, { yAxis: iy }],
      },
      markArea: {
        silent: true,
        itemStyle: { color: 'rgba(0, 0, 0, 0)' },
        data: [
          area('priority', ix, yMin, xMax, iy, 'insideBottomRight'),
          area('strength', ix, iy, xMax, yMax, 'insideTopRight'),
          area('secondary', xMin, yMin, ix, iy, 'insideBottomLeft'),
          area('surplus', xMin, iy, ix, yMax, 'insideTopLeft'),
        ],
      },
    }],
  };
}
