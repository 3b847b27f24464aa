// Renders the media-monitoring report: crisis alerts first (with the items
// behind them), weekly items by outlet type, the negative share with the
// alerts marked, items by outlet type and the most frequent sources.
import { negativeShareOption, weeklyItemsOption } from './charts/media-charts.js';
import { termBarsOption } from './charts/feedback-charts.js';
import { h } from './dom.js';
import { formatCount, formatNumber, formatPercent } from './format.js';
import { chartCard } from './view-parts.js';

function alertsCard(media, { t, lang }) {
  if (!media.alerts.length) return null;
  return h('section', { className: 'card alerts' }, [
    h('h3', {}, t('crisisAlerts', { n: media.alerts.length })),
    h('ul', {}, media.alerts.slice(0, 8).map((a) => h('li', {}, [
      h('strong', {}, `${t('weekOf', { week: a.week })}: `),
      t('crisisText', { count: formatCount(lang, a.count), mean: formatNumber(lang, a.baseline_mean, 1), z: formatNumber(lang, a.z, 1) }),
      // Cells carry no items: the aggregated card says so, no empty list here.
      a.items.length ? h('ul', {}, a.items.map((item) => h('li', {}, `${item.date} · ${item.source ?? '—'} · ${item.title ?? ''}`))) : null,
    ]))),
    h('p', { className: 'note' }, t('crisisRule')),
  ]);
}

/** The media part of one dataset's report. */
export function mediaSection(dataset, context) {
  const { t, lang } = context;
  const m = dataset.media;
  const typesTable = h('table', { className: 'data-table' }, [
    h('caption', {}, t('byOutletType')),
    h('thead', {}, h('tr', {}, [t('outletType'), t('newsItems')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, m.outlet_types.map((o) => h('tr', {}, [h('th', { scope: 'row' }, o.value), h('td', { className: 'num' }, formatCount(lang, o.items))]))),
  ]);
  const cards = [
    chartCard(context, { title: t('weeklyItemsTitle'), wide: true, height: 300, option: () => weeklyItemsOption(m, context), table: typesTable }),
    m.negative ? chartCard(context, {
      title: t('negativeTitle'), wide: true, height: 280,
      lines: [h('p', { className: 'note' }, t('negativeNote', {
        share: formatPercent(lang, m.negative.share),
        n: formatCount(lang, m.negative.items),
        source: m.sentiment_sources?.computed
          ? t('sentimentComputed', { computed: formatCount(lang, m.sentiment_sources.computed), vendor: formatCount(lang, m.sentiment_sources.vendor), undetermined: formatCount(lang, m.sentiment_sources.undetermined) })
          : t('sentimentVendor'),
      })), m.sentiment_sources?.computed ? h('p', { className: 'note licences' }, t('sourcesAndLicences')) : null],
      option: () => negativeShareOption(m, context),
    }) : null,
    m.sources.length ? chartCard(context, {
      title: t('topSources'), height: Math.max(200, m.sources.length * 22 + 30),
      option: () => termBarsOption(m.sources.map((s) => ({ term: s.value, count: s.items })), { lang, title: t('topSources'), description: t('termsDescription', { title: t('topSources') }) }),
    }) : null,
  ];
  return h('section', { className: 'media', 'aria-label': t('mediaSection') }, [
    alertsCard(m, context),
    h('section', { className: 'card' }, [
      h('h3', {}, t('mediaSection')),
      h('p', { className: 'note' }, `${t('newsItemsCount', { n: formatCount(lang, m.items) })} ${m.negative ? '' : t('noSentiment')}`),
      h('div', { className: 'ratings' }, cards.filter(Boolean)),
    ]),
  ]);
}
