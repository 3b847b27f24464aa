// The user's settings: the analysis configuration (the same JSON object as
// the CLI's --config, see README "Configuration") plus reading preferences
// (language, decal patterns). Kept in the browser between visits, saved to
// and read from a file, and carried by a link in its #fragment (never sent
// to a server). Only settings travel: nothing here ever holds a row of data.
// Pure functions, tested in node; the storage is passed in.

import { base64ToBytes } from './export.js';
import { LANGUAGES } from './i18n.js';

export const STORAGE_KEY = 'ascolto.settings';
const LINK_PARAMETER = 'config';

/** The roles a user may give a column (README "Configuration"); '' = as detected. */
export const SETTABLE_ROLES = ['rating', 'weight', 'date', 'period', 'application', 'channel', 'dimension',
  'comment', 'identifier', 'territory', 'count', 'none'];

export const DEFAULT_SETTINGS = Object.freeze({ config: {}, patterns: false, lang: null });

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The settings kept in `storage` (localStorage), or the defaults when none or unreadable. */
export function readSettings(storage) {
  let stored = null;
  try {
    stored = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    stored = null; // a damaged entry is ignored, not fatal
  }
  if (!isPlainObject(stored)) return { ...DEFAULT_SETTINGS };
  return {
    config: isPlainObject(stored.config) ? stored.config : {},
    patterns: stored.patterns === true,
    lang: LANGUAGES.includes(stored.lang) ? stored.lang : null,
  };
}

/** Keeps the settings in `storage`; false when the browser refuses (private mode, quota). */
export function writeSettings(storage, settings) {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify({ version: 1, ...settings }));
    return true;
  } catch {
    return false;
  }
}

function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  return new TextDecoder('utf-8', { fatal: true }).decode(base64ToBytes(text.replaceAll('-', '+').replaceAll('_', '/')));
}

/** A link to `pageUrl` (its query kept: ?lang, ?app) carrying `config` in its fragment. */
export function configLink(pageUrl, config) {
  const url = new URL(pageUrl);
  url.hash = `${LINK_PARAMETER}=${toBase64Url(JSON.stringify(config))}`;
  return url.href;
}

/**
 * The configuration carried by a link's fragment ("#config=..."): null when
 * the fragment carries none; throws a SettingsError when it is damaged.
 */
export function configFromFragment(fragment) {
  const parameters = new URLSearchParams(String(fragment ?? '').replace(/^#/, ''));
  const encoded = parameters.get(LINK_PARAMETER);
  if (encoded === null) return null;
  let config;
  try {
    config = JSON.parse(fromBase64Url(encoded));
  } catch {
    throw new SettingsError('link_damaged');
  }
  if (!isPlainObject(config)) throw new SettingsError('link_damaged');
  return config;
}

export class SettingsError extends Error {
  constructor(code) {
    super(code);
    this.code = code;
  }
}

/**
 * The configuration in a settings file: the configuration object itself (as
 * the CLI's --config takes it). Throws a SettingsError with a code.
 */
export function configFromFile(text) {
  let value;
  try {
    value = JSON.parse(String(text).replace(/^\uFEFF/, ''));
  } catch {
    throw new SettingsError('file_not_json');
  }
  if (!isPlainObject(value)) throw new SettingsError('file_not_object');
  return value;
}

/** The configuration as the file the user downloads: indented, readable, loadable by --config. */
export function configFileText(config) {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * A copy of `config` with the value at `path` (["survey", "significance"])
 * set, or removed when `value` is '' / null / undefined; objects left empty
 * are removed too, so that "as detected" leaves no trace.
 */
export function withSetting(config, path, value) {
  const copy = structuredClone(config ?? {});
  const parents = [copy];
  for (const key of path.slice(0, -1)) {
    const parent = parents.at(-1);
    if (!isPlainObject(parent[key])) parent[key] = {};
    parents.push(parent[key]);
  }
  const last = path.at(-1);
  if (value === '' || value === null || value === undefined) delete parents.at(-1)[last];
  else parents.at(-1)[last] = value;
  for (let i = path.length - 1; i > 0; i--) {
    if (Object.keys(parents[i]).length === 0) delete parents[i - 1][path[i - 1]];
  }
  return copy;
}

/** A copy of `config` where `column` has `role` ('' = as detected). */
export function withColumnRole(config, column, role) {
  if (role && !SETTABLE_ROLES.includes(role)) throw new SettingsError('unknown_role');
  return withSetting(config, ['columns', column, 'role'], role);
}

/** The role configured for `column`, or '' when it is left to detection. */
export function configuredRole(config, column) {
  return config?.columns?.[column]?.role ?? '';
}

/**
 * A starting point for the survey settings that are tedious to type: the
 * indices as detected, and raking margins with the sample's own shares of
 * each profile column (the analyst replaces them with the population's).
 * Settings already written are kept. Null when no dataset is a survey.
 */
export function withSurveyTemplate(config, report) {
  const survey = report?.datasets?.find((d) => d.survey)?.survey;
  if (!survey) return null;
  const indices = (survey.indices ?? []).map(({ name, items, weights, min_answered: minAnswered }) => (
    { name, items, weights, min_answered: minAnswered }));
  const margins = Object.fromEntries((survey.profile ?? [])
    .map((p) => [p.column, Object.fromEntries(p.categories
      .filter((c) => Number.isFinite(c.share?.value))
      .map((c) => [c.value, Math.round(c.share.value * 1e4) / 1e4]))])
    .filter(([, shares]) => Object.keys(shares).length > 1));
  let out = structuredClone(config ?? {});
  if (indices.length && !out.survey?.indices) out = withSetting(out, ['survey', 'indices'], indices);
  if (Object.keys(margins).length && !out.survey?.raking) out = withSetting(out, ['survey', 'raking', 'margins'], margins);
  return out;
}
