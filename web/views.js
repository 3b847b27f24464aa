// The report view and ECharts, three quarters of the page's code, as one
// module the page loads after its controls are wired (web/app.js).
export { renderReport, resizeCharts } from './report-view.js';
export { setPatterns } from './chart-draw.js';
