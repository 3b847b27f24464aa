// Renders the volumes report: per series the yearly totals (with the
// projection of a partial year and both methods stated), the monthly
// volumes stacked by series, and the mix. Text from the file is text only.
import { calendarOption, monthlyOption, mixOption, ratioOption, yearlyOption } from './charts/volume-charts.js';
import { h } from './dom.js';
import { formatCount, formatLarge, formatPercent, formatUpTo } from './format.js';
import { chartCard } from './view-parts.js';

function formatRatio(lang, value) {
  if (value === undefined || value === null) return '—';
  return value < 1 ? formatPercent(lang, value, 2) : formatUpTo(lang, value);
}

function change(lang, value) {
  if (value === undefined || value === null) return '—';
  return `${value > 0 ? '+' : ''}${formatPercent(lang, value)}`;
}

function yearsTable(series, { t, lang }) {
  return h('table', { className: 'data-table' }, [
    h('caption', {}, series.name),
    h('thead', {}, h('tr', {}, [t('year'), series.kind === 'stock' ? t('yearEnd') : t('total'), t('monthsCovered'), t('yearChange'), t('samePeriodChange'), t('projection')]
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, series.years.map((y) => h('tr', {}, [
      h('th', { scope: 'row' }, String(y.year)),
      h('td', { className: 'num' }, formatCount(lang, y.total)),
      h('td', { className: 'num' }, String(y.months)),
      h('td', { className: 'num' }, change(lang, y.change)),
      h('td', { className: 'num' }, change(lang, y.same_period?.change)),
      h('td', { className: 'num' }, y.projection ? `${formatCount(lang, y.projection.range[0])}–${formatCount(lang, y.projection.range[1])}` : '—'),
    ]))),
  ]);
}

function projectionLines(series, { t, lang }) {
  const lines = [];
  for (const y of series.years) {
    if (y.same_period) {
      lines.push(h('p', { className: 'kpi' }, t('samePeriodText', {
        year: y.year, through: y.same_period.through, previous: y.same_period.previous_year,
        change: change(lang, y.same_period.change),
      })));
    }
    if (y.projection) {
      const p = y.projection;
      lines.push(h('p', { className: 'kpi' }, t('projectionText', {
        year: y.year, runRate: formatLarge(lang, p.run_rate),
        seasonal: p.seasonal === null ? '—' : formatLarge(lang, p.seasonal),
        years: p.seasonal_years.join(', ') || '—',
        low: p.change_range ? change(lang, p.change_range[0]) : '—',
        high: p.change_range ? change(lang, p.change_range[1]) : '—',
      })));
    }
  }
  return lines;
}

// "Sede · in presenza · prenotazioni" in the group "Sede · prenotazioni" reads "in presenza".
function withoutGroup(name, group) {
  const shared = new Set(group.split(' · '));
  const own = name.split(' · ').filter((part) => !shared.has(part));
  return own.length ? own.join(' · ') : name;
}

/** The volumes part of one dataset's report. */
export function volumesSection(dataset, context) {
  const { t } = context;
  const v = dataset.volumes;
  const cards = v.series.slice(0, 24).map((s) => chartCard(context, {
    title: s.name,
    lines: s.kind === 'stock' ? [h('p', { className: 'note' }, t('stockNote')), ...projectionLines(s, context)] : projectionLines(s, context),
    option: () => yearlyOption(s, context),
    table: yearsTable(s, context),
  }));
  // Monthly volumes stacked only where they share a unit: one chart per
  // group of the mix (a touchpoint and metric, or a whole wide table).
  const groupsWithUnit = v.mix.groups.length ? v.mix.groups : v.series.length === 1 ? [{ name: '', series: [v.series[0].name] }] : [];
  const monthly = v.monthly.months.length > 1 ? groupsWithUnit.slice(0, 6).map((group) => chartCard(context, {
    title: group.name ? `${t('monthlyTitle')}: ${group.name}` : t('monthlyTitle'), wide: true, height: 300,
    option: () => monthlyOption({ months: v.monthly.months, series: v.monthly.series.filter((s) => group.series.includes(s.name)) }, context),
  })) : [];
  const mixes = v.mix.groups.slice(0, 8).map((group) => chartCard(context, {
    title: group.name ? `${t('mixTitle')}: ${group.name}` : t('mixTitle'),
    lines: [h('p', { className: 'note' }, t('mixNote'))],
    option: () => mixOption({ ...group, series: group.series.map((name) => withoutGroup(name, group.name)) }, context),
  }));
  // Derived ratios: one card per ratio, across its scopes (touchpoint, platforms).
  const ratioNames = [...new Set(v.ratios.map((r) => r.name))];
  const ratioCards = ratioNames.map((name) => {
    const list = v.ratios.filter((r) => r.name === name);
    const years = [...new Set(list.flatMap((r) => r.years.map((y) => y.year)))];
    const table = h('table', { className: 'data-table' }, [
      h('caption', {}, t(`ratioNames.${name}`)),
      h('thead', {}, h('tr', {}, ['', ...years.map(String)].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, list.map((r) => h('tr', {}, [h('th', { scope: 'row' }, r.scope),
        ...years.map((year) => h('td', { className: 'num' }, formatRatio(context.lang, r.years.find((y) => y.year === year)?.value)))]))),
    ]);
    return chartCard(context, {
      title: t(`ratioNames.${name}`), wide: list.length > 3,
      lines: [h('p', { className: 'note' }, t(`ratioNotes.${name}`))],
      option: () => ratioOption(list, context), table,
    });
  });
  const calendars = (v.daily ?? []).map((d) => chartCard(context, {
    title: `${t('calendarTitle')}: ${d.name}`, wide: true, height: 340,
    option: () => calendarOption(d, context),
  }));
  return h('section', { className: 'card volumes', 'aria-label': t('volumesSection') }, [
    h('h3', {}, t('volumesSection')),
    h('p', { className: 'note' }, t('volumesPeriod', { source: t(`periodSources.${v.period.source_code}`), last: v.period.last })),
    v.series.some((s) => s.years.some((y) => y.projection))
      ? h('p', { className: 'note' }, t('projectionMethods', {
        days: v.series.flatMap((s) => s.years).find((y) => y.projection).projection.covered_days,
        yearDays: v.series.flatMap((s) => s.years).find((y) => y.projection).projection.year_days,
      }))
      : null,
    h('div', { className: 'ratings' }, [...cards, ...calendars, ...monthly, ...mixes, ...ratioCards].filter(Boolean)),
  ]);
}
