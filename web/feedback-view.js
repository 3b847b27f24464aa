// Renders the feedback dashboard: alerts first, then filters (application,
// device, period, granularity) that ask the core again from the tables in
// memory, KPI tiles (against all applications in the owner's view), the
// fair ranking, distributions, the trend with alert markers, devices, what
// the comments say, and the comments explorer. File text is text only.
import { disposeDetachedCharts, drawWhenVisible } from './chart-draw.js';
import { estimateBarsOption, estimateRows } from './charts/estimate-bars.js';
import { negativeCommentsOption, sentimentWeeks, stackedDistributionOption, termBarsOption, trendOption, distributionItems } from './charts/feedback-charts.js';
import { h } from './dom.js';
import { withScaleBoxes } from './i18n.js';
import { territorySection } from './territory-view.js';
import { formatCount, formatDay, formatEstimate, formatNumber, formatPercent } from './format.js';
import { cardGroup, chartCard, estimateTable, rankNote } from './view-parts.js';

const PAGE_SIZE = 20;

function alertText(alert, { t, lang }) {
  const application = alert.application ?? t('allApplications');
  const week = formatDay(lang, alert.week);
  const value = alert.kind === 'drop' ? formatNumber(lang, alert.value) : formatPercent(lang, alert.value);
  const baseline = alert.kind === 'drop' ? formatNumber(lang, alert.baseline) : formatPercent(lang, alert.baseline);
  return t(`alertTexts.${alert.kind}`, {
    application, week, value, baseline, n: formatCount(lang, alert.count),
    baselineN: formatCount(lang, alert.baseline_count), z: formatNumber(lang, alert.z, 1),
  });
}

function alertsCard(feedback, context) {
  const { t } = context;
  if (!feedback.alerts?.length) return null;
  return h('section', { className: 'card alerts', 'aria-labelledby': 'alerts-title' }, [
    h('h3', { id: 'alerts-title' }, t('alertsTitle', { n: feedback.alerts.length })),
    h('ul', {}, feedback.alerts.slice(0, 12).map((a) => h('li', { className: a.kind }, [
      h('strong', {}, `${t(`alertKinds.${a.kind}`)}: `), alertText(a, context),
    ]))),
    h('p', { className: 'note' }, t('alertRule')),
  ]);
}

function tile(label, value, reference) {
  return h('div', { className: 'tile' }, [
    h('span', { className: 'tile-label' }, label),
    h('strong', { className: 'tile-value' }, value ?? '—'),
    reference ? h('span', { className: 'tile-reference' }, reference) : null,
  ]);
}

function kpiTiles(feedback, context) {
  const { t, lang } = context;
  const o = feedback.overall;
  const ref = feedback.reference;
  const value = (e, percent) => (e && !e.suppressed ? (percent ? formatPercent(lang, e.value) : formatNumber(lang, e.value)) : null);
  const versus = (e, percent) => (ref ? t('versusAll', { value: value(e, percent) ?? '—' }) : null);
  return h('div', { className: 'tiles' }, [
    tile(t('feedbacks'), formatCount(lang, o.count), ref ? t('versusAll', { value: formatCount(lang, ref.count) }) : null),
    tile(t('mean'), formatEstimate(lang, o.mean, t), versus(ref?.mean)),
    tile(t('top2'), value(o.top2, true), versus(ref?.top2, true)),
    tile(t('bottom2'), value(o.bottom2, true), versus(ref?.bottom2, true)),
  ]);
}

