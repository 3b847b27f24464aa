// Draws charts when they come near the viewport: a report with dozens of
// charts shows its first screen at once. Printing draws every chart.
// Drawing preferences that are not the chart's content (decal patterns for
// colour-blind readers) are applied here, so option builders stay pure.
import { echarts } from './charts/echarts-setup.js';

const charts = new Set();
const pendingOptions = new Map(); // chart box -> () => option
const builtOptions = new WeakMap(); // chart box -> () => option, to draw it again for a PNG
let observer = null;

/** Patterns are on for the charts inside an element marked data-patterns="on". */
function patternsOn(box) {
  return box.closest('[data-patterns]')?.dataset.patterns === 'on';
}

/**
 * The option with the reader's preferences: decal patterns over colours, and
 * the text in the font around the chart (the page's, or the portal's).
 */
function withPreferences(option, box) {
  return {
    ...option,
    textStyle: { fontFamily: getComputedStyle(box).fontFamily, ...option.textStyle },
    aria: { ...option.aria, enabled: true, decal: { show: patternsOn(box) } },
  };
}

function draw(box, option, { animation = true } = {}) {
  pendingOptions.delete(box);
  builtOptions.set(box, option);
  const chart = echarts.init(box, null, { renderer: 'svg' });
  chart.setOption({ ...withPreferences(option(), box), ...(animation ? {} : { animation: false }) });
  charts.add(chart);
}

/** Turns decal patterns on or off for the charts inside `container`, drawn or still to draw. */
export function setPatterns(container, on) {
  container.dataset.patterns = on ? 'on' : 'off';
  for (const chart of charts) {
    if (container.contains(chart.getDom())) chart.setOption({ aria: { enabled: true, decal: { show: on } } });
  }
}

/**
 * The chart in `box` as a PNG, drawn again by the canvas renderer: nothing
 * is loaded as an image, so a CSP without data: or blob: images (the
 * portal's default-src 'self') allows it. Twice the pixels, for slides.
 * { dataUrl, width, height } (pixels of the PNG), for a chart drawn or
 * still waiting to be seen; a chart in a closed section (no size) is drawn
 * at 800 x 400. Null when the box holds no chart.
 */
export function chartPng(box) {
  const option = builtOptions.get(box) ?? pendingOptions.get(box);
  if (!option) return null;
  const rect = box.getBoundingClientRect();
  const width = rect.width >= 1 ? Math.round(rect.width) : 800;
  const height = rect.height >= 1 ? Math.round(rect.height) : 400;
  const chart = echarts.init(document.createElement('div'), null, { renderer: 'canvas', width, height });
  try {
    chart.setOption({ ...withPreferences(option(), box), animation: false });
    return { dataUrl: chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), width: width * 2, height: height * 2 };
  } finally {
    chart.dispose();
  }
}

/** Queues [box, () => option] pairs; each is drawn when it is about to be seen. */
export function drawWhenVisible(pending) {
  if (typeof IntersectionObserver === 'undefined') {
    for (const [box, option] of pending) draw(box, option);
    return;
  }
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting || !pendingOptions.has(entry.target)) continue;
      observer.unobserve(entry.target);
      draw(entry.target, pendingOptions.get(entry.target));
    }
  }, { rootMargin: '200px' });
  for (const [box, option] of pending) {
    pendingOptions.set(box, option);
    observer.observe(box);
  }
}

/**
 * Disposes the charts drawn or waiting inside `container` (a new report
 * replaces it); other reports on the page (several embeds) keep theirs.
 */
export function disposeChartsIn(container) {
  for (const chart of charts) {
    const dom = chart.getDom();
    if (dom && !container.contains(dom) && dom.isConnected) continue;
    chart.dispose();
    charts.delete(chart);
  }
  for (const box of [...pendingOptions.keys()]) {
    if (!container.contains(box) && box.isConnected) continue;
    observer?.unobserve(box);
    pendingOptions.delete(box);
  }
}

/** Disposes the charts whose box left the page (a section drawn again). */
export function disposeDetachedCharts() {
  for (const chart of charts) {
    if (chart.getDom()?.isConnected) continue;
    chart.dispose();
    charts.delete(chart);
  }
  for (const box of pendingOptions.keys()) {
    if (box.isConnected) continue;
    observer?.unobserve(box);
    pendingOptions.delete(box);
  }
}

export function resizeCharts() {
  for (const chart of charts) chart.resize();
}

// Printed, every chart is drawn (at its final state: no animation to catch
// half-way) at one width that fits an A4 portrait page inside its card (see
// the print rules of style.css); after printing, charts fit their boxes again.
const PRINT_CHART_WIDTH_PX = (150 / 25.4) * 96; // 150 mm

if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => {
    for (const [box, option] of [...pendingOptions]) draw(box, option, { animation: false });
    for (const chart of charts) chart.resize({ width: PRINT_CHART_WIDTH_PX, animation: { duration: 0 } });
  });
  // 'auto': the width given for print would otherwise stick (zrender keeps it).
  window.addEventListener('afterprint', () => {
    for (const chart of charts) chart.resize({ width: 'auto' });
  });
}

/** The chart drawn in `box`, if any. */
export function chartIn(box) {
  return echarts.getInstanceByDom(box) ?? null;
}
