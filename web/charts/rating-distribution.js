// Report JSON -> ECharts option for one rating column: the share of answers
// at each point of the scale, with the 95% interval in the tooltip and the
// mean in the accessible description. Pure: no DOM, no echarts import.
import { formatNumber, formatPercent, formatCount } from '../format.js';

export const PALETTE = { bar: '#0066CC', muted: '#5C6F82', text: '#17324D' };

/** Rows of the chart's dataset; suppressed shares are left out, not zero. */
export function distributionRows(rating) {
  return rating.distribution
    .filter((d) => d.share && !d.share.suppressed)
    .map((d) => ({
      level: String(d.level),
      share: d.share.value,
      low: d.share.ci95[0],
      high: d.share.ci95[1],
      count: d.count,
    }));
}

export function ratingDistributionOption(rating, { lang, t }) {
  const rows = distributionRows(rating);
  const mean = rating.mean?.suppressed ? null : rating.mean?.value;
  const title = t('distributionOf', { name: rating.column });
  const byLevel = new Map(rows.map((r) => [r.level, r]));
  return {
    aria: {
      enabled: true,
      label: {
        description: t('chartDescription', {
          min: rating.scale.min, max: rating.scale.max, mean: formatNumber(lang, mean),
        }),
      },
    },
    // The card around the chart shows the column name; the title here is for
    // exported images and screen readers, so it is not drawn over the bars.
    title: { text: title, show: false },
    grid: { left: 48, right: 16, top: 24, bottom: 40 },
    dataset: { id: 'distribution', dimensions: ['level', 'share', 'low', 'high', 'count'], source: rows },
    xAxis: { type: 'category', name: t('level'), nameLocation: 'middle', nameGap: 24 },
    yAxis: {
      type: 'value', min: 0,
      axisLabel: { formatter: (v) => formatPercent(lang, v, 0) },
    },
    tooltip: {
      trigger: 'axis',
      formatter: (items) => {
        const row = byLevel.get(String(items[0]?.value?.level ?? items[0]?.name));
        if (!row) return '';
        // Plain text only: ECharts renders tooltip strings as HTML.
        return `${t('level')} ${row.level}: ${formatPercent(lang, row.share)} ` +
          `(${t('ci95')} ${formatPercent(lang, row.low)}–${formatPercent(lang, row.high)}), n = ${formatCount(lang, row.count)}`;
      },
    },
    series: [{
      type: 'bar',
      datasetId: 'distribution',
      encode: { x: 'level', y: 'share' },
      itemStyle: { color: PALETTE.bar },
      label: { show: true, position: 'top', formatter: ({ value }) => formatPercent(lang, value.share, 0) },
    }],
  };
}
