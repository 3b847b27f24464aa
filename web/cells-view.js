// Cells (a file reduced by the agency's own engine, README "Dati troppo
// grandi per il browser"): the card that says what the report stands for
// and names what aggregated data cannot carry, and the panel that gives
// the reduction query for a sample's columns, to copy.
import { h } from './dom.js';
import { formatCount } from './format.js';

const DIALECTS = ['duckdb', 'postgres', 'spark', 'bigquery', 'clickhouse', 'trino'];
const DIALECT_NAMES = { duckdb: 'DuckDB', postgres: 'PostgreSQL', spark: 'Spark SQL', bigquery: 'BigQuery', clickhouse: 'ClickHouse', trino: 'Trino' };

/** What a part the cells cannot carry is, in the user's language (the core's reason otherwise). */
export function unavailableText(t, item) {
  const key = `unavailable.${item.part}`;
  const known = t(key);
  return known === key ? `${item.part}: ${item.reason}` : known;
}

/** The "aggregated data" card of a cells dataset, or null for microdata. */
export function aggregatedCard(dataset, { t, lang }) {
  const a = dataset.aggregated;
  if (!a) return null;
  return h('section', { className: 'card aggregated', 'aria-label': t('aggregatedTitle') }, [
    h('h3', {}, t('aggregatedTitle')),
    h('p', {}, t('aggregatedFacts', {
      cells: formatCount(lang, a.cells), records: formatCount(lang, a.records), format: a.format, column: a.count_column,
    })),
    h('p', {}, t('aggregatedMissing')),
    h('ul', {}, a.unavailable.map((item) => h('li', {}, unavailableText(t, item)))),
  ]);
}

const REDUCED_KINDS = ['feedback', 'survey', 'volumes', 'media'];

/** The reduction query for this dataset's columns, per engine, with a copy button. */
export function reductionPanel(dataset, { t, query, reduction }) {
  const kind = dataset.kind?.value;
  if (!reduction || !query || dataset.aggregated || !REDUCED_KINDS.includes(kind)) return null;
  const id = (name) => `sql-${name}-${dataset.id ?? ''}`;
  const dialect = h('select', { id: id('dialect') }, DIALECTS.map((d) => h('option', { value: d }, DIALECT_NAMES[d])));
  const table = h('input', { id: id('table'), type: 'text', value: kind, spellcheck: 'false' });
  const zone = h('input', { id: id('zone'), type: 'checkbox' });
  const text = h('pre', { className: 'sql-query' });
  const status = h('p', { className: 'note', 'aria-live': 'polite' });
  const copy = h('button', { type: 'button', className: 'button' }, t('sqlCopy'));
  const update = async () => {
    const answer = await query({ sql: { kind, dialect: dialect.value, table: table.value || kind, time_zone: zone.checked ? 'Europe/Rome' : '' } });
    const mine = answer.sql?.find((q) => q.dataset === dataset.name);
    text.textContent = mine?.query ?? mine?.error?.message ?? '';
  };
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text.textContent);
      status.textContent = t('sqlCopied');
    } catch {
      getSelection()?.selectAllChildren(text); // no clipboard (file://, permissions): selected to copy
    }
  });
  for (const control of [dialect, table, zone]) control.addEventListener('change', update);
  update();
  return h('details', { className: 'card reduction' }, [
    h('summary', {}, t('sqlTitle')),
    h('p', { className: 'note' }, t(`sqlNote.${kind}`)),
    h('form', { className: 'inline-form' }, [
      h('label', { for: id('dialect') }, t('sqlDialect')), dialect,
      h('label', { for: id('table') }, t('sqlTable')), table,
      h('label', { for: id('zone') }, [zone, ' ', t('sqlTimeZone')]),
    ]),
    text, copy, status,
  ]);
}
