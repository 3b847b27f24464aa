// <ascolto-report>: the report as an element for the intranet portal. One
// module script, then for example
//   <ascolto-report src="feedback.csv" filter="applicativo=NASpI" lang="it"></ascolto-report>
// Attributes: src (a dataset URL, fetched with progress), kind (survey,
// feedback, volumes, media), config (a URL or inline JSON), lang (it, en),
// filter (column=value: the application of the owner's view), view (full:
// also how the file was read and its columns), patterns (on: decal patterns
// in the charts, for colour-blind readers). Shadow DOM keeps styles in
// and out; no eval, no inline script or style (strict CSP portals).
import { open } from './api.js';
import { errorMessage, translator } from './i18n.js';
import { renderReport } from './report-view.js';
import { setPatterns } from './chart-draw.js';
import { formatCount, formatNumber } from './format.js';

const STYLESHEET = new URL('./embed.css', import.meta.url).href;

async function readConfig(value) {
  if (!value) return {};
  const text = value.trim();
  if (text.startsWith('{')) return JSON.parse(text);
  const response = await fetch(new URL(text, document.baseURI));
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { code: 'http_error' });
  return response.json();
}

export class AscoltoReport extends HTMLElement {
  static get observedAttributes() {
    return ['src', 'kind', 'config', 'lang', 'filter', 'view', 'patterns'];
  }

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = STYLESHEET;
    this.status = document.createElement('p');
    this.status.className = 'embed-status';
    this.status.setAttribute('role', 'status');
    this.container = document.createElement('div');
    this.container.className = 'ascolto-embed';
    root.append(link, this.status, this.container);
    this.analysis = null;
    this.generation = 0;
  }

  connectedCallback() {
    this.load();
  }

  disconnectedCallback() {
    this.analysis?.close();
    this.analysis = null;
  }

  attributeChangedCallback(name) {
    if (!this.isConnected) return;
    // Patterns change how the charts are drawn, not what is analysed.
    if (name === 'patterns') this.applyPatterns();
    else this.load();
  }

  applyPatterns() {
    setPatterns(this.container, this.getAttribute('patterns') === 'on');
  }

  async load() {
    const generation = ++this.generation;
    const lang = this.getAttribute('lang') === 'en' ? 'en' : 'it';
    const t = translator(lang);
    const src = this.getAttribute('src');
    this.container.replaceChildren();
    this.applyPatterns();
    if (!src) {
      this.showError(lang, { code: 'invalid_input', message: t('embedNoSource') });
      return;
    }
    const started = performance.now();
    this.status.classList.remove('error');
    this.status.textContent = t('embedLoading');
    try {
      const config = await readConfig(this.getAttribute('config'));
      if (this.getAttribute('kind')) config.kind = this.getAttribute('kind');
      const analysis = await open(new URL(src, document.baseURI).href, config, {
        onProgress: (p) => {
          if (generation !== this.generation) return;
          const seconds = (performance.now() - started) / 1000;
          this.status.textContent = t('reading', {
            name: p.name, rows: formatCount(lang, p.rows), mb: formatNumber(lang, p.bytes / 1e6, 1),
            speed: formatNumber(lang, seconds > 0 ? p.bytes / 1e6 / seconds : 0, 0),
          });
        },
      });
      if (generation !== this.generation) {
        analysis.close();
        return;
      }
      this.analysis?.close();
      this.analysis = analysis;
      const [, application = ''] = (this.getAttribute('filter') ?? '').split('=');
      renderReport(this.container, analysis.report, {
        t, lang, query: (request) => analysis.query(request), application: decodeURIComponent(application.trim()),
      });
      this.container.classList.toggle('full', this.getAttribute('view') === 'full');
      this.status.textContent = '';
      this.dispatchEvent(new CustomEvent('ascolto-ready', { detail: analysis.report }));
    } catch (error) {
      if (generation === this.generation) this.showError(lang, { code: error.code ?? 'internal', message: error.message });
    }
  }

  showError(lang, error) {
    this.status.classList.add('error');
    this.status.setAttribute('role', 'alert');
    this.status.textContent = errorMessage(lang, error);
  }
}

if (!customElements.get('ascolto-report')) customElements.define('ascolto-report', AscoltoReport);
