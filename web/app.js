// The page controller: wires the drop zone, the file input, the URL field,
// the demo buttons, the settings and the header switches to analyze() and
// the report view.
import { open, prepare } from './api.js';
import { formatCount, formatDay, formatNumber, formatPercent } from './format.js';
import { LANGUAGES, errorMessage, translator } from './i18n.js';
import { setUpSettingsPanel } from './settings-panel.js';
import { configFromFragment, configuredRole, readSettings, withColumnRole, writeSettings } from './settings.js';

const DEMO_URL = new URL('../demo/indagine-demo.csv', import.meta.url).href;
const FEEDBACK_DEMO_URL = new URL('../demo/feedback-demo.csv', import.meta.url).href;
const VOLUMES_DEMO_URL = new URL('../demo/volumi-demo.csv', import.meta.url).href;
const MEDIA_DEMO_URL = new URL('../demo/rassegna-demo.csv', import.meta.url).href;

// The report view and ECharts (web/views.js, a bundle of its own) load
// after the controls are wired: the page answers sooner and its worker (the
// core's compilation and warm-up) starts sooner. Set once loaded; a report
// exists only after it is (run() awaits it).
let views = null;
const viewsLoaded = import('./views.js').then((loaded) => {
  views = loaded;
  return views;
});

const parameters = new URLSearchParams(location.search);
const storage = (() => {
  try {
    return window.localStorage; // null or throwing where the browser forbids it
  } catch {
    return null;
  }
})();

const state = {
  // Kept between visits: the configuration, decal patterns, the language.
  settings: readSettings(storage),
  lang: 'it',
  report: null,
  analysis: null, // the tables in memory, for the dashboard's filters
  controller: null,
  // The owner's view: ?app=NASpI opens the feedback dashboard on one application.
  application: parameters.get('app') ?? '',
  panel: null,
};
state.lang = parameters.get('lang') ?? state.settings.lang;
if (!LANGUAGES.includes(state.lang)) [state.lang] = LANGUAGES; // Italian by default

function saveSettings(changes) {
  state.settings = { ...state.settings, ...changes };
  if (!storage || !writeSettings(storage, state.settings)) state.panel?.say('settingsNotSaved', { error: true });
}

/** A new configuration from the panel, a column's role or a link: kept, shown, and the data analysed again. */
function applyConfig(config, message) {
  saveSettings({ config });
  const combine = $('#combine');
  if (combine) combine.checked = config.combine === true;
  state.panel?.show(config);
  if (message) state.panel?.say(message);
  if (state.input) run(state.input);
}

function viewContext() {
  return {
    t,
    lang: state.lang,
    query: (request) => state.analysis.query(request),
    application: state.application,
    reduction: true, // the analyst's page offers the reduction query; the embed does not
    // The user confirms columns that look personal: analysed again with them in.
    includePersonal: (columns) => applyConfig({
      ...state.settings.config, include_personal: [...(state.settings.config.include_personal ?? []), ...columns],
    }),
    // A column's role chosen in the report's column table ('' = as detected).
    configuredRole: (column) => configuredRole(state.settings.config, column),
    setColumnRole: (column, role) => applyConfig(withColumnRole(state.settings.config, column, role), 'settingsApplied'),
    // The sheets of the dropped workbooks to read (by name).
    pickSheets: (sheets) => applyConfig({ ...state.settings.config, sheets }, 'settingsApplied'),
  };
}

const $ = (selector) => document.querySelector(selector);
const t = (key, vars) => translator(state.lang)(key, vars);

function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  const toggle = $('#language');
  toggle.setAttribute('aria-label', t('languageLabel'));
  $('#patterns').title = t('patternsLabel'); // a description: the name stays the visible text
  state.panel?.relabel();
  if (state.report) views.renderReport($('#report'), state.report, viewContext());
}

function showStatus(message, { error = false } = {}) {
  const status = $('#status');
  status.textContent = message;
  status.classList.toggle('error', error);
  status.hidden = !message;
}

function showProgress(progress) {
  const bar = $('#progress-bar');
  if (progress.size) {
    bar.max = progress.size;
    bar.value = progress.bytes;
  } else {
    bar.removeAttribute('value');
  }
  const seconds = (performance.now() - state.started) / 1000;
  $('#progress-text').textContent = t('reading', {
    name: progress.name,
    rows: formatCount(state.lang, progress.rows),
    mb: formatNumber(state.lang, progress.bytes / 1e6, 1),
    speed: formatNumber(state.lang, seconds > 0 ? progress.bytes / 1e6 / seconds : 0, 0),
  });
}

