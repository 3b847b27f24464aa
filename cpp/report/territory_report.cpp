#include "report/territory_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "report/estimate_json.hpp"
#include "stats/funnel.hpp"
#include "territory/italy.hpp"

namespace ascolto::report {

using json = nlohmann::ordered_json;
using stats::Design;
using stats::Estimate;

// A territorial breakdown: each row's unit, and what each unit is.
struct TerritoryUnits {
  TerritoryLevel level = TerritoryLevel::region;
  std::string column, reason, source = "column";
  std::vector<std::string> keys, names;
  std::vector<int> regions;  ///< ISTAT region code of each unit, 0 when unknown
  std::vector<bool> recognized;
  std::vector<std::vector<std::string>> variants;  ///< the spellings met in the file
  std::vector<std::uint32_t> codes;                ///< per row; Design::kNoGroup when missing
  std::vector<std::uint64_t> rows;
  std::unordered_map<std::string, std::uint32_t>
      unit_of_key;  ///< an office column may have thousands

  std::uint32_t add(const std::string& key, const std::string& name, int region, bool known) {
    const auto [it, added] = unit_of_key.emplace(key, static_cast<std::uint32_t>(keys.size()));
    if (!added) return it->second;
    keys.push_back(key);
    names.push_back(name);
    regions.push_back(region);
    recognized.push_back(known);
    variants.emplace_back();
    rows.push_back(0);
    return static_cast<std::uint32_t>(keys.size() - 1);
  }
};

struct TerritoryLevels {
  std::vector<TerritoryUnits> levels;  ///< region, province, office, in that order
};

void TerritoryLevelsDeleter::operator()(const TerritoryLevels* levels) const {
  delete levels;
}

namespace {

std::string padded(int code, int width) {
  char buffer[16];  // any int fits
  std::snprintf(buffer, sizeof buffer, "%0*d", width, code);
  return buffer;
}

// Words of an office's name that do not name a place: "Sede provinciale
// INPS di Napoli" -> "napoli".
const char* const kOfficeWords[] = {
    "sede",      "sedi",       "provinciale", "regionale", "territoriale",
    "direzione", "agenzia",    "filiale",     "ufficio",   "inps",
    "di",        "del",        "della",       "complessa", "metropolitana",
    "centrale",  "succursale", "punto",       "cliente",   "sportello"};

const territory::Province* office_province(const std::string& name) {
  std::string kept, word;
  const std::string folded = territory::fold(name) + " ";
  for (char c : folded) {
    if (c != ' ') {
      word.push_back(c);
      continue;
    }
    const bool skip = std::any_of(std::begin(kOfficeWords), std::end(kOfficeWords),
                                  [&](const char* w) { return word == w; });
    if (!skip && !word.empty()) kept += (kept.empty() ? "" : " ") + word;
    word.clear();
  }
  return kept.empty() ? nullptr : territory::find_province(kept, false);
}

TerritoryUnits units_of_column(const table::Table& table, std::size_t index,
                               const ColumnRole& role) {
  TerritoryUnits u;
  u.level = role.level;
  u.column = table.columns[index].name;
  u.reason = role.reason;
  const std::optional<Grouping> g = grouping_of_column(table.columns[index], role.reason, 20000);
  if (!g) return u;
  std::vector<std::uint32_t> unit_of_label(g->labels.size());
  // Units in the order of their spellings, not of the rows: the same data
  // in another row order (or as cells) lists them the same way.
  std::vector<std::size_t> by_text(g->labels.size());
  for (std::size_t label = 0; label < by_text.size(); ++label) by_text[label] = label;
  std::sort(by_text.begin(), by_text.end(),
            [&](std::size_t a, std::size_t b) { return g->labels[a] < g->labels[b]; });
  for (std::size_t label : by_text) {
    const std::string& text = g->labels[label];
    std::uint32_t unit = 0;
    if (role.level == TerritoryLevel::region) {
      const auto code = territory::region_code(text);
      unit = code ? u.add(padded(*code, 2), std::string(territory::region_name(*code)), *code, true)
                  : u.add("?" + text, text, 0, false);
    } else if (role.level == TerritoryLevel::province) {
      const territory::Province* p = territory::find_province(text, true);
      unit = p ? u.add(padded(p->code, 3), std::string(p->name), p->region, true)
               : u.add("?" + text, text, 0, false);
    } else {
      const territory::Province* p = office_province(text);
      unit = u.add(text, text, p ? p->region : 0, true);
    }
    unit_of_label[label] = unit;
    u.variants[unit].push_back(text);
  }
  u.codes.assign(table.rows.used, Design::kNoGroup);
  for (std::size_t row = 0; row < table.rows.used; ++row) {
    const std::uint32_t label = g->codes[row];
    if (label >= unit_of_label.size()) continue;
    u.codes[row] = unit_of_label[label];
    u.rows[u.codes[row]] += table.frequency(row);
  }
  return u;
}

// Regions from a province or office breakdown, when most of its rows have one.
std::optional<TerritoryUnits> regions_from(const TerritoryUnits& finer) {
  std::uint64_t located = 0, total = 0;
  for (std::size_t unit = 0; unit < finer.keys.size(); ++unit) {
    total += finer.rows[unit];
    if (finer.regions[unit] > 0) located += finer.rows[unit];
  }
  if (total == 0 || located * 5 < total * 4) return {};
  TerritoryUnits u;
  u.level = TerritoryLevel::region;
  u.column = finer.column;
  u.source = std::string("derived from the ") + territory_level_name(finer.level);
  u.reason = "each " + std::string(territory_level_name(finer.level)) + "'s region";
  std::vector<std::uint32_t> unit_of(finer.keys.size(), Design::kNoGroup);
  for (std::size_t unit = 0; unit < finer.keys.size(); ++unit) {
    const int region = finer.regions[unit];
    if (region <= 0) continue;
    unit_of[unit] =
        u.add(padded(region, 2), std::string(territory::region_name(region)), region, true);
    u.variants[unit_of[unit]].push_back(finer.names[unit]);
  }
  u.codes.assign(finer.codes.size(), Design::kNoGroup);
  for (std::size_t row = 0; row < finer.codes.size(); ++row)
    if (finer.codes[row] != Design::kNoGroup) u.codes[row] = unit_of[finer.codes[row]];
  for (std::size_t unit = 0; unit < finer.keys.size(); ++unit)
    if (unit_of[unit] != Design::kNoGroup) u.rows[unit_of[unit]] += finer.rows[unit];
  return u;
}

bool in(const std::vector<char>& mask, std::size_t row) {
  return mask.empty() || mask[row];
}

// The record-level standard deviation of y in the headline rows
// (weighted); from a cells file's sums when it carries Σwy², else NaN.
double spread_of_sums(const Design& design, const stats::Variable& y,
                      const std::vector<char>& rows) {
  double sw = 0, swy = 0, swy2 = 0;
  for (std::size_t row = 0; row < design.rows(); ++row) {
    if (!in(rows, row)) continue;
    const stats::Moments m = design.moments(y, row);
    sw += m.w;
    swy += m.wy;
    swy2 += m.wy2;
  }
  // NaN when the cells lack Σwy² (written before it): no scale, never 0.
  if (!(sw > 0) || std::isnan(swy2)) return stats::kNaN;
  const double mean = swy / sw;
  return std::sqrt(std::max(0.0, swy2 / sw - mean * mean));
}

// The same from per-row values, in two passes.
double spread_of_rows(const Design& design, const std::vector<double>& y,
                      const std::vector<char>& rows) {
  double sw = 0, swy = 0;
  // A row standing for k records weighs k times.
  for (std::size_t row = 0; row < y.size(); ++row) {
    const double w = design.weight(row) * static_cast<double>(design.frequency(row));
    if (!in(rows, row) || std::isnan(y[row]) || std::isnan(w)) continue;
    sw += w;
    swy += w * y[row];
  }
  if (sw <= 0) return stats::kNaN;
  const double mean = swy / sw;
  double ss = 0;
  for (std::size_t row = 0; row < y.size(); ++row) {
    const double w = design.weight(row) * static_cast<double>(design.frequency(row));
    if (!in(rows, row) || std::isnan(y[row]) || std::isnan(w)) continue;
    ss += w * (y[row] - mean) * (y[row] - mean);
  }
  return std::sqrt(ss / sw);
}

double effective_size(const Estimate& e) {
  return std::isnan(e.n_eff) ? static_cast<double>(e.n) : e.n_eff;
}

const char* band_name(int band) {
  switch (band) {
    case 2:
      return "high_998";
    case 1:
      return "high_95";
    case -1:
      return "low_95";
    case -2:
      return "low_998";
    default:
      return "within";
  }
}

// Control limits along the size axis, log-spaced over the units' sizes.
json limits_json(const stats::FunnelResult& f, double smallest, double largest) {
  json out = json::array();
  if (!(smallest > 0) || !(largest >= smallest)) return out;
  const double from = std::log(std::max(1.0, smallest * 0.8)), to = std::log(largest * 1.25);
  constexpr int kPoints = 48;
  for (int i = 0; i <= kPoints; ++i) {
    const double n = std::exp(from + (to - from) * i / kPoints);
    auto bound = [&](double z, int sign) {
      double v = f.target + sign * f.half_width(n, z);
      if (f.share) v = std::clamp(v, 0.0, 1.0);
      return number_or_null(v);
    };
    out.push_back({{"n", n},
                   {"low_95", bound(stats::kZ95, -1)},
                   {"high_95", bound(stats::kZ95, 1)},
                   {"low_998", bound(stats::kZ998, -1)},
                   {"high_998", bound(stats::kZ998, 1)}});
  }
  return out;
}

// Each row's (period, unit) cell, numbered period * units + unit; empty
// without periods. The same for every metric of a level.
std::vector<std::uint32_t> period_unit_codes(const TerritoryInput& input, const TerritoryUnits& u,
                                             const std::vector<std::uint32_t>& unit_codes) {
  if (!input.periods || input.periods->labels.empty()) return {};
  const std::size_t units = u.keys.size(), periods = input.periods->labels.size();
  std::vector<std::uint32_t> codes(unit_codes.size(), Design::kNoGroup);
  for (std::size_t row = 0; row < codes.size(); ++row) {
    const std::uint32_t p = input.periods->codes[row];
    if (p < periods && unit_codes[row] != Design::kNoGroup)
      codes[row] = static_cast<std::uint32_t>(p * units + unit_codes[row]);
  }
  return codes;
}

// Per period: how far apart the units are.
json spread_json(const TerritoryInput& input, const TerritoryMetric& m, const TerritoryUnits& u,
                 const std::vector<std::uint32_t>& codes, const Disclosure& disclosure) {
  if (codes.empty()) return nullptr;
  const std::size_t units = u.keys.size(), periods = input.periods->labels.size();
  const Design::GroupEstimates g =
      input.design.group_estimates(m.variable(), codes, units * periods, input.scope, m.share);
  json out = json::array();
  for (std::size_t p = 0; p < periods; ++p) {
    std::vector<std::uint64_t> bases(units);
    for (std::size_t unit = 0; unit < units; ++unit) bases[unit] = g.in[p * units + unit].n;
    const std::vector<bool> hidden = suppressed_cells(bases, disclosure);
    std::vector<double> values;
    double mean_variance = 0;
    std::size_t lowest = 0, highest = 0;
    for (std::size_t unit = 0; unit < units; ++unit) {
      const Estimate& e = g.in[p * units + unit];
      if (hidden[unit] || e.n == 0 || std::isnan(e.value)) continue;
      if (values.empty() || e.value < g.in[p * units + lowest].value) lowest = unit;
      if (values.empty() || e.value > g.in[p * units + highest].value) highest = unit;
      values.push_back(e.value);
      mean_variance += std::isnan(e.se) ? 0 : e.se * e.se;
    }
    json j = {{"period", input.periods->labels[p]}, {"units", values.size()}};
    if (values.size() >= 3) {
      const double count = static_cast<double>(values.size());
      double mean = 0;
      for (double v : values) mean += v / count;
      double ss = 0;
      for (double v : values) ss += (v - mean) * (v - mean);
      const double variance = ss / (count - 1);
      mean_variance /= count;
      std::sort(values.begin(), values.end());
      const double p10 = stats::quantile_type7(values, 0.1),
                   p90 = stats::quantile_type7(values, 0.9);
      j["sd"] = std::sqrt(variance);
      j["sd_beyond_noise"] = std::sqrt(std::max(0.0, variance - mean_variance));
      j["p10"] = p10;
      j["p90"] = p90;
      j["range80"] = p90 - p10;
      j["lowest"] = {{"unit", u.names[lowest]}, {"value", g.in[p * units + lowest].value}};
      j["highest"] = {{"unit", u.names[highest]}, {"value", g.in[p * units + highest].value}};
    }
    out.push_back(std::move(j));
  }
  return {{"by", input.period_kind},
          {"column", input.periods->name},
          {"periods", std::move(out)},
          {"note",
           "between-unit standard deviation of the units shown (suppressed ones left out); "
           "sd_beyond_noise removes the part expected from sampling error alone; range80 is "
           "the spread of the middle 80% (P90 - P10)"}};
}

// What a metric's funnel is centred on and scaled by: the same at every level.
struct MetricBase {
  Estimate national;
  double sd = stats::kNaN;  ///< unit-level standard deviation, for means
};

MetricBase metric_base(const TerritoryInput& input, const TerritoryMetric& m) {
  const Design& design = input.design;
  return {m.share ? design.share(m.variable(), input.headline)
                  : design.mean(m.variable(), input.headline),
          m.share  ? stats::kNaN
          : m.sums ? spread_of_sums(design, m.variable(), input.headline)
                   : spread_of_rows(design, *m.values, input.headline)};
}

json metric_json(const TerritoryInput& input, const TerritoryMetric& m, const MetricBase& base,
                 const TerritoryUnits& u, const std::vector<std::uint32_t>& unit_codes,
                 const std::vector<std::uint32_t>& period_codes, const Config& config) {
  const Disclosure& disclosure = config.disclosure;
  const Design& design = input.design;
  const Estimate& national = base.national;
  const std::size_t units = u.keys.size();
  const Design::GroupEstimates g =
      design.group_estimates(m.variable(), unit_codes, units, input.headline, m.share);
  std::vector<std::uint64_t> bases(units);
  for (std::size_t unit = 0; unit < units; ++unit) bases[unit] = g.in[unit].n;
  const std::vector<bool> hidden = suppressed_cells(bases, disclosure);

  stats::FunnelInput funnel_input;
  funnel_input.target = national.value;
  funnel_input.share = m.share;
  funnel_input.sd = base.sd;
  funnel_input.method = config.territory.overdispersion;
  std::vector<std::size_t> plotted;  // units in the funnel, in funnel_input order
  double smallest = INFINITY, largest = 0;
  for (std::size_t unit = 0; unit < units; ++unit) {
    const Estimate& e = g.in[unit];
    if (hidden[unit] || e.n == 0 || std::isnan(e.value)) continue;
    plotted.push_back(unit);
    funnel_input.units.push_back({e.value, effective_size(e)});
    smallest = std::min(smallest, effective_size(e));
    largest = std::max(largest, effective_size(e));
  }
  const stats::FunnelResult f = stats::funnel(funnel_input);
  std::vector<const stats::FunnelUnitResult*> result_of(units, nullptr);
  for (std::size_t i = 0; i < plotted.size(); ++i) result_of[plotted[i]] = &f.units[i];

  json unit_rows = json::array(), outside = json::array();
  for (std::size_t unit = 0; unit < units; ++unit) {
    json j = {{"key", u.keys[unit]},
              {"name", u.names[unit]},
              {"estimate", cell_json(g.in[unit], hidden[unit], disclosure)}};
    if (const stats::FunnelUnitResult* r = result_of[unit]) {
      j["size"] = effective_size(g.in[unit]);
      j["z"] = number_or_null(r->z);
      j["z_adjusted"] = number_or_null(r->z_adjusted);
      j["band"] = band_name(r->band);
      if (r->band != 0) outside.push_back({{"name", u.names[unit]}, {"band", band_name(r->band)}});
    }
    unit_rows.push_back(std::move(j));
  }
  add_rank_intervals(unit_rows, "estimate");
  json over = {{"method", stats::overdispersion_name(f.method)},
               {"configured", stats::overdispersion_name(config.territory.overdispersion)},
               {"phi", number_or_null(f.phi)},
               {"chi_square", number_or_null(f.chi_square)},
               {"df", plotted.empty() ? 0 : plotted.size() - 1},
               {"p_value", number_or_null(f.p_value)},
               {"tau", number_or_null(f.tau)},
               {"adjusted", f.adjusted},
               {"min_units", funnel_input.min_units},
               {"winsorized", funnel_input.winsorize}};
  return {{"id", m.id},
          {"label", m.label},
          {"type", m.share ? "share" : "mean"},
          {"scale", m.scale ? json::array({m.scale->min, m.scale->max}) : json(nullptr)},
          {"box", m.box ? json(*m.box) : json(nullptr)},
          {"national", estimate_json(national, disclosure)},
          {"units", std::move(unit_rows)},
          {"outside", std::move(outside)},
          {"funnel",
           {{"target", number_or_null(f.target)},
            {"sd", m.share ? json(nullptr) : number_or_null(f.sd)},
            {"size", design.weighted() ? "n_eff" : "n"},
            {"overdispersion", std::move(over)},
            {"limits", limits_json(f, smallest, largest)}}},
          {"spread", spread_json(input, m, u, period_codes, disclosure)}};
}

json level_json(const TerritoryInput& input, const std::vector<MetricBase>& bases,
                const TerritoryUnits& u, const std::vector<std::uint32_t>& unit_codes,
                const Config& config) {
  json units = json::array(), unknown = json::array();
  for (std::size_t unit = 0; unit < u.keys.size(); ++unit) {
    json j = {{"key", u.keys[unit]},
              {"name", u.names[unit]},
              {"rows", u.rows[unit]},
              {"recognized", static_cast<bool>(u.recognized[unit])},
              {"variants", u.variants[unit]}};
    if (u.regions[unit] > 0) j["region"] = padded(u.regions[unit], 2);
    if (!u.recognized[unit]) unknown.push_back({{"value", u.names[unit]}, {"rows", u.rows[unit]}});
    units.push_back(std::move(j));
  }
  const std::vector<std::uint32_t> period_codes = period_unit_codes(input, u, unit_codes);
  json metrics = json::array();
  for (std::size_t i = 0; i < input.metrics.size(); ++i)
    metrics.push_back(
        metric_json(input, input.metrics[i], bases[i], u, unit_codes, period_codes, config));
  return {{"level", territory_level_name(u.level)},
          {"column", u.column},
          {"source", u.source},
          {"reason", u.reason},
          {"units", std::move(units)},
          {"unknown", std::move(unknown)},
          {"metrics", std::move(metrics)}};
}

json section_json(json levels) {
  return {{"levels", std::move(levels)},
          {"method",
           "funnel plot after Spiegelhalter (2005): z-scores against the national value, "
           "winsorized at 10% per tail to estimate over-dispersion; when the chi-square test "
           "rejects at 5% and there are at least 10 units, the limits are widened (additive: a "
           "between-unit variance tau^2; multiplicative: by sqrt(phi))"}};
}

// The dashboard's filter as a list of rows: the values, units and periods of
// those rows only, on a design that still counts the others in n/(n-1)
// (Design::unweighted_subset), so that a small application costs little.
json territory_over_rows(const TerritoryInput& input, const std::vector<TerritoryUnits>& levels,
                         const Config& config) {
  const std::vector<std::uint32_t>& rows = *input.rows;
  const std::size_t n = rows.size();
  const bool sums = std::any_of(input.metrics.begin(), input.metrics.end(),
                                [](const TerritoryMetric& m) { return m.sums != nullptr; });
  if (input.design.weighted() || sums) {  // no compaction of weights or sums: the masks do it
    TerritoryInput masked = input;
    masked.rows = nullptr;
    masked.headline.assign(input.design.rows(), 0);
    for (std::uint32_t row : rows) masked.headline[row] = 1;
    masked.scope = masked.headline;
    return territory_json(masked, config);
  }
  std::vector<std::uint64_t> frequencies;  // of the held rows, for a cells file
  std::uint64_t design_records = input.design.rows();
  if (input.table.aggregated()) {
    design_records = input.table.records();
    frequencies.resize(n);
    for (std::size_t k = 0; k < n; ++k) frequencies[k] = input.table.frequency(rows[k]);
  }
  const Design design = Design::unweighted_subset(n, design_records, &frequencies);
  std::vector<std::vector<double>> values(input.metrics.size(), std::vector<double>(n));
  for (std::size_t i = 0; i < input.metrics.size(); ++i)
    for (std::size_t k = 0; k < n; ++k) values[i][k] = (*input.metrics[i].values)[rows[k]];
  Grouping periods;
  TerritoryInput sub{input.table, input.roles, design,  input.metrics,
                     {},          {},          nullptr, input.period_kind};
  for (std::size_t i = 0; i < sub.metrics.size(); ++i) sub.metrics[i].values = &values[i];
  if (input.periods) {
    periods.name = input.periods->name;
    periods.reason = input.periods->reason;
    periods.labels = input.periods->labels;
    periods.codes.resize(n);
    for (std::size_t k = 0; k < n; ++k) periods.codes[k] = input.periods->codes[rows[k]];
    sub.periods = &periods;
  }
  std::vector<MetricBase> bases;
  for (const TerritoryMetric& m : sub.metrics) bases.push_back(metric_base(sub, m));
  json out = json::array();
  std::vector<std::uint32_t> codes(n);
  for (const TerritoryUnits& u : levels) {
    for (std::size_t k = 0; k < n; ++k) codes[k] = u.codes[rows[k]];
    out.push_back(level_json(sub, bases, u, codes, config));
  }
  return section_json(std::move(out));
}

}  // namespace

TerritoryLevelsPtr territory_levels(const table::Table& table,
                                    const std::vector<ColumnRole>& roles) {
  auto out = std::make_unique<TerritoryLevels>();
  std::vector<TerritoryUnits>& levels = out->levels;
  for (std::size_t i = 0; i < roles.size(); ++i)
    if (roles[i].role == Role::territory) {
      TerritoryUnits u = units_of_column(table, i, roles[i]);
      if (!u.keys.empty()) levels.push_back(std::move(u));
    }
  const bool has_regions = std::any_of(levels.begin(), levels.end(), [](const TerritoryUnits& u) {
    return u.level == TerritoryLevel::region;
  });
  if (!has_regions)
    for (std::size_t i = 0, n = levels.size(); i < n; ++i)
      if (auto regions = regions_from(levels[i])) {
        levels.push_back(std::move(*regions));
        break;
      }
  std::stable_sort(
      levels.begin(), levels.end(),
      [](const TerritoryUnits& a, const TerritoryUnits& b) { return a.level < b.level; });
  return TerritoryLevelsPtr(out.release());
}

json territory_json(const TerritoryInput& input, const Config& config) {
  TerritoryLevelsPtr built;
  if (!input.levels) built = territory_levels(input.table, input.roles);
  const std::vector<TerritoryUnits>& levels = (input.levels ? input.levels : built.get())->levels;
  if (levels.empty() || input.metrics.empty()) return nullptr;
  if (input.rows) return territory_over_rows(input, levels, config);
  std::vector<MetricBase> bases;
  for (const TerritoryMetric& m : input.metrics) bases.push_back(metric_base(input, m));
  json out = json::array();
  for (const TerritoryUnits& u : levels)
    out.push_back(level_json(input, bases, u, u.codes, config));
  return section_json(std::move(out));
}

}  // namespace ascolto::report
