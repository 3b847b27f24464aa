// Territorial views -> ECharts options: a choropleth of Italy's regions,
// the funnel plot (units against their size, with control limits around
// the national value), and the spread between units over time. Suppressed
// units are drawn as "not shown", never as zero. Pure: no DOM, no echarts
// import; the map geometry is registered in echarts-setup.js.
import { formatCount, formatNumber, formatPercent } from '../format.js';
import { escapeText, estimateText } from './estimate-bars.js';
import { PALETTE } from './rating-distribution.js';

/** The name the map is registered under. */
export const ITALY_MAP = 'italia-regioni';

// @svg-maps/italy's path ids -> ISTAT region codes (the core's unit keys).
export const SVG_REGION_CODES = {
  piedmont: '01', 'aosta-valley': '02', lombardy: '03', 'trentino-south-tyrol': '04', veneto: '05',
  'friuli-venezia-giulia': '06', liguria: '07', 'emilia-romagna': '08', tuscany: '09', umbria: '10',
  marche: '11', lazio: '12', abruzzo: '13', molise: '14', campania: '15', apulia: '16',
  basilicata: '17', calabria: '18', sicily: '19', sardinia: '20',
};

/** An SVG ECharts can register as a map: one path per region, named by its ISTAT code. */
export function regionsSvg(map) {
  const paths = map.locations
    .filter((l) => SVG_REGION_CODES[l.id])
    .map((l) => `<path name="${SVG_REGION_CODES[l.id]}" d="${l.path}"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${map.viewBox}">${paths.join('')}</svg>`;
}

// Colours of the funnel bands (blue above, red below; AA on white).
export const BAND_COLORS = {
  high_998: '#004D99', high_95: '#3D8BD9', within: '#8A9BAD', low_95: '#E0701F', low_998: '#B3261E',
};

const shown = (e) => e && !e.suppressed && e.value !== null && e.value !== undefined;

function formatter(lang, percent, digits) {
  return (v) => (percent ? formatPercent(lang, v, digits) : formatNumber(lang, v, digits));
}

/** Table rows of a metric's units: name, estimate, size, band (suppressed ones kept, marked). */
export function territoryRows(metric) {
  return metric.units.map((u) => ({
    key: u.key,
    name: u.name,
    suppressed: !shown(u.estimate),
    value: shown(u.estimate) ? u.estimate.value : null,
    low: u.estimate?.ci95?.[0] ?? null,
    high: u.estimate?.ci95?.[1] ?? null,
    n: u.estimate?.n ?? null,
    size: u.size ?? null,
    z: u.z_adjusted ?? null,
    band: u.band ?? null,
    rank: u.rank_ci95 ?? null,
    lowBase: Boolean(u.estimate?.low_base),
  }));
}

/**
 * The choropleth: each region coloured by its distance from the national
 * value (red below, blue above); suppressed regions hatched, regions with
 * no data left blank, both "not shown" in the tooltip.
 */
export function regionMapOption(metric, { lang, t, title, description, percent = false }) {
  const national = metric.national?.value ?? null;
  const rows = new Map(territoryRows(metric).map((r) => [r.key, r]));
  const values = [...rows.values()].filter((r) => r.value !== null && /^\d\d$/.test(r.key)).map((r) => r.value);
  const reach = Math.max(1e-9, ...values.map((v) => Math.abs(v - (national ?? v))));
  const f = formatter(lang, percent, percent ? 1 : 2);  // the colour scale's ends
  const data = Object.values(SVG_REGION_CODES).map((code) => {
    const row = rows.get(code);
    if (row && !row.suppressed) return { name: code, value: row.value };
    return {
      name: code,
      value: '-',
      itemStyle: row ? { areaColor: '#E3E7ED', decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: Math.PI / 4, color: '#8A9BAD' } }
        : { areaColor: '#FFFFFF' },
    };
  });
  return {
    aria: { enabled: true, label: { description } },
    title: { text: title, show: false },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const row = rows.get(p.name);
        // Plain text only: tooltip strings are rendered as HTML and names come from the file.
        if (!row) return `${escapeText(p.name)}: ${t('noData')}`;
        if (row.suppressed) return `${escapeText(row.name)}: ${t('notShown')}`;
        return `${escapeText(row.name)}: ${estimateText(lang, row, percent)}, n = ${formatCount(lang, row.n)}`;
      },
    },
    visualMap: national === null ? undefined : {
      type: 'continuous',
      min: national - reach,
      max: national + reach,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemWidth: 12,
      itemHeight: 160,
      text: [f(national + reach), f(national - reach)],
      inRange: { color: ['#B3261E', '#F2F2F2', '#004D99'] },
      textStyle: { color: PALETTE.text },
    },
    series: [{
      type: 'map',
      map: ITALY_MAP,
      roam: false,
      selectedMode: false,
      top: 8,
      bottom: 40,
      label: { show: false },
      emphasis: { label: { show: false }, itemStyle: { areaColor: null, borderColor: PALETTE.text, borderWidth: 2 } },
      itemStyle: { borderColor: '#5C6F82', borderWidth: 0.8, areaColor: '#FFFFFF' },
      data,
    }],
  };
}

