// Renders report JSON into the page: how each file was read, its columns,
// and one chart per rating column.
import { disposeChartsIn, drawWhenVisible } from './chart-draw.js';
import { categoryCountsOption, categoryRows } from './charts/category-counts.js';
import { ratingDistributionOption, distributionRows } from './charts/rating-distribution.js';
import { h } from './dom.js';
import { fileLine, formatCount, formatEstimate, formatNumber, formatPercent } from './format.js';
import { errorMessage, warningMessage, withScaleBoxes } from './i18n.js';
import { feedbackSection } from './feedback-view.js';
import { surveySection } from './survey-view.js';
import { volumesSection } from './volumes-view.js';
import { mediaSection } from './media-view.js';
import { SETTABLE_ROLES } from './settings.js';
import { chartCard } from './view-parts.js';
import { workbookCards } from './workbook-view.js';
import { combinedSintesiCard, sintesiCard } from './sintesi-view.js';
import { aggregatedCard, reductionPanel } from './cells-view.js';

function definitionList(pairs) {
  return h('dl', { className: 'facts' }, pairs.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

// Lines above the header or below the data that were skipped: how many,
// and the first one's text (shown as text, never markup).
function skippedLines(label, part, { t, lang }) {
  if (!part?.lines) return [];
  const first = part.first ? ` (${t('firstSkipped')}: «${part.first}»)` : '';
  return [[label, `${formatCount(lang, part.lines)}${first}`]];
}

// A spreadsheet column's letters (0 -> A, 27 -> AB).
function columnLetters(index) {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

// How a workbook's sheet was read: where its table starts, what was
// hidden, merged or an error (a delimiter and line endings it has not).
function sheetFacts(sheet, { t, lang }) {
  const facts = [[t('sheet'), t('sheetFacts', { name: sheet.name, format: sheet.format, first: columnLetters(sheet.first_column) })]];
  if (sheet.hidden_rows + sheet.hidden_columns) facts.push([t('hiddenRead'), `${formatCount(lang, sheet.hidden_rows)} / ${formatCount(lang, sheet.hidden_columns)}`]);
  if (sheet.error_cells) facts.push([t('errorCells'), formatCount(lang, sheet.error_cells)]);
  if (sheet.merged_cells) facts.push([t('mergedCells'), formatCount(lang, sheet.merged_cells)]);
  if (sheet.date_system) facts.push([t('dateSystem'), sheet.date_system]);
  return facts;
}

// How the file was read; `rows` and `file` are those of the report (also
// of a file whose every row was rejected).
function readingFacts(dataset, context) {
  const { t, lang } = context;
  const { file, rows } = dataset;
  const text = [[t('delimiter'), file.delimiter_name], [t('encoding'), file.encoding], [t('lineEnding'), file.line_ending]];
  const layout = file.sheet ? sheetFacts(file.sheet, context)
    : file.format === 'parquet' ? [[t('fileFormat'), t('parquetFormat')]] : text;
  return [
    [t('rowsRead'), formatCount(lang, rows.read)],
    [t('rowsUsed'), formatCount(lang, rows.used)],
    [t('rowsRejected'), formatCount(lang, rows.rejected)],
    ...skippedLines(t('preambleLines'), file.preamble, context),
    ...skippedLines(t('footerLines'), file.footer, context),
    ...layout,
    [t('header'), file.header ? t('yes') : t('no')],
    // Which path read it: one thread (the page's module), or the workers.
    [t('readingThreads'), formatCount(lang, file.threads ?? 1)],
  ];
}

// The files of a dataset read from several of one shape: rows of each, and
// where its lines start in the dataset's numbering (warnings cite those).
function partsTable(dataset, { t, lang }) {
  if (!dataset.parts?.length) return null;
  return h('table', { className: 'data-table' }, [
    h('caption', {}, t('partsTitle')),
    h('thead', {}, h('tr', {}, [t('colName'), t('rowsRead'), t('rowsUsed'), t('rowsRejected'), t('partFirstLine')]
      .map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, dataset.parts.map((part) => h('tr', {}, [
      h('th', { scope: 'row' }, part.name),
      h('td', { className: 'num' }, formatCount(lang, part.rows.read)),
      h('td', { className: 'num' }, formatCount(lang, part.rows.used)),
      h('td', { className: 'num' }, formatCount(lang, part.rows.rejected)),
      h('td', { className: 'num' }, formatCount(lang, part.first_line)),
    ]))),
  ]);
}

function fileFacts(dataset, context) {
  const { t, lang } = context;
  return h('section', { className: 'card', 'aria-labelledby': `${dataset.id}-file` }, [
    h('h3', { id: `${dataset.id}-file` }, t('fileSection')),
    definitionList([
      [t('kind'), t(`kinds.${dataset.kind.value}`)],
      [t('columns'), formatCount(lang, dataset.columns.length)],
      ...readingFacts(dataset, context),
    ]),
    partsTable(dataset, context),
  ]);
}

function warningList(dataset, { t, lang }) {
  if (!dataset.warnings.length) return null;
  return h('section', { className: 'card warnings', 'aria-label': t('warnings') }, [
    h('h3', {}, t('warnings')),
    h('ul', {}, dataset.warnings.map((w) => h('li', {}, [
      h('code', {}, w.code), ' ',
      w.column ? h('strong', {}, w.column) : null, w.column ? ': ' : '',
      `${warningMessage(lang, w)} (${formatCount(lang, w.count)}`,
      w.first_lines.length ? `; ${t('lines')} ${w.first_lines.map((line) => fileLine(lang, dataset.parts, line)).join(', ')}` : '', ')',
    ]))),
  ]);
}

// Columns that look like personal data: named with why, left out of the
// analysis until the user includes them (the page analyses again).
function personalDataCard(dataset, { t, includePersonal }) {
  const found = dataset.personal_data ?? [];
  if (!found.length) return null;
  const include = includePersonal
    ? h('button', { type: 'button', className: 'button' }, t('includePersonal'))
    : null;
  include?.addEventListener('click', () => includePersonal(found.map((c) => c.column)));
  return h('section', { className: 'card personal-data', 'aria-label': t('personalDataTitle') }, [
    h('h3', {}, t('personalDataTitle')),
    h('p', {}, t('personalDataNote')),
    h('ul', {}, found.map((c) => h('li', {}, [h('strong', {}, c.column), `: ${c.reason}`]))),
    include,
  ]);
}

// The role of a column, and where the page allows it a choice of role: the
// choice goes into the settings and the data is analysed again.
function roleCell(column, { t, configuredRole, setColumnRole }) {
  if (!setColumnRole || column.role === 'personal') return h('td', { title: column.role_reason }, t(`roles.${column.role}`));
  const configured = configuredRole(column.name);
  const automatic = configured ? t('settingAuto') : t('roleDetected', { role: t(`roles.${column.role}`) });
  const select = h('select', { 'aria-label': t('roleOf', { name: column.name }), title: column.role_reason }, [
    h('option', { value: '' }, automatic),
    ...SETTABLE_ROLES.map((role) => h('option', { value: role }, role === 'none' ? t('roleNoneChoice') : t(`roles.${role}`))),
  ]);
  select.value = configured;
  select.addEventListener('change', () => setColumnRole(column.name, select.value));
  return h('td', {}, select);
}

function columnTable(dataset, context) {
  const { t, lang } = context;
  // A survey cells file's sums (hundreds) are named in one line, not listed.
  const sums = dataset.columns.filter((c) => c.cell_sum).length;
  return h('section', { className: 'card' }, [
    h('h3', {}, t('columnsSection')),
    h('div', { className: 'table-scroll' }, h('table', { className: 'columns' }, [
      h('thead', {}, h('tr', {}, [t('colName'), t('colType'), t('colRole'), t('colMissing'), t('colInvalid'), t('colSum')]
        .map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, dataset.columns.filter((c) => !c.cell_sum).map((c) => h('tr', {}, [
        h('th', { scope: 'row' }, c.name),
        h('td', { title: c.format ? `${c.type_reason} (${c.format})` : c.type_reason }, t(`types.${c.type}`)),
        roleCell(c, context),
        h('td', { className: 'num' }, formatCount(lang, c.missing)),
        h('td', { className: 'num' }, formatCount(lang, c.invalid)),
        h('td', { className: 'num' }, c.sum === undefined ? '' : Number.isInteger(c.sum) ? formatCount(lang, c.sum) : formatNumber(lang, c.sum)),
      ]))),
    ])),
    sums ? h('p', { className: 'note' }, t('cellSumColumns', { n: formatCount(lang, sums) })) : null,
  ]);
}

function dataTable(rating, { t, lang }) {
  return h('table', { className: 'data-table' }, [
    h('caption', {}, t('distributionOf', { name: rating.column })),
    h('thead', {}, h('tr', {}, [t('level'), t('count'), t('share'), t('ci95')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, distributionRows(rating).map((r) => h('tr', {}, [
      h('th', { scope: 'row' }, r.level),
      h('td', { className: 'num' }, formatCount(lang, r.count)),
      h('td', { className: 'num' }, formatPercent(lang, r.share)),
      h('td', { className: 'num' }, `${formatPercent(lang, r.low)}–${formatPercent(lang, r.high)}`),
    ]))),
  ]);
}

function ratingCard(rating, context) {
  const { t, lang } = context;
  const mean = formatEstimate(lang, rating.mean, t);
  const top2 = formatEstimate(lang, rating.top2, t, { percent: true });
  const notes = [];
  if (rating.weighted) notes.push(t('weighted'));
  if (rating.not_applicable) notes.push(t('notApplicable', { n: formatCount(lang, rating.not_applicable) }));
  if (rating.mean?.low_base) notes.push(t('lowBase'));
  return chartCard(context, {
    title: rating.column,
    lines: [
      h('p', { className: 'kpi' }, [
        h('span', { className: 'kpi-label' }, `${t('mean')} (${rating.scale.min}-${rating.scale.max}): `),
        h('strong', { className: 'kpi-value' }, mean ?? t('suppressed', { min: context.minBase })),
      ]),
      top2 ? h('p', { className: 'kpi secondary' }, `${withScaleBoxes(t, rating.scale)('top2')}: ${top2}`) : null,
      notes.length ? h('p', { className: 'note' }, notes.join(' · ')) : null,
    ],
    option: () => ratingDistributionOption(rating, context),
    table: dataTable(rating, context),
  });
}

// Columns worth a bar chart of their categories: breakdowns, channels,
// applications (not identifiers or free text).
const CATEGORY_ROLES = new Set(['dimension', 'channel', 'application']);
const MAX_CATEGORY_CHARTS = 8;

function categoryCards(dataset, context) {
  const { t, lang } = context;
  const columns = dataset.columns
    .filter((c) => c.type === 'categorical' && CATEGORY_ROLES.has(c.role) && categoryRows(c).length > 0)
    .slice(0, MAX_CATEGORY_CHARTS);
  if (!columns.length) return null;
  return h('section', { className: 'card' }, [
    h('h3', {}, t('categoriesSection')),
    h('div', { className: 'ratings' }, columns.map((column) => {
      const box = h('div', { className: 'chart', role: 'img', 'aria-label': t('categoriesOf', { name: column.name }) });
      context.charts.push([box, () => categoryCountsOption(column, context)]);
      return h('article', { className: 'card rating' }, [
        h('h4', {}, column.name),
        h('p', { className: 'note' }, t('distinctValues', { n: formatCount(lang, column.distinct) })),
        box,
      ]);
    })),
  ]);
}

// A file that could not be analysed: the reason, and when rows were read,
// how (rows and their reasons, the warnings, the file's first lines), so
// that the reader sees what to change.
function errorCard(dataset, context) {
  const { t, lang } = context;
  const { error } = dataset;
  const firstLines = dataset.first_lines?.length
    ? [h('p', {}, t('firstLines')), h('pre', { className: 'first-lines' }, dataset.first_lines.join('\n'))]
    : [];
  return h('section', { className: 'card error', role: 'alert' }, [
    h('h3', {}, t('errorTitle', { name: dataset.name })),
    h('p', {}, errorMessage(lang, error)),
    error.line ? h('p', { className: 'note' }, t('errorLine', { line: formatCount(lang, error.line) })) : null,
    h('p', { className: 'note' }, h('code', {}, error.code)),
    dataset.rows ? definitionList(readingFacts(dataset, context)) : null,
    ...firstLines,
  ]);
}

/** Replaces the content of `container` with the report. */
export function renderReport(container, report, { t, lang, query, application, includePersonal, configuredRole, setColumnRole, pickSheets, reduction }) {
  disposeChartsIn(container);
  const minBase = report.datasets.find((d) => d.disclosure)?.disclosure.min_base ?? 5;
  const context = { t, lang, charts: [], minBase, query, application, includePersonal, configuredRole, setColumnRole, reduction };
  const sections = report.datasets.map((dataset, index) => {
    const id = `dataset-${index}`;
    if (dataset.error) {
      return h('section', { className: 'dataset', id }, [
        h('h2', {}, dataset.name), errorCard(dataset, context), dataset.warnings ? warningList(dataset, context) : null,
      ]);
    }
    const withId = { ...dataset, id };
    const ratings = dataset.ratings.length
      ? h('div', { className: 'ratings' }, dataset.ratings.map((r) => ratingCard(r, context)))
      : h('p', {}, t('noRatings'));
    // A survey gets its own report; its items one by one stay a click away.
    const ratingsCard = h('section', { className: 'card' }, [h('h3', {}, t('ratingsSection')), ratings]);
    const survey = dataset.survey ? surveySection(withId, context) : null;
    const feedback = dataset.feedback ? feedbackSection(withId, context) : null;
    const volumes = dataset.volumes ? volumesSection(withId, context) : null;
    const media = dataset.media ? mediaSection(withId, context) : null;
    return h('section', { className: 'dataset', id, 'aria-labelledby': `${id}-title` }, [
      h('h2', { id: `${id}-title` }, dataset.name),
      sintesiCard(withId, context),
      h('div', { className: 'overview' }, [fileFacts(withId, context), aggregatedCard(withId, context), warningList(withId, context)]),
      personalDataCard(withId, context),
      survey ?? feedback ?? volumes ?? media,
      reductionPanel(withId, context),
      survey || feedback
        ? h('details', { className: 'card' }, [h('summary', {}, t('allRatings')), ratings])
        : ratingsCard,
      survey || feedback ? null : categoryCards(withId, context),
      columnTable(withId, context),
    ]);
  });
  const combined = combinedSintesiCard(report, context);
  container.replaceChildren(...workbookCards(report, { t, pickSheets }), ...(combined ? [combined] : []), ...sections);
  drawWhenVisible(context.charts);
}

export { resizeCharts } from './chart-draw.js';
