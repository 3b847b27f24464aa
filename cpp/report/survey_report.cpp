#include "report/survey_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "cells/survey_sums.hpp"
#include "report/estimate_json.hpp"
#include "report/ratings.hpp"
#include "report/survey_structure.hpp"
#include "report/survey_weighting.hpp"
#include "report/territory_report.hpp"
#include "stats/design.hpp"

namespace ascolto::report {

namespace {

using json = nlohmann::ordered_json;
using stats::Design;
using stats::Estimate;
using table::kMissingCode;
static_assert(Design::kNoGroup == kMissingCode, "a missing category is in no group");

// Headline figures are those of the current (latest) wave; trends span
// every wave.
struct Context {
  const Design& design;
  const Disclosure& disclosure;
  double significance;
  std::vector<char> current;       ///< rows of the current wave; empty: every row
  std::vector<std::string> raked;  ///< the raking margins' columns, when raking was done

  bool in_current(std::size_t row) const { return current.empty() || current[row]; }
  std::vector<char> within(const std::vector<char>& domain) const {
    if (current.empty()) return domain;
    if (domain.empty()) return current;
    std::vector<char> out(domain.size());
    for (std::size_t row = 0; row < domain.size(); ++row) out[row] = domain[row] && current[row];
    return out;
  }
  Estimate mean(const stats::Variable& y, const std::vector<char>& domain = {}) const {
    return design.mean(y, within(domain));
  }
  Estimate share(const stats::Variable& y, const std::vector<char>& domain = {}) const {
    return design.share(y, within(domain));
  }
  /// The records a row stands for (one, but for a cells file).
  std::uint64_t records(std::size_t row) const { return design.frequency(row); }
};

// A metric of the report: a rating mean, or a share for a 0/1 outcome.
struct Metric {
  std::string id;    ///< column or index name
  std::string kind;  ///< "overall", "index" or "item"
  bool share;
  stats::Variable variable;
};

Estimate estimate(const Context& ctx, const Metric& m, const std::vector<char>& domain = {}) {
  return m.share ? ctx.share(m.variable, domain) : ctx.mean(m.variable, domain);
}

// The same estimate in a domain as given (not restricted to the current wave).
Estimate domain_estimate(const Context& ctx, const Metric& m, const std::vector<char>& wave) {
  return m.share ? ctx.design.share(m.variable, wave) : ctx.design.mean(m.variable, wave);
}

json difference_json(const Context& ctx, const Estimate& to, const Estimate& from) {
  if (to.n < ctx.disclosure.min_base || from.n < ctx.disclosure.min_base)
    return {{"suppressed", true}};
  const stats::Difference d = stats::difference(to, from);
  return {{"value", number_or_null(d.value)},
          {"se", number_or_null(d.se)},
          {"z", number_or_null(d.z)},
          {"p", number_or_null(d.p)},
          {"significant", d.p < ctx.significance},
          {"method", "difference of independent domain estimates, Wald z test"}};
}

// Respondents with the indicator at 1 and at 0 in a domain: a share
// whose either side counts fewer than the base would disclose them.
bool share_discloses(const Context& ctx, const stats::Variable& values,
                     const std::vector<char>& domain) {
  const Design::Tally t = ctx.design.tally(values, domain, true);
  const auto ones = static_cast<std::uint64_t>(std::llround(t.sum));
  const auto zeros = static_cast<std::uint64_t>(std::llround(t.records - t.sum));
  const auto small = [&](std::uint64_t k) { return k > 0 && k < ctx.disclosure.min_base; };
  return small(ones) || small(zeros);
}

// The metric per wave, and the difference between waves (consecutive ones,
// and first to last when there are more than two).
void add_by_wave(const Context& ctx, const Metric& m, const std::optional<Grouping>& wave,
                 json& out) {
  if (!wave || wave->labels.size() < 2) return;
  std::vector<Estimate> estimates;
  std::vector<bool> hidden;
  json by_wave = json::array();
  for (std::uint32_t w = 0; w < wave->labels.size(); ++w) {
    const std::vector<char> in_wave = wave->mask(w);
    estimates.push_back(domain_estimate(ctx, m, in_wave));
    hidden.push_back(m.share && share_discloses(ctx, m.variable, in_wave));
    by_wave.push_back(
        {{"wave", wave->labels[w]},
         {"estimate", hidden.back() ? json({{"suppressed", true}})
                                    : estimate_json(estimates.back(), ctx.disclosure)}});
  }
  json differences = json::array();
  auto add = [&](std::size_t from, std::size_t to) {
    json d = {{"from", wave->labels[from]}, {"to", wave->labels[to]}};
    if (hidden[from] || hidden[to])
      d["suppressed"] = true;
    else
      d.update(difference_json(ctx, estimates[to], estimates[from]));
    differences.push_back(std::move(d));
  };
  for (std::size_t w = 1; w < estimates.size(); ++w) add(w - 1, w);
  if (estimates.size() > 2) add(0, estimates.size() - 1);
  out["by_wave"] = std::move(by_wave);
  out["wave_differences"] = std::move(differences);
}

std::vector<double> indicator(const std::vector<double>& values, double from, double to) {
  std::vector<double> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    out[i] = std::isnan(values[i]) ? stats::kNaN : (values[i] >= from && values[i] <= to);
  return out;
}

// The 0/1 indicator of a rating in [from, to]: per row from the values, or
// from a cells file's level sums.
struct Indicator {
  std::vector<double> values;
  stats::RowSums sums;
  stats::Variable variable() const { return variable_of(values, sums); }
};

Indicator rating_indicator(const std::vector<double>& values, const RatingLevels& levels,
                           double from, double to) {
  Indicator out;
  if (levels.empty())
    out.values = indicator(values, from, to);
  else
    out.sums = levels.indicator(from, to);
  return out;
}

// The share of a rating's top box (RatingScale::top_box_from).
template <typename Rated>
Indicator top_box(const Rated& r) {
  return rating_indicator(r.values, r.levels, r.scale.top_box_from(), r.scale.max);
}

json distribution_json(const Context& ctx, const Outcome& o) {
  json out = json::array();
  for (double level = o.scale.min; level <= o.scale.max; level += 1)
    out.push_back(
        {{"level", level},
         {"share",
          estimate_json(ctx.share(rating_indicator(o.values, o.levels, level, level).variable()),
                        ctx.disclosure)}});
  return out;
}

// Shares of the categories of a grouping, with complementary suppression
// on the counts of respondents.
json categories_json(const Context& ctx, const Grouping& g, const std::optional<Grouping>& wave) {
  // A question of a cells file comes as its categories' sums; a key (or
  // microdata) as codes.
  const bool sums = !g.member_sums.empty();
  std::vector<std::uint64_t> counts(g.labels.size(), 0);
  if (sums) {
    for (std::uint32_t c = 0; c < g.labels.size(); ++c)
      counts[c] = static_cast<std::uint64_t>(
          std::llround(ctx.design.tally(g.member_sums[c], ctx.current, false).sum));
  } else {
    for (std::size_t row = 0; row < g.codes.size(); ++row)
      if (g.codes[row] != kMissingCode && ctx.in_current(row))
        counts[g.codes[row]] += ctx.records(row);
  }
  const std::vector<bool> hidden = suppressed_cells(counts, ctx.disclosure);
  std::vector<double> member(g.codes.size());
  json out = json::array();
  for (std::uint32_t c = 0; c < g.labels.size(); ++c) {
    for (std::size_t row = 0; row < g.codes.size(); ++row)
      member[row] = g.codes[row] == kMissingCode ? stats::kNaN : g.codes[row] == c;
    const stats::Variable member_variable =
        sums ? stats::Variable(g.member_sums[c]) : stats::Variable(member);
    Estimate share = ctx.share(member_variable);
    // A raking margin's shares are its targets in every wave: no sampling
    // variance to test (what is left is the raking's tolerance).
    const bool raked = std::find(ctx.raked.begin(), ctx.raked.end(), g.name) != ctx.raked.end();
    if (raked && share.n > 0) {
      share.se = 0;
      share.ci_low = share.ci_high = share.value;
    }
    json item = {{"value", g.labels[c]}};
    if (hidden[c]) {
      item["count"] = nullptr;
      item["share"] = {{"suppressed", true},
                       {"reason", counts[c] < ctx.disclosure.min_base
                                      ? "fewer respondents than the base"
                                      : "complementary: another category is below the base"}};
    } else {
      item["count"] = counts[c];
      item["share"] = estimate_json(share, ctx.disclosure);
      if (raked)
        item["share"]["set_by_raking"] = true;
      else if (!wave || wave->name != g.name)
        add_by_wave(ctx, Metric{g.labels[c], "category", true, member_variable}, wave, item);
    }
    out.push_back(std::move(item));
  }
  return out;
}

json grouping_json(const Context& ctx, const Grouping& g, const std::optional<Grouping>& wave) {
  return {{"column", g.name}, {"reason", g.reason}, {"categories", categories_json(ctx, g, wave)}};
}

json overall_json(const Context& ctx, const SurveyStructure& s) {
  if (!s.overall) return nullptr;
  const Outcome& o = *s.overall;
  const Metric m{o.column, "overall", o.binary, o.variable()};
  json out = {{"column", o.column},
              {"reason", o.reason},
              {"type", o.binary ? "binary" : "rating"},
              {"estimate", estimate_json(estimate(ctx, m), ctx.disclosure)}};
  if (o.binary) {
    out["positive"] = o.positive;
  } else {
    out["scale"] = scale_json(o.scale);
    out["distribution"] = distribution_json(ctx, o);
    out["top2"] = estimate_json(ctx.share(top_box(o).variable()), ctx.disclosure);
  }
  add_by_wave(ctx, m, s.wave, out);
  return out;
}

// Per respondent, the mean of the answered items among `members`.
std::vector<double> respondent_mean(const std::vector<const SurveyItem*>& members) {
  const std::size_t rows = members.empty() ? 0 : members[0]->values.size();
  std::vector<double> out(rows, stats::kNaN);
  for (std::size_t row = 0; row < rows; ++row) {
    double sum = 0;
    int answered = 0;
    for (const SurveyItem* item : members)
      if (!std::isnan(item->values[row])) {
        sum += item->values[row];
        ++answered;
      }
    if (answered) out[row] = sum / answered;
  }
  return out;
}

json journey_json(const Context& ctx, const SurveyStructure& s) {
  std::vector<std::string> phases, channels;
  auto remember = [](std::vector<std::string>& list, const std::string& v) {
    if (!v.empty() && std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
  };
  json items = json::array();
  json cells = json::array();
  for (const SurveyItem& item : s.items) remember(channels, item.channel);
  for (const SurveyItem& item : s.items) {
    // With channels, the phases are those of the phase x channel items;
    // without, each item is a step of the journey.
    if (channels.empty() || !item.channel.empty()) remember(phases, item.phase);
    const Estimate mean = ctx.mean(item.variable());
    json j = {{"column", item.column},
              {"phase", item.phase},
              {"channel", item.channel.empty() ? json(nullptr) : json(item.channel)},
              {"scale", scale_json(item.scale)},
              {"mean", estimate_json(mean, ctx.disclosure)},
              {"top2", estimate_json(ctx.share(top_box(item).variable()), ctx.disclosure)}};
    add_by_wave(ctx, Metric{item.column, "item", false, item.variable()}, s.wave, j);
    items.push_back(std::move(j));
  }
  json out = {{"source", s.journey_source},
              {"phases", phases},
              {"channels", channels},
              {"items", std::move(items)}};
  if (channels.empty()) return out;
  // Phase and channel means pool a respondent's answered items first, so
  // each respondent counts once (n = respondents).
  auto pooled = [&](const std::string& phase, const std::string& channel) {
    std::vector<const SurveyItem*> members;
    for (const SurveyItem& item : s.items)
      if ((phase.empty() || item.phase == phase) && (channel.empty() || item.channel == channel) &&
          !item.channel.empty())
        members.push_back(&item);
    return members;
  };
  // From cells, each phase's and channel's pooled respondent mean comes as sums.
  auto pooled_mean = [&](const std::vector<const SurveyItem*>& members,
                         const std::vector<std::pair<std::string, stats::RowSums>>& sums,
                         const std::string& name) {
    if (!s.from_cells) return ctx.mean(respondent_mean(members));
    for (const auto& [key, value] : sums)
      if (key == name) return ctx.mean(value);
    return Estimate{};
  };
  json by_phase = json::array(), by_channel = json::array();
  for (const std::string& phase : phases) {
    const auto members = pooled(phase, "");
    if (members.empty()) continue;
    by_phase.push_back(
        {{"phase", phase},
         {"items", members.size()},
         {"mean", estimate_json(pooled_mean(members, s.phase_sums, phase), ctx.disclosure)}});
  }
  for (const std::string& channel : channels) {
    const auto members = pooled("", channel);
    by_channel.push_back(
        {{"channel", channel},
         {"items", members.size()},
         {"mean", estimate_json(pooled_mean(members, s.channel_sums, channel), ctx.disclosure)}});
  }
  for (const SurveyItem& item : s.items)
    if (!item.channel.empty())
      cells.push_back({{"phase", item.phase},
                       {"channel", item.channel},
                       {"column", item.column},
                       {"mean", estimate_json(ctx.mean(item.variable()), ctx.disclosure)}});
  out["cells"] = std::move(cells);
  // Phases and channels are ranked in the Sintesi: their rank intervals
  // say whether "the weakest phase" is one phase or a group.
  add_rank_intervals(by_phase, "mean");
  add_rank_intervals(by_channel, "mean");
  out["by_phase"] = std::move(by_phase);
  out["by_channel"] = std::move(by_channel);
  out["pooling"] = "phase and channel means: each respondent's mean of the answered items";
  return out;
}

json indices_json(const Context& ctx, const SurveyStructure& s) {
  json out = json::array();
  for (const CompositeIndex& index : s.indices) {
    const Metric m{index.name, "index", false, index.variable()};
    json j = {{"name", index.name},
              {"reason", index.reason},
              {"items", index.items},
              {"weights", index.weights},
              {"min_answered", index.min_answered},
              {"mean", estimate_json(estimate(ctx, m), ctx.disclosure)}};
    add_by_wave(ctx, m, s.wave, j);
    out.push_back(std::move(j));
  }
  return out;
}

json shares_json(const Context& ctx, const SurveyStructure& s) {
  json yes_no = json::array();
  for (const YesNoItem& item : s.yes_no) {
    json j = {{"column", item.column},
              {"yes", estimate_json(ctx.share(item.variable()), ctx.disclosure)}};
    add_by_wave(ctx, Metric{item.column, "yes_no", true, item.variable()}, s.wave, j);
    yes_no.push_back(std::move(j));
  }
  json single = json::array();
  for (const Grouping& g : s.single_choice) single.push_back(grouping_json(ctx, g, s.wave));
  json multi = json::array();
  for (const MultiResponse& m : s.multi_response) {
    json options = json::array();
    std::uint64_t base = 0;
    for (std::size_t o = 0; o < m.options.size(); ++o) {
      const Estimate e = ctx.share(m.variable(o));
      base = std::max(base, e.n);
      json option = {{"value", m.options[o]},
                     {"column", m.columns.empty() ? json(nullptr) : json(m.columns[o])},
                     {"share", estimate_json(e, ctx.disclosure)}};
      add_by_wave(ctx, Metric{m.options[o], "option", true, m.variable(o)}, s.wave, option);
      options.push_back(std::move(option));
    }
    multi.push_back({{"name", m.name},
                     {"source", m.source},
                     {"base", base},
                     {"note", "shares of respondents: they need not add up to 100%"},
                     {"options", std::move(options)}});
  }
  return {{"yes_no", std::move(yes_no)},
          {"single_choice", std::move(single)},
          {"multi_response", std::move(multi)}};
}

std::vector<Metric> metrics_of(const SurveyStructure& s) {
  std::vector<Metric> out;
  if (s.overall)
    out.push_back({s.overall->column, "overall", s.overall->binary, s.overall->variable()});
  for (const CompositeIndex& index : s.indices)
    out.push_back({index.name, "index", false, index.variable()});
  for (const SurveyItem& item : s.items)
    out.push_back({item.column, "item", false, item.variable()});
  return out;
}

// Every metric by every profile dimension; each group against the rest of
// the respondents, marked when the difference is significant.
json breakdowns_json(const Context& ctx, const SurveyStructure& s) {
  const std::vector<Metric> metrics = metrics_of(s);
  json out = json::array();
  for (const Grouping& g : s.profile) {
    std::vector<std::uint64_t> sizes(g.labels.size(), 0);
    for (std::size_t row = 0; row < g.codes.size(); ++row)
      if (g.codes[row] != kMissingCode && ctx.in_current(row))
        sizes[g.codes[row]] += ctx.records(row);
    const std::vector<bool> hidden_group = suppressed_cells(sizes, ctx.disclosure);
    json groups = json::array();
    for (std::uint32_t c = 0; c < g.labels.size(); ++c)
      groups.push_back(
          {{"value", g.labels[c]}, {"n", hidden_group[c] ? json(nullptr) : json(sizes[c])}});
    json metric_rows = json::array();
    for (const Metric& m : metrics) {
      const Design::GroupEstimates e =
          ctx.design.group_estimates(m.variable, g.codes, g.labels.size(), ctx.current, m.share);
      std::vector<std::uint64_t> bases;
      std::uint64_t answered = 0;
      for (const Estimate& in : e.in) {
        bases.push_back(in.n);
        answered += in.n;
      }
      if (answered == 0) continue;  // not asked in the current wave
      const std::vector<bool> hidden = suppressed_cells(bases, ctx.disclosure);
      json cells = json::array();
      for (std::uint32_t c = 0; c < g.labels.size(); ++c) {
        const bool suppressed = hidden[c] || hidden_group[c];
        json cell = {{"value", g.labels[c]},
                     {"estimate", cell_json(e.in[c], suppressed, ctx.disclosure)}};
        if (!suppressed) {
          json vs = difference_json(ctx, e.in[c], e.rest[c]);
          const bool significant = vs.value("significant", false);
          cell["vs_rest"] = std::move(vs);
          cell["mark"] = !significant                      ? json(nullptr)
                         : e.in[c].value > e.rest[c].value ? json("higher")
                                                           : json("lower");
        }
        cells.push_back(std::move(cell));
      }
      metric_rows.push_back(
          {{"metric", m.id}, {"kind", m.kind}, {"share", m.share}, {"cells", std::move(cells)}});
    }
    out.push_back(
        {{"by", g.name}, {"groups", std::move(groups)}, {"metrics", std::move(metric_rows)}});
  }
  return out;
}

// Importance: the weighted Pearson correlation of each item with the
// overall outcome; performance: the item's mean. Quadrants split at the
// means of both over the items.
// From cells: the same weighted Pearson correlation, from each row's sums
// over the records that answered both (raking scales a row's records alike).
stats::Correlation correlation_of_cells(const Context& ctx, const PairSums& p) {
  stats::Correlation out;
  double n = 0, sw = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (std::size_t row = 0; row < p.n.size(); ++row) {
    if (!ctx.in_current(row) || !ctx.design.in_design(row)) continue;
    const double g = ctx.design.gain(row);
    n += p.n[row];
    sw += g * p.w[row];
    sx += g * p.wx[row];
    sy += g * p.wy[row];
    sxx += g * p.wx2[row];
    syy += g * p.wy2[row];
    sxy += g * p.wxy[row];
  }
  out.n = static_cast<std::uint64_t>(std::llround(n));
  if (out.n < 3 || sw <= 0) return out;
  const double vx = sxx - sx * sx / sw, vy = syy - sy * sy / sw;
  if (vx > 0 && vy > 0) out.r = (sxy - sx * sy / sw) / std::sqrt(vx * vy);
  return out;
}

json drivers_json(const Context& ctx, const SurveyStructure& s) {
  if (!s.overall || s.items.size() < 2) return nullptr;
  // Cells carry the correlation's sums per item (pair__...), or no drivers.
  if (s.from_cells && std::any_of(s.items.begin(), s.items.end(),
                                  [](const SurveyItem& i) { return i.pair.empty(); }))
    return nullptr;
  struct Row {
    const SurveyItem* item;
    stats::Correlation importance;
    Estimate performance;
  };
  std::vector<Row> rows;
  std::vector<double> current_outcome = s.overall->values;
  for (std::size_t row = 0; row < current_outcome.size(); ++row)
    if (!ctx.in_current(row)) current_outcome[row] = stats::kNaN;
  for (const SurveyItem& item : s.items) {
    Row r{&item,
          s.from_cells ? correlation_of_cells(ctx, item.pair)
                       : stats::correlation(item.values, current_outcome, ctx.design.weights()),
          ctx.mean(item.variable())};
    if (r.importance.n >= ctx.disclosure.min_base && !std::isnan(r.importance.r)) rows.push_back(r);
  }
  if (rows.size() < 2) return nullptr;
  double importance_cut = 0, performance_cut = 0;
  for (const Row& r : rows) {
    importance_cut += r.importance.r;
    performance_cut += r.performance.value;
  }
  importance_cut /= static_cast<double>(rows.size());
  performance_cut /= static_cast<double>(rows.size());
  json items = json::array();
  for (const Row& r : rows) {
    const bool important = r.importance.r >= importance_cut;
    const bool performing = r.performance.value >= performance_cut;
    const char* quadrant =
        important ? (performing ? "strength" : "priority") : (performing ? "surplus" : "secondary");
    items.push_back({{"column", r.item->column},
                     {"phase", r.item->phase},
                     {"importance", r.importance.r},
                     {"pairs", r.importance.n},
                     {"performance", estimate_json(r.performance, ctx.disclosure)},
                     {"quadrant", quadrant}});
  }
  return {{"outcome", s.overall->column},
          {"importance_measure",
           s.overall->binary ? "weighted point-biserial (Pearson) correlation with the outcome, "
                               "over respondents who answered both"
                             : "weighted Pearson correlation with overall satisfaction, over "
                               "respondents who answered both"},
          {"importance_cut", importance_cut},
          {"performance_cut", performance_cut},
          {"cuts", "means over the items"},
          {"items", std::move(items)}};
}

json free_text_json(const table::Table& table, const SurveyStructure& s) {
  json out = json::array();
  for (const std::string& name : s.free_text) {
    const table::Column* c = table.find(name);
    std::uint64_t answers = 0;
    for (std::size_t row = 0; row < c->size(); ++row)
      if (!table::trim(c->text(row)).empty()) ++answers;
    out.push_back({{"column", name}, {"answers", answers}});
  }
  return out;
}

}  // namespace

// The overall outcome (and its top-2-box share) and the indices by
// region, province and office.
json territory_section(const table::Table& table, const std::vector<ColumnRole>& roles,
                       const Context& ctx, const SurveyStructure& s, const Config& config) {
  TerritoryInput input{table, roles, ctx.design, {}, ctx.current, {}, nullptr, "wave"};
  // Per-row values, or a cells file's sums (null when there are none).
  auto sums_of = [](const stats::RowSums& sums) { return sums.empty() ? nullptr : &sums; };
  Indicator top2;
  if (s.overall) {
    const Outcome& o = *s.overall;
    input.metrics.push_back({o.column, o.column, o.binary, &o.values,
                             o.binary ? std::nullopt : std::optional<RatingScale>(o.scale),
                             sums_of(o.sums), std::nullopt});
    if (!o.binary) {
      top2 = top_box(o);
      input.metrics.push_back({"top2:" + o.column, o.column, true, &top2.values, std::nullopt,
                               sums_of(top2.sums), o.scale.top_box()});
    }
  }
  for (const CompositeIndex& index : s.indices) {
    // An index is on its items' scale.
    std::optional<RatingScale> scale;
    for (const SurveyItem& item : s.items)
      if (!index.items.empty() && item.column == index.items.front()) scale = item.scale;
    input.metrics.push_back(
        {index.name, index.name, false, &index.values, scale, sums_of(index.sums), std::nullopt});
  }
  if (s.wave && s.wave->labels.size() >= 2) input.periods = &*s.wave;
  return territory_json(input, config);
}

json survey_report(const table::Table& table, const std::vector<ColumnRole>& roles,
                   const Weights& weights, const Config& config, Warnings& warnings) {
  const SurveyStructure s = table.aggregated()
                                ? cells::survey_structure_of_cells(table, roles, config, warnings)
                                : survey_structure(table, roles, config, warnings);
  WeightingResult weighting = survey_weighting(table, s, weights, config, warnings);
  Context ctx{weighting.design, config.disclosure, config.survey.significance, {}, {}};
  if (weighting.summary.value("method", "") == "raking")
    for (const RakingMarginConfig& m : config.survey.raking) ctx.raked.push_back(m.column);
  std::string current_wave;
  if (s.wave && s.wave->labels.size() >= 2) {
    const auto last = static_cast<std::uint32_t>(s.wave->labels.size() - 1);
    ctx.current = s.wave->mask(last);
    current_wave = s.wave->labels[last];
  }
  json profile = json::array();
  for (const Grouping& g : s.profile) profile.push_back(grouping_json(ctx, g, s.wave));
  std::uint64_t respondents = 0;
  for (std::size_t row = 0; row < table.rows.used; ++row)
    if (ctx.in_current(row) && ctx.design.in_design(row)) respondents += ctx.records(row);
  return {{"respondents", respondents},
          {"weighting", std::move(weighting.summary)},
          {"wave",
           s.wave ? json({{"column", s.wave->name},
                          {"reason", s.wave->reason},
                          {"values", s.wave->labels},
                          {"current", current_wave.empty() ? json(nullptr) : json(current_wave)},
                          {"note",
                           "headline figures are the current (latest) wave's; "
                           "by_wave gives every wave"}})
                  : json(nullptr)},
          {"significance", config.survey.significance},
          {"profile", std::move(profile)},
          {"overall", overall_json(ctx, s)},
          {"journey", journey_json(ctx, s)},
          {"indices", indices_json(ctx, s)},
          {"shares", shares_json(ctx, s)},
          {"breakdowns", breakdowns_json(ctx, s)},
          {"drivers", drivers_json(ctx, s)},
          {"free_text", free_text_json(table, s)},
          {"territory", territory_section(table, roles, ctx, s, config)}};
}

}  // namespace ascolto::report