/**
 * The funnel plot: units (x: their n, or effective n for weighted data,
 * on a log axis) with the national value and the 95% and 99.8% limits;
 * units outside the limits are coloured and named.
 */
export function funnelOption(metric, { lang, t, title, description, percent = false }) {
  const f = formatter(lang, percent, percent ? 1 : 2);
  const limits = metric.funnel.limits ?? [];
  const line = (key, name, dashed) => ({
    type: 'line',
    name,
    showSymbol: false,
    silent: true,
    data: limits.filter((l) => l[key] !== null).map((l) => [l.n, l[key]]),
    lineStyle: { color: PALETTE.muted, width: 1.2, type: dashed ? 'dashed' : 'solid' },
    itemStyle: { color: PALETTE.muted },
    tooltip: { show: false },
  });
  const points = territoryRows(metric).filter((r) => r.value !== null && r.size !== null);
  const target = metric.funnel.target;
  return {
    aria: { enabled: true, label: { description } },
    title: { text: title, show: false },
    grid: { left: 56, right: 24, top: 36, bottom: 48, containLabel: true },
    legend: { top: 0, data: [t('limit95'), t('limit998'), t('nationalValue')], textStyle: { color: PALETTE.text } },
    xAxis: {
      type: 'log',
      name: metric.funnel.size === 'n_eff' ? t('effectiveSize') : 'n',
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { formatter: (v) => formatCount(lang, v) },
    },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: formatter(lang, percent, percent ? 0 : 1) } },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const row = points[p.dataIndex];
        if (p.seriesType !== 'scatter' || !row) return '';
        return `${escapeText(row.name)}: ${f(row.value)}, n = ${formatCount(lang, row.n)}` +
          `<br>z = ${formatNumber(lang, row.z, 2)} · ${escapeText(t(`bands.${row.band}`))}`;
      },
    },
    series: [
      line('low_95', t('limit95'), true), line('high_95', t('limit95'), true),
      line('low_998', t('limit998'), false), line('high_998', t('limit998'), false),
      {
        type: 'line',
        name: t('nationalValue'),
        showSymbol: false,
        silent: true,
        data: limits.length ? [[limits[0].n, target], [limits[limits.length - 1].n, target]] : [],
        lineStyle: { color: PALETTE.text, width: 1.5 },
        itemStyle: { color: PALETTE.text },
        tooltip: { show: false },
      },
      {
        type: 'scatter',
        symbolSize: 9,
        data: points.map((r) => ({
          value: [r.size, r.value],
          itemStyle: { color: BAND_COLORS[r.band] ?? PALETTE.muted },
          label: { show: r.band !== 'within', formatter: () => r.name, position: 'right', color: PALETTE.text, fontSize: 11 },
        })),
        labelLayout: { hideOverlap: true },
      },
    ],
  };
}

/** Spread between units per wave or month: SD, SD beyond sampling noise, P90 - P10. */
export function spreadOption(spread, { lang, t, title, description, percent = false }) {
  const periods = spread.periods.filter((p) => p.sd !== undefined);
  const f = formatter(lang, percent, percent ? 1 : 2);
  const series = [
    ['sd', t('spreadSd'), 'solid'], ['sd_beyond_noise', t('spreadBeyondNoise'), 'dashed'], ['range80', t('spreadRange80'), 'dotted'],
  ].map(([key, name, type], i) => ({
    type: 'line',
    name,
    data: periods.map((p) => p[key]),
    symbol: ['circle', 'triangle', 'rect'][i],
    symbolSize: 7,
    lineStyle: { type, width: 2 },
  }));
  return {
    aria: { enabled: true, label: { description } },
    title: { text: title, show: false },
    color: ['#0066CC', '#17324D', '#B35C00'],
    grid: { left: 48, right: 24, top: 36, bottom: 32, containLabel: true },
    legend: { top: 0, textStyle: { color: PALETTE.text } },
    xAxis: { type: 'category', data: periods.map((p) => p.period) },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: formatter(lang, percent, percent ? 0 : 2) } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => f(v) },
    series,
  };
}
