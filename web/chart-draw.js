// Draws charts when they come near the viewport: a report with dozens of
// charts shows its first screen at once. Printing draws every chart.
import { echarts } from './charts/echarts-setup.js';

const charts = new Set();
const pendingOptions = new Map(); // chart box -> () => option
let observer = null;

function draw(box, option) {
  pendingOptions.delete(box);
  const chart = echarts.init(box, null, { renderer: 'svg' });
  chart.setOption(option());
  charts.add(chart);
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

if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => {
    for (const [box, option] of [...pendingOptions]) draw(box, option);
  });
}

/** The chart drawn in `box`, if any. */
export function chartIn(box) {
  return echarts.getInstanceByDom(box) ?? null;
}
