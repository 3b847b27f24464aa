// Survey journey -> ECharts heatmap: the mean rating of each phase (rows,
// in journey order) on each channel (columns). Cells with no item or a
// suppressed mean stay empty. Pure: no DOM, no echarts import.
import { formatCount, formatNumber } from '../format.js';
import { escapeText } from './estimate-bars.js';

/** {phase, channel, value, low, high, n} per shown cell. */
export function heatmapCells(journey) {
  return (journey.cells ?? [])
    .filter((c) => c.mean && !c.mean.suppressed)
    .map((c) => ({
      phase: c.phase, channel: c.channel, value: c.mean.value,
      low: c.mean.ci95[0], high: c.mean.ci95[1], n: c.mean.n,
    }));
}

/**
 * The value axis of means over these journey items: the widest range of
 * their scales ([1, 10] when one is 1-10), or null (the axis fits the data)
 * when there are none.
 */
export function itemsRange(items) {
  if (!items.length) return null;
  return [Math.min(...items.map((i) => i.scale.min)), Math.max(...items.map((i) => i.scale.max))];
}

export function journeyHeatmapOption(journey, { lang, t, scale = [1, 5] }) {
  const cells = heatmapCells(journey);
  const values = cells.map((c) => c.value);
  const byKey = new Map(cells.map((c) => [`${c.phase}\u0000${c.channel}`, c]));
  // Phases top to bottom in journey order: the y axis runs upwards, so reversed.
  const phases = [...journey.phases].reverse();
  return {
    aria: { enabled: true, label: { description: t('heatmapDescription', { phases: journey.phases.length, channels: journey.channels.length }) } },
    title: { text: t('journeyHeatmap'), show: false },
    grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: journey.channels, splitArea: { show: true }, axisLabel: { interval: 0 } },
    yAxis: { type: 'category', data: phases, splitArea: { show: true } },
    visualMap: {
      type: 'continuous',
      min: values.length ? Math.floor(Math.min(...values) * 10) / 10 : scale[0],
      max: values.length ? Math.ceil(Math.max(...values) * 10) / 10 : scale[1],
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      // A light-to-dark blue ramp: readable in grey and for colour-blind readers.
      inRange: { color: ['#e6f0fa', '#7fb2e5', '#0066cc', '#003366'] },
      formatter: (v) => formatNumber(lang, v, 1),
    },
    tooltip: {
      formatter: (p) => {
        const c = byKey.get(`${phases[p.value[1]]}\u0000${journey.channels[p.value[0]]}`);
        if (!c) return '';
        return `${escapeText(c.phase)} · ${escapeText(c.channel)}: ${formatNumber(lang, c.value)} ` +
          `(${formatNumber(lang, c.low)}–${formatNumber(lang, c.high)}), n = ${formatCount(lang, c.n)}`;
      },
    },
    series: [{
      type: 'heatmap',
      data: cells.map((c) => [journey.channels.indexOf(c.channel), phases.indexOf(c.phase), c.value]),
      label: { show: true, formatter: (p) => formatNumber(lang, p.value[2]) },
      itemStyle: { borderColor: '#fff', borderWidth: 2 },
    }],
  };
}