function rankingCard(feedback, context) {
  const { t, lang } = context;
  const r = feedback.ranking;
  if (!r) return null;
  // Each application's rank with its 95% interval: "1st" may be worth "1st to 9th".
  const certain = (i) => i.rank_ci95 && i.rank_ci95[0] === i.rank_ci95[1];
  const rankText = (i) => (!i.rank_ci95 || certain(i) ? String(i.adjusted_rank)
    : t('rankWithInterval', { rank: i.adjusted_rank, low: i.rank_ci95[0], high: i.rank_ci95[1] }));
  const rows = r.items.map((i) => ({
    label: !i.rank_ci95 ? i.value : `${i.value} · ${rankNote(t, i.rank_ci95)}`,
    value: i.adjusted, low: i.adjusted_ci95[0], high: i.adjusted_ci95[1], n: i.count, lowBase: Boolean(i.low_base),
  }));
  const table = h('table', { className: 'data-table' }, [
    h('caption', {}, t('rankingTitle')),
    h('thead', {}, h('tr', {}, [t('application'), 'n', t('rawMean'), t('rawRank'), t('adjustedMean'), t('ci95'), t('adjustedRank')]
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, r.items.map((i) => h('tr', {}, [
      h('th', { scope: 'row' }, i.value),
      h('td', { className: 'num' }, formatCount(lang, i.count)),
      h('td', { className: 'num' }, formatNumber(lang, i.raw)),
      h('td', { className: 'num' }, String(i.raw_rank)),
      h('td', { className: 'num' }, formatNumber(lang, i.adjusted)),
      h('td', { className: 'num' }, `${formatNumber(lang, i.adjusted_ci95[0])}–${formatNumber(lang, i.adjusted_ci95[1])}`),
      h('td', { className: 'num' }, rankText(i)),
    ]))),
  ]);
  const strength = r.prior_strength === null ? t('noSpread') : t('priorStrength', { m: formatNumber(lang, r.prior_strength, 0), mean: formatNumber(lang, r.prior_mean) });
  return chartCard(context, {
    title: t('rankingTitle'), wide: true, height: Math.max(220, rows.length * 28 + 40),
    lines: [h('p', { className: 'note' }, `${t('rankingNote')} ${strength}`)],
    option: () => estimateBarsOption(rows, { ...context, title: t('rankingTitle'), description: t('barsDescription', { title: t('rankingTitle') }), horizontal: true, scale: [feedback.scale.min, feedback.scale.max] }),
    table,
  });
}

function distributionCard(feedback, context) {
  const { t, lang } = context;
  const items = distributionItems(feedback.applications ?? []);
  if (items.length < 1) return null;
  const levels = feedback.distribution_levels ?? items[0].distribution.map((_, i) => feedback.scale.min + i);
  const table = h('table', { className: 'data-table' }, [
    h('caption', {}, t('distributionByApp')),
    h('thead', {}, h('tr', {}, [t('application'), ...levels.map(String), 'n'].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, items.map((a) => h('tr', {}, [
      h('th', { scope: 'row' }, a.value),
      ...a.distribution.map((c) => h('td', { className: 'num' }, formatPercent(lang, c / a.count))),
      h('td', { className: 'num' }, formatCount(lang, a.count)),
    ]))),
  ]);
  return chartCard(context, {
    title: t('distributionByApp'), wide: true, height: Math.max(200, items.length * 28 + 60),
    option: () => stackedDistributionOption(items, feedback.scale, context),
    table,
  });
}

function trendCard(feedback, context) {
  const { t, lang } = context;
  const trend = feedback.trend;
  if (!trend?.periods?.length) return null;
  const table = h('table', { className: 'data-table' }, [
    h('caption', {}, t('trendTitle')),
    h('thead', {}, h('tr', {}, [t('period'), 'n', t('mean'), t('rollingMean'), t('bottom2')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, trend.periods.map((p) => h('tr', {}, [
      h('th', { scope: 'row' }, p.start),
      h('td', { className: 'num' }, formatCount(lang, p.count)),
      h('td', { className: 'num' }, p.mean && !p.mean.suppressed ? formatNumber(lang, p.mean.value) : '—'),
      h('td', { className: 'num' }, formatNumber(lang, p.rolling_mean)),
      h('td', { className: 'num' }, formatPercent(lang, p.bottom2_share)),
    ]))),
  ]);
  return chartCard(context, {
    title: t('trendTitle'), wide: true, height: 320,
    lines: [h('p', { className: 'note' }, t('trendNote', { granularity: t(`granularities.${trend.granularity}`), rolling: trend.rolling.periods, min: context.minBase }))],
    option: () => trendOption(trend, feedback.alerts ?? [], context),
    table,
  });
}

function devicesCard(feedback, context) {
  const { t } = context;
  if (!feedback.devices?.length) return null;
  const rows = estimateRows(feedback.devices.map((d) => [d.value, d.mean]));
  if (!rows.length) return null;
  return chartCard(context, {
    title: t('byDevice'),
    option: () => estimateBarsOption(rows, { ...context, title: t('byDevice'), description: t('barsDescription', { title: t('byDevice') }), scale: [feedback.scale.min, feedback.scale.max] }),
    table: estimateTable(context, { caption: t('byDevice'), rows }),
  });
}

function termCard(context, title, terms, valueKey = 'count') {
  if (!terms?.length) return null;
  const { t, lang } = context;
  const table = h('table', { className: 'data-table' }, [
    h('caption', {}, title),
    h('thead', {}, h('tr', {}, [t('term'), t('count')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, terms.map((x) => h('tr', {}, [h('th', { scope: 'row' }, x.term), h('td', { className: 'num' }, formatCount(lang, x[valueKey]))]))),
  ]);
  return chartCard(context, {
    title, height: Math.max(200, terms.length * 22 + 30),
    option: () => termBarsOption(terms, { lang, title, description: t('termsDescription', { title }), valueKey }),
    table,
  });
}

// The comments' sentiment: how it was found and how accurate it is, in
// words; the negative share by application; comments that contradict their
// rating; the unrated ones.
function sentimentCard(sentiment, context) {
  const { t, lang } = context;
  if (!sentiment) return null;
  const accuracy = sentiment.method === 'model' ? sentiment.model.accuracy : sentiment.lexicon.accuracy_on_rated;
  const f1 = accuracy?.macro_f1 ?? 0;
  const rated = sentiment.model.rated.negative + sentiment.model.rated.positive;
  const method = t(sentiment.method === 'model' ? 'sentimentModel' : 'sentimentLexicon', {
    n: formatCount(lang, rated), k: formatNumber(lang, Math.round(f1 * 10), 0), f1: formatNumber(lang, f1, 2),
  });
  const labels = sentiment.labels;
  const determined = labels.negative + labels.neutral + labels.positive;
  const shares = (sentiment.by_application ?? []).filter((a) => !a.suppressed);
  const table = shares.length ? h('table', { className: 'data-table' }, [
    h('caption', {}, t('sentimentByApplication')),
    h('thead', {}, h('tr', {}, [t('application'), t('commentsHeader'), t('share')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, [...shares].sort((a, b) => b.share - a.share).map((a) => h('tr', {}, [
      h('th', { scope: 'row' }, a.application), h('td', { className: 'num' }, formatCount(lang, a.comments)),
      h('td', { className: 'num' }, formatPercent(lang, a.share)),
    ]))),
  ]) : null;
  const disagree = sentiment.disagreement;
  const weeks = sentimentWeeks(sentiment);
  const weekly = weeks.length > 1 ? chartCard(context, {
    title: t('negativeCommentsTitle'),
    option: () => negativeCommentsOption(sentiment, context),
    table: h('table', { className: 'data-table' }, [
      h('caption', {}, t('negativeCommentsTitle')),
      h('thead', {}, h('tr', {}, [t('week'), t('commentsHeader'), t('share')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, weeks.map((w) => h('tr', {}, [
        h('th', { scope: 'row' }, w.week), h('td', { className: 'num' }, formatCount(lang, w.comments)),
        h('td', { className: 'num' }, formatPercent(lang, w.share)),
      ]))),
    ]),
  }) : null;
  return h('section', { className: 'card sentiment' }, [
    h('h3', {}, t('sentimentTitle')),
    h('p', { className: 'note' }, method),
    sentiment.negative_share === null ? null
      : h('p', {}, t('sentimentNegativeShare', { share: formatPercent(lang, sentiment.negative_share), n: formatCount(lang, determined) })),
    weekly,
    table,
    disagree.comments ? h('p', {}, t('sentimentDisagree', { n: formatCount(lang, disagree.comments) })) : null,
    disagree.examples.length ? h('ul', { className: 'examples' }, disagree.examples.map((e) =>
      h('li', {}, `${e.rating} — ${e.text}`))) : null,
    sentiment.unrated.comments ? h('p', {}, t('sentimentUnrated', {
      n: formatCount(lang, sentiment.unrated.comments), neg: formatCount(lang, sentiment.unrated.negative), pos: formatCount(lang, sentiment.unrated.positive),
    })) : null,
    h('p', { className: 'note licences' }, t('sourcesAndLicences')),
  ]);
}

function textCards(feedback, context) {
  const { t, lang } = context;
  const text = feedback.text;
  if (!text) return [];
  const p = text.personal_data;
  const intro = h('p', { className: 'note' }, [
    t('commentsCount', { n: formatCount(lang, text.comments) }), ' ',
    p.comments ? t('personalData', { n: formatCount(lang, p.comments), email: p.email, phone: p.phone, iban: p.iban, cf: p.tax_code }) : '',
  ]);
  if (text.suppressed) return [intro, h('p', {}, t('textSuppressed'))];
  return [
    intro,
    sentimentCard(text.sentiment, context),
    h('div', { className: 'ratings' }, [
      termCard(context, t('frequentTerms'), text.terms),
      termCard(context, t('frequentBigrams'), text.bigrams),
      termCard(context, t('keyLow'), text.keyness?.low, 'low'),
      termCard(context, t('keyHigh'), text.keyness?.high, 'high'),
    ].filter(Boolean)),
  ];
}

// The comments explorer: filters by rating and word, paged, always text.
function commentsExplorer(filter, scale, context) {
  const { t, lang } = context;
  const points = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  const rating = h('select', { id: 'comment-rating' }, [h('option', { value: '' }, t('allRatingsOption')),
    ...points.map((r) => h('option', { value: String(r) }, String(r)))]);
  const word = h('input', { id: 'comment-word', type: 'search', placeholder: t('wordPlaceholder') });
  const mood = h('select', { id: 'comment-sentiment' }, [h('option', { value: '' }, t('allSentiments')),
    ...['negative', 'neutral', 'positive', 'undetermined'].map((s) => h('option', { value: s }, t(`sentimentLabels.${s}`)))]);
  const summary = h('p', { className: 'note', id: 'comments-summary', 'aria-live': 'polite' });
  const list = h('div', { className: 'table-scroll' });
  const previous = h('button', { type: 'button', className: 'button' }, t('previousPage'));
  const next = h('button', { type: 'button', className: 'button' }, t('nextPage'));
  let offset = 0;
  const load = async () => {
    const request = { ...filter, offset, limit: PAGE_SIZE };
    if (rating.value) request.rating = Number(rating.value);
    if (word.value.trim()) request.word = word.value.trim();
    if (mood.value) request.sentiment = mood.value;
    const answer = await context.query({ comments: request });
    const page = answer.views.find((v) => v.dataset === context.datasetName)?.comments;
    if (!page) return;
    summary.textContent = page.suppressed
      ? t('commentsWithheld', { n: formatCount(lang, page.total) })
      : t('commentsShown', { from: formatCount(lang, page.total ? offset + 1 : 0), to: formatCount(lang, Math.min(offset + PAGE_SIZE, page.total)), n: formatCount(lang, page.total) });
    previous.disabled = offset === 0;
    next.disabled = offset + PAGE_SIZE >= page.total || page.suppressed;
    list.replaceChildren(h('table', { className: 'comments' }, [
      h('thead', {}, h('tr', {}, [t('date'), t('application'), t('level'), t('sentimentColumn'), t('comment')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, page.comments.map((c) => h('tr', {}, [
        h('td', {}, c.date ?? '—'), h('td', {}, c.application ?? '—'), h('td', { className: 'num' }, String(c.rating)),
        h('td', {}, c.sentiment ? t(`sentimentLabels.${c.sentiment}`) : '—'),
        h('td', { className: 'comment-text' }, c.text),
      ]))),
    ]));
  };
  const search = () => {
    offset = 0;
    load();
  };
  rating.addEventListener('change', search);
  mood.addEventListener('change', search);
  const form = h('form', { className: 'inline-form' }, [
    h('label', { for: 'comment-rating' }, t('level')), rating,
    h('label', { for: 'comment-sentiment' }, t('sentimentColumn')), mood,
    h('label', { for: 'comment-word' }, t('word')), word,
    h('button', { type: 'submit', className: 'button primary' }, t('search')),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search();
  });
  previous.addEventListener('click', () => { offset = Math.max(0, offset - PAGE_SIZE); load(); });
  next.addEventListener('click', () => { offset += PAGE_SIZE; load(); });
  load();
  return h('section', { className: 'card' }, [h('h3', {}, t('commentsExplorer')), form, summary, list, h('p', { className: 'pager' }, [previous, ' ', next])]);
}

function body(feedback, filter, context) {
  const charts = [];
  // Every string that names the top or bottom box ("Quota 4-5") names this scale's.
  const t = withScaleBoxes(context.t, feedback.scale);
  const local = { ...context, t, charts };
  const content = [
    alertsCard(feedback, local),
    kpiTiles(feedback, local),
    cardGroup(t('applicationsSection'), [rankingCard(feedback, local), distributionCard(feedback, local), devicesCard(feedback, local)]),
    cardGroup(t('trendSection'), [trendCard(feedback, local)]),
    territorySection(feedback.territory, local),
    feedback.text ? h('section', { className: 'card' }, [h('h3', {}, t('commentsSection')), ...textCards(feedback, local)]) : null,
    // Cells carry no texts: said where the comments would be, not left blank.
    !feedback.text && context.aggregated ? h('section', { className: 'card' }, [h('h3', {}, t('commentsSection')), h('p', { className: 'note' }, t('commentsUnavailable'))]) : null,
    feedback.text && context.query ? commentsExplorer(filter, feedback.scale, local) : null,
  ];
  return { content, charts };
}

/** The feedback part of one dataset's report, with its filters. */
export function feedbackSection(dataset, context) {
  const { t } = context;
  const full = dataset.feedback;
  const apps = (full.applications ?? []).map((a) => a.value);
  const devices = (full.devices ?? []).map((d) => d.value);
  const select = (id, label, values, all) => [
    h('label', { for: id }, label),
    h('select', { id }, [h('option', { value: '' }, all), ...values.map((v) => h('option', { value: v }, v))]),
  ];
  const [appLabel, appSelect] = select('filter-application', t('application'), apps, t('allApplications'));
  const [deviceLabel, deviceSelect] = select('filter-device', t('device'), devices, t('allDevices'));
  const from = h('input', { id: 'filter-from', type: 'date', min: full.dates?.first, max: full.dates?.last });
  const to = h('input', { id: 'filter-to', type: 'date', min: full.dates?.first, max: full.dates?.last });
  const granularity = h('select', { id: 'filter-granularity' }, ['auto', 'day', 'week', 'month']
    .map((g) => h('option', { value: g }, t(`granularities.${g}`))));
  const status = h('p', { className: 'note', 'aria-live': 'polite' });
  const holder = h('div', { className: 'feedback-body' });
  const local = { ...context, datasetName: dataset.name, aggregated: dataset.aggregated };
  const show = (feedback, filter) => {
    const { content, charts } = body(feedback, filter, local);
    holder.replaceChildren(...content.filter(Boolean));
    disposeDetachedCharts();
    drawWhenVisible(charts);
  };
  const currentFilter = () => {
    const filter = {};
    if (appSelect.value) filter.application = appSelect.value;
    if (deviceSelect.value) filter.device = deviceSelect.value;
    if (from.value) filter.from = from.value;
    if (to.value) filter.to = to.value;
    return filter;
  };
  const refresh = async () => {
    const filter = currentFilter();
    const started = performance.now();
    const answer = await context.query({ feedback: { ...filter, granularity: granularity.value } });
    const feedback = answer.views.find((v) => v.dataset === dataset.name)?.feedback;
    if (!feedback) return;
    status.textContent = t('recomputed', { ms: formatNumber(context.lang, performance.now() - started, 0) });
    show(feedback, filter);
  };
  // A filter shows only when its column exists (a file without devices has no device filter).
  const controls = context.query ? h('form', { className: 'inline-form filters' }, [
    ...(apps.length ? [appLabel, appSelect] : []),
    ...(devices.length ? [deviceLabel, deviceSelect] : []),
    ...(full.dates ? [h('label', { for: 'filter-from' }, t('from')), from, h('label', { for: 'filter-to' }, t('to')), to] : []),
    h('label', { for: 'filter-granularity' }, t('granularity')), granularity,
  ]) : null;
  for (const control of [appSelect, deviceSelect, from, to, granularity]) control.addEventListener('change', refresh);
  controls?.addEventListener('submit', (event) => event.preventDefault());
  // The owner's view: ?app= picks the application at once.
  const owner = context.application && apps.includes(context.application) && context.query;
  if (owner) {
    appSelect.value = context.application;
    queueMicrotask(refresh);
  }
  const { content, charts } = body(full, {}, local);
  holder.replaceChildren(...content.filter(Boolean));
  context.charts.push(...charts);
  return h('section', { className: 'feedback', 'aria-label': t('feedbackSection') }, [
    h('section', { className: 'card' }, [h('h3', {}, t('feedbackSection')), controls, status]),
    holder,
  ]);
}
