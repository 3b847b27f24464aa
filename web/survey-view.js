// Renders the survey section of a report: the survey at a glance, overall
// satisfaction by wave with its tests, the journey (phase x channel heat
// map), indices, key drivers, answer shares, the respondent profile and a
// sortable crosstab. Text from the file goes in as text only.
import { importanceOption, driverPoints } from './charts/importance.js';
import { itemsRange, journeyHeatmapOption, heatmapCells } from './charts/journey-heatmap.js';
import { h } from './dom.js';
import { withScaleBoxes } from './i18n.js';
import { columnLabel, formatCount, formatEstimate, formatNumber, formatPercent } from './format.js';
import { territorySection } from './territory-view.js';
import { barsCard, cardGroup, chartCard, estimateTable, pValue, rankNote } from './view-parts.js';

const byShare = (a, b) => (b[1]?.value ?? -1) - (a[1]?.value ?? -1);
// Categories in their natural order: "18-34" before "35-44", "Donna" before "Uomo".
const natural = (a, b) => String(a[0]).localeCompare(String(b[0]), undefined, { numeric: true });

function facts(pairs) {
  return h('dl', { className: 'facts' }, pairs.filter(Boolean).flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

function differenceLines(context, differences, percent) {
  const { t, lang } = context;
  return (differences ?? []).filter((d) => !d.suppressed).map((d) => {
    const diff = percent ? formatPercent(lang, d.value) : formatNumber(lang, d.value);
    const sign = d.value > 0 ? '+' : '';
    return h('p', { className: d.significant ? 'kpi' : 'note' }, t('difference', {
      from: d.from, to: d.to, diff: `${sign}${diff}`, p: pValue(lang, d.p),
      verdict: t(d.significant ? 'significant' : 'notSignificant'),
    }));
  });
}

function glance(survey, context) {
  const { t, lang } = context;
  const w = survey.weighting;
  const weighting = [t(`weightingMethods.${w.method}`), w.column].filter(Boolean).join(': ');
  const raking = w.raking
    ? t(w.raking.converged ? 'rakingConverged' : 'rakingNotConverged', { n: w.raking.sweeps })
    : null;
  return h('section', { className: 'card' }, [
    h('h3', {}, t('surveyFacts')),
    facts([
      survey.wave ? [t('currentWave'), `${survey.wave.current ?? survey.wave.values[0]} (${t('waves')}: ${survey.wave.values.join(', ')})`] : null,
      [t('respondents'), formatCount(lang, survey.respondents)],
      [t('weighting'), raking ? `${weighting} · ${raking}` : weighting],
      [t('effectiveN'), formatCount(lang, w.n_eff)],
      [t('designEffect'), formatNumber(lang, w.design_effect)],
      w.weight_min !== null ? [t('weightsRange'), `${formatNumber(lang, w.weight_min)} – ${formatNumber(lang, w.weight_max)}`] : null,
    ]),
  ]);
}

function overallCards(survey, context) {
  const { t, lang } = context;
  const o = survey.overall;
  if (!o) return [];
  const percent = o.type === 'binary';
  const headline = formatEstimate(lang, o.estimate, t, { percent });
  const kpi = h('p', { className: 'kpi' }, [
    h('span', { className: 'kpi-label' }, percent ? t('satisfiedShare', { value: o.positive }) : `${t('mean')} (${o.scale.min}-${o.scale.max})`),
    ': ',
    h('strong', { className: 'kpi-value' }, headline ?? t('suppressed', { min: context.minBase })),
  ]);
  const top2 = o.top2 ? h('p', { className: 'kpi secondary' }, `${withScaleBoxes(t, o.scale)('top2')}: ${formatEstimate(lang, o.top2, t, { percent: true }) ?? '—'}`) : null;
  if (!o.by_wave) {
    return [h('article', { className: 'card rating' }, [h('h4', {}, `${t('overallSection')}: ${columnLabel(o.column)}`), kpi, top2])];
  }
  return [barsCard(context, {
    title: `${t('overallByWave')}: ${columnLabel(o.column)}`,
    pairs: o.by_wave.map((w) => [w.wave, w.estimate]),
    percent,
    scale: percent ? null : [o.scale.min, o.scale.max],
    labelHeader: t('wave'),
    lines: [kpi, top2, ...differenceLines(context, o.wave_differences, percent)],
    wide: true,
  })];
}

function journeyCards(survey, context) {
  const { t } = context;
  const j = survey.journey;
  const cards = [];
  if (heatmapCells(j).length) {
    const cells = heatmapCells(j);
    const table = h('table', { className: 'data-table' }, [
      h('caption', {}, t('journeyHeatmap')),
      h('thead', {}, h('tr', {}, [h('th', { scope: 'col' }, ''), ...j.channels.map((c) => h('th', { scope: 'col' }, c))])),
      h('tbody', {}, j.phases.map((phase) => h('tr', {}, [
        h('th', { scope: 'row' }, phase),
        ...j.channels.map((channel) => {
          const cell = cells.find((c) => c.phase === phase && c.channel === channel);
          return h('td', { className: 'num' }, cell ? formatNumber(context.lang, cell.value) : '—');
        }),
      ]))),
    ]);
    cards.push(chartCard(context, {
      title: t('journeyHeatmap'), wide: true, height: Math.max(260, j.phases.length * 56 + 90),
      lines: [h('p', { className: 'note' }, t('journeyPooling'))],
      option: () => journeyHeatmapOption(j, context),
      table,
    }));
    // Each phase and channel with its rank interval: "the weakest" may be a group.
    const ranked = (name, unit) => (unit.rank_ci95 ? `${name} · ${rankNote(t, unit.rank_ci95)}` : name);
    cards.push(barsCard(context, { title: t('byPhase'), pairs: j.by_phase.map((p) => [ranked(p.phase, p), p.mean]), scale: itemsRange(j.items) }));
    cards.push(barsCard(context, { title: t('byChannel'), pairs: j.by_channel.map((c) => [ranked(c.channel, c), c.mean]), scale: itemsRange(j.items) }));
  }
  const steps = j.items.filter((i) => !i.channel);
  if (steps.length) {
    cards.push(barsCard(context, {
      title: t('journeyItems'),
      pairs: steps.map((i) => [columnLabel(i.column), i.mean]),
      scale: itemsRange(steps),
      lines: j.channels.length ? [] : [h('p', { className: 'note' }, t('journeySteps'))],
      wide: true,
    }));
  }
  return cards;
}

function indexCards(survey, context) {
  const { t, lang } = context;
  if (!survey.indices.length) return [];
  // An index is on its items' scale.
  const journeyItems = survey.journey?.items ?? [];
  const scaleOf = (columns) => itemsRange(journeyItems.filter((item) => columns.includes(item.column)));
  const card = barsCard(context, {
    title: t('indicesSection'),
    pairs: survey.indices.map((i) => [i.name, i.mean]),
    scale: scaleOf(survey.indices.flatMap((i) => i.items)),
    lines: survey.indices.map((i) => h('p', { className: 'note' }, `${i.name}: ${t('indexNote', {
      items: i.items.length, min: formatPercent(lang, i.min_answered, 0),
    })} (${i.items.map(columnLabel).join(', ')})`)),
  });
  const waves = survey.indices.filter((i) => i.by_wave).map((i) => barsCard(context, {
    title: `${i.name}: ${t('waves').toLowerCase()}`,
    pairs: i.by_wave.map((w) => [w.wave, w.estimate]),
    scale: scaleOf(i.items),
    labelHeader: t('wave'),
    lines: differenceLines(context, i.wave_differences, false),
  }));
  return [card, ...waves];
}

function driverCards(survey, context) {
  const { t, lang } = context;
  const d = survey.drivers;
  if (!d) return [];
  const points = driverPoints(d);
  const table = h('table', { className: 'data-table' }, [
    h('caption', {}, t('driversTitle')),
    h('thead', {}, h('tr', {}, [t('metric'), t('importance'), t('performance'), t('quadrant')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, points.map((p) => h('tr', {}, [
      h('th', { scope: 'row' }, columnLabel(p.label)),
      h('td', { className: 'num' }, formatNumber(lang, p.importance)),
      h('td', { className: 'num' }, formatNumber(lang, p.performance)),
      h('td', {}, t(`quadrants.${p.quadrant}`)),
    ]))),
  ]);
  return [chartCard(context, {
    title: t('driversTitle'), wide: true, height: 420,
    lines: [h('p', { className: 'note' }, t('driversNote'))],
    option: () => importanceOption(d, context),
    table,
  })];
}

function shareCards(survey, context) {
  const { t } = context;
  const { yes_no: yesNo, single_choice: single, multi_response: multi } = survey.shares;
  const cards = [];
  if (yesNo.length) {
    cards.push(barsCard(context, { title: t('yesNo'), pairs: yesNo.map((y) => [columnLabel(y.column), y.yes]), percent: true, labelHeader: t('metric') }));
  }
  for (const g of single) {
    cards.push(barsCard(context, { title: columnLabel(g.column), pairs: g.categories.map((c) => [c.value, c.share]).sort(byShare), percent: true }));
  }
  for (const m of multi) {
    cards.push(barsCard(context, {
      title: columnLabel(m.name), pairs: m.options.map((o) => [o.value, o.share]).sort(byShare), percent: true, labelHeader: t('option'),
      lines: [h('p', { className: 'note' }, t('multiNote'))],
    }));
  }
  return cards;
}

function profileCards(survey, context) {
  return survey.profile.map((g) => barsCard(context, {
    title: columnLabel(g.column), pairs: g.categories.map((c) => [c.value, c.share]).sort(natural), percent: true,
  }));
}

/** A table of every metric by the groups of one profile dimension; sortable. */
function crosstab(survey, context) {
  const { t, lang } = context;
  if (!survey.breakdowns.length) return null;
  const holder = h('div', { className: 'table-scroll' });
  const select = h('select', { id: 'crosstab-by' }, survey.breakdowns.map((b, i) => h('option', { value: String(i) }, columnLabel(b.by))));
  const show = (breakdown, sortBy = null, descending = true) => {
    const metrics = [...breakdown.metrics];
    const valueOf = (m, group) => {
      const cell = m.cells.find((c) => c.value === group);
      return cell?.estimate?.suppressed ? null : cell?.estimate?.value ?? null;
    };
    if (sortBy !== null) {
      metrics.sort((a, b) => ((valueOf(b, sortBy) ?? -Infinity) - (valueOf(a, sortBy) ?? -Infinity)) * (descending ? 1 : -1));
    }
    const header = h('tr', {}, [
      h('th', { scope: 'col' }, t('metric')),
      ...breakdown.groups.map((g) => {
        const sorted = sortBy === g.value;
        const button = h('button', { type: 'button', className: 'link' }, `${g.value}${g.n === null ? '' : ` (n = ${formatCount(lang, g.n)})`}`);
        button.addEventListener('click', () => show(breakdown, g.value, sorted ? !descending : true));
        return h('th', { scope: 'col', 'aria-sort': sorted ? (descending ? 'descending' : 'ascending') : null }, button);
      }),
    ]);
    const rows = metrics.map((m) => h('tr', {}, [
      h('th', { scope: 'row' }, columnLabel(m.metric)),
      ...breakdown.groups.map((g) => {
        const cell = m.cells.find((c) => c.value === g.value);
        const e = cell?.estimate;
        if (!e || e.suppressed) return h('td', { className: 'num muted', title: t('suppressed', { min: context.minBase }) }, '—');
        const text = m.share ? formatPercent(lang, e.value) : formatNumber(lang, e.value);
        const mark = cell.mark === 'higher' ? ' ▲' : cell.mark === 'lower' ? ' ▼' : '';
        return h('td', { className: `num${cell.mark ? ` ${cell.mark}` : ''}`, title: cell.mark ? t(cell.mark) : null }, [
          text, mark ? h('span', { 'aria-label': t(cell.mark) }, mark) : null,
        ]);
      }),
    ]));
    holder.replaceChildren(h('table', { className: 'crosstab' }, [
      h('caption', {}, `${t('crosstabSection')}: ${columnLabel(breakdown.by)}`),
      h('thead', {}, header), h('tbody', {}, rows),
    ]));
  };
  select.addEventListener('change', () => show(survey.breakdowns[Number(select.value)]));
  show(survey.breakdowns[0]);
  return h('section', { className: 'card' }, [
    h('h3', {}, t('crosstabSection')),
    h('p', {}, [h('label', { for: 'crosstab-by' }, `${t('crosstabBy')}: `), select]),
    h('p', { className: 'note' }, t('crosstabNote', { alpha: formatNumber(lang, survey.significance, 2) })),
    holder,
  ]);
}

/** The survey part of one dataset's report. */
export function surveySection(dataset, context) {
  const { t, lang } = context;
  const survey = dataset.survey;
  const freeText = survey.free_text.map((f) => h('p', { className: 'note' }, t('freeText', { n: formatCount(lang, f.answers), column: f.column })));
  return h('section', { className: 'survey', 'aria-label': t('surveySection') }, [
    glance(survey, context),
    cardGroup(t('overallSection'), overallCards(survey, context)),
    cardGroup(t('journeySection'), journeyCards(survey, context)),
    cardGroup(t('indicesSection'), indexCards(survey, context)),
    cardGroup(t('driversSection'), driverCards(survey, context)),
    cardGroup(t('sharesSection'), shareCards(survey, context)),
    cardGroup(t('profileSection'), profileCards(survey, context)),
    crosstab(survey, context),
    territorySection(survey.territory, context),
    ...freeText,
  ]);
}