async function run(input) {
  const { config } = state.settings;
  state.input = input;
  state.controller?.abort();
  const controller = new AbortController();
  state.controller = controller;
  state.started = performance.now();
  $('#progress').hidden = false;
  $('#progress-bar').removeAttribute('value');
  $('#progress-text').textContent = '';
  showStatus('');
  document.body.setAttribute('aria-busy', 'true');
  try {
    performance.mark('ascolto:start');
    const analysis = await open(input, config, { onProgress: showProgress, signal: controller.signal });
    performance.mark('ascolto:report');
    const { renderReport } = await viewsLoaded;
    state.analysis?.close();
    state.analysis = analysis;
    state.report = analysis.report;
    renderReport($('#report'), analysis.report, viewContext());
    // The frame that paints the new report (the callback runs just before it).
    requestAnimationFrame(() => performance.mark('ascolto:painted'));
    state.panel.reportChanged();
    // Timings for the browser tests and for anyone profiling the page.
    performance.measure('ascolto:analyze', 'ascolto:start', 'ascolto:report');
    performance.measure('ascolto:render', 'ascolto:report');
  } catch (error) {
    if (state.controller !== controller) return; // replaced by a newer run
    showStatus(errorMessage(state.lang, { code: error.code ?? 'internal', message: error.message }), { error: true });
  } finally {
    if (state.controller === controller) {
      $('#progress').hidden = true;
      document.body.removeAttribute('aria-busy');
      state.controller = null;
    }
  }
}

// A link made by "Crea un link" carries settings in its #fragment: they are
// applied and kept, and the fragment is dropped so that a reload does not
// undo later changes.
function takeLinkSettings() {
  let config;
  try {
    config = configFromFragment(location.hash);
  } catch (error) {
    $('#settings').open = true;
    state.panel.say(`settingsErrors.${error.code}`, { error: true });
    return;
  }
  if (!config) return;
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  $('#settings').open = true;
  applyConfig(config, 'settingsFromLink');
}

function setUp() {
  prepare();
  const input = $('#file-input');
  const zone = $('#drop-zone');
  input.addEventListener('change', () => {
    if (input.files.length) run([...input.files]);
    input.value = '';
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    const files = [...event.dataTransfer.files];
    if (files.length) run(files);
  });
  $('#url-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const url = $('#url-input').value.trim();
    if (url) run(new URL(url, location.href).href);
  });
  $('#demo').addEventListener('click', () => run(DEMO_URL));
  $('#feedback-demo').addEventListener('click', () => run(FEEDBACK_DEMO_URL));
  $('#volumes-demo').addEventListener('click', () => run(VOLUMES_DEMO_URL));
  $('#media-demo').addEventListener('click', () => run(MEDIA_DEMO_URL));
  $('#cancel').addEventListener('click', () => {
    state.controller?.abort();
    showStatus(t('cancelled'));
  });
  $('#language').addEventListener('click', () => {
    state.lang = state.lang === 'it' ? 'en' : 'it';
    saveSettings({ lang: state.lang });
    applyLanguage();
  });
  // Files of one shape as one dataset: a setting of the configuration
  // ("combine"), so the CLI's --config and a settings link carry it too.
  const combine = $('#combine');
  combine.checked = state.settings.config.combine === true;
  combine.addEventListener('change', () => {
    const { combine: _, ...rest } = state.settings.config;
    applyConfig(combine.checked ? { ...rest, combine: true } : rest, 'settingsApplied');
  });
  const patterns = $('#patterns');
  const showPatterns = () => {
    patterns.setAttribute('aria-pressed', String(state.settings.patterns));
    viewsLoaded.then((loaded) => loaded.setPatterns($('#report'), state.settings.patterns), () => {});
  };
  patterns.addEventListener('click', () => {
    saveSettings({ patterns: !state.settings.patterns });
    showPatterns();
  });
  showPatterns();
  window.addEventListener('resize', () => views?.resizeCharts());
  state.panel = setUpSettingsPanel($('#settings'), { t, report: () => state.report, apply: applyConfig });
  state.panel.show(state.settings.config);
  applyLanguage();
  takeLinkSettings();
  window.addEventListener('hashchange', takeLinkSettings); // a link followed from this very page
  const src = parameters.get('src');
  if (src) run(new URL(src, location.href).href);
  performance.mark('ascolto:interactive'); // every control answers from here (scripts/bench-page.mjs)
  // A locale's number data load at its first format (~80 ms on a slow VM):
  // now, while the page waits, rather than while the first report is drawn.
  (globalThis.requestIdleCallback ?? setTimeout)(() => {
    for (const format of [formatCount, formatNumber, formatPercent]) format(state.lang, 0);
    formatDay(state.lang, '2024-01-01');
  });
}

setUp();
