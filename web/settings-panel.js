// The settings panel of the page: a few common settings as fields, the whole
// configuration as JSON (columns, indices, raking margins), and its file and
// link. Fields and JSON are two views of one pending configuration; "Apply"
// hands it to the page, which keeps it and analyses again.
import { configFileText, configFromFile, configLink, withSetting, withSurveyTemplate } from './settings.js';
import { download } from './export.js';

// Field id -> where its value lives in the configuration, and how it is read
// ('' = as detected, removed from the configuration).
const text = (v) => v;
const number = (v) => (v === '' ? '' : Number(v));
const FIELDS = [
  { id: 'setting-kind', path: ['kind'], read: text },
  { id: 'setting-min-base', path: ['min_base'], read: number },
  { id: 'setting-low-base', path: ['low_base'], read: number },
  { id: 'setting-significance', path: ['survey', 'significance'], read: number },
  { id: 'setting-overdispersion', path: ['territory', 'overdispersion'], read: text },
];

const valueAt = (config, path) => path.reduce((node, key) => node?.[key], config);

/**
 * Wires the panel in `root` (the page's #settings). `page`: { t(), report()
 * (the last report, or null), apply(config, message) }. Returns { show(config),
 * say(key), reportChanged(), relabel() }: show when the configuration changed
 * elsewhere (a column's role, a link), reportChanged when a new report is
 * shown, relabel when the language changed.
 */
export function setUpSettingsPanel(root, page) {
  const $ = (selector) => root.querySelector(selector);
  const json = $('#settings-json');
  const status = $('#settings-status');
  let said = { key: '', error: false }; // kept to say it again in the other language
  const say = (key, { error = false } = {}) => {
    said = { key, error };
    status.textContent = key ? page.t(key) : '';
    status.classList.toggle('error', error);
  };

  const show = (config) => {
    json.value = configFileText(config);
    for (const field of FIELDS) {
      const value = valueAt(config, field.path);
      $(`#${field.id}`).value = value === undefined ? '' : String(value);
    }
    $('#settings-link-output').hidden = true;
  };

  // The pending configuration, as the JSON box says; null (and said) when it is not valid JSON.
  const pending = () => {
    try {
      return configFromFile(json.value);
    } catch (error) {
      say(`settingsErrors.${error.code}`, { error: true });
      return null;
    }
  };

  for (const field of FIELDS) {
    $(`#${field.id}`).addEventListener('change', (event) => {
      const config = pending();
      if (!config) return;
      json.value = configFileText(withSetting(config, field.path, field.read(event.target.value)));
      say('settingsPending');
    });
  }
  json.addEventListener('change', () => {
    const config = pending();
    if (config) show(config);
  });

  // Indices and sample margins to start from, once a survey has been analysed.
  const template = $('#settings-template');
  const reportChanged = () => {
    template.hidden = !withSurveyTemplate({}, page.report());
  };
  template.addEventListener('click', () => {
    const config = pending();
    const filled = config && withSurveyTemplate(config, page.report());
    if (!filled) return;
    json.value = configFileText(filled);
    say('settingsTemplateFilled');
  });
  reportChanged();

  $('#settings-apply').addEventListener('click', () => {
    const config = pending();
    if (config) page.apply(config, 'settingsApplied');
  });
  $('#settings-reset').addEventListener('click', () => {
    show({});
    page.apply({}, 'settingsReset');
  });
  $('#settings-download').addEventListener('click', () => {
    const config = pending();
    if (config) download('ascolto-impostazioni.json', new Blob([configFileText(config)], { type: 'application/json' }));
  });
  $('#settings-file').addEventListener('change', async (event) => {
    const [file] = event.target.files;
    event.target.value = '';
    if (!file) return;
    try {
      const config = configFromFile(await file.text());
      show(config);
      page.apply(config, 'settingsLoaded');
    } catch (error) {
      say(`settingsErrors.${error.code ?? 'file_not_json'}`, { error: true });
    }
  });
  $('#settings-link').addEventListener('click', async () => {
    const config = pending();
    if (!config) return;
    const output = $('#settings-link-output');
    output.value = configLink(location.href, config);
    output.hidden = false;
    output.select();
    try {
      await navigator.clipboard.writeText(output.value);
      say('settingsLinkCopied');
    } catch {
      say('settingsLinkReady'); // no clipboard (file://, permissions): the link is selected to copy
    }
  });

  return { show, say, reportChanged, relabel: () => say(said.key, { error: said.error }) };
}
