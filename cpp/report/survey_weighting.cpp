#include "report/survey_weighting.hpp"

#include <algorithm>
#include <cmath>

#include "cells/survey_sums.hpp"
#include "report/estimate_json.hpp"
#include "stats/raking.hpp"

namespace ascolto::report {

namespace {

using json = nlohmann::ordered_json;
using table::kMissingCode;

struct PreparedMargin {
  std::string column;
  Grouping grouping;
  std::vector<double> shares;  ///< per category of the grouping, summing to 1
};

// Matches the configured categories to the data's; false (with a warning)
// when a category of the data has no population figure, as survey::rake
// refuses such a margin.
bool prepare_margin(const table::Table& table, const RakingMarginConfig& config, Warnings& warnings,
                    PreparedMargin& out) {
  const table::Column* column = table.find(config.column);
  std::optional<Grouping> grouping;
  if (column) grouping = grouping_of_column(*column, "raking margin");
  if (!grouping) {
    warnings.add("raking_not_applied", config.column, 0,
                 "A raking margin must name a column of categories of the file; no raking done.");
    return false;
  }
  out.column = config.column;
  out.grouping = std::move(*grouping);
  out.shares.assign(out.grouping.labels.size(), 0.0);
  std::vector<bool> present(out.grouping.labels.size(), false);
  for (std::uint32_t code : out.grouping.codes)
    if (code != kMissingCode) present[code] = true;
  double total = 0;
  for (const auto& [category, value] : config.targets) {
    const auto it = std::find(out.grouping.labels.begin(), out.grouping.labels.end(), category);
    if (it == out.grouping.labels.end() || !present[it - out.grouping.labels.begin()]) {
      warnings.add("raking_category_absent", config.column, 0,
                   "A category of a raking margin has no respondents (\"" + category +
                       "\"); the other shares are rescaled.");
      continue;
    }
    out.shares[it - out.grouping.labels.begin()] = value;
    total += value;
  }
  for (std::size_t c = 0; c < present.size(); ++c) {
    if (present[c] && out.shares[c] == 0) {
      warnings.add("raking_not_applied", config.column, 0,
                   "The raking margin has no population figure for \"" + out.grouping.labels[c] +
                       "\"; no raking done.");
      return false;
    }
  }
  for (double& share : out.shares) share /= total;
  return true;
}

// The design's weights: rows, Kish's n_eff and design effect from the
// totals; the smallest and largest weight of microdata (cells carry sums,
// not single weights).
json weights_summary(const stats::Design& d) {
  const double sw = d.weight_total(), sw2 = d.weight_squares_total();
  const double n = static_cast<double>(d.design_records());
  double lo = INFINITY, hi = -INFINITY;
  if (!d.from_cells())
    for (std::size_t row = 0; row < d.rows(); ++row)
      if (d.in_design(row)) {
        lo = std::min(lo, d.weight(row));
        hi = std::max(hi, d.weight(row));
      }
  const bool range = !d.from_cells() && n > 0;
  return {{"rows", d.design_records()},
          {"n_eff", sw2 > 0 ? json(sw * sw / sw2) : json(nullptr)},
          {"design_effect", sw > 0 ? json(n * sw2 / (sw * sw)) : json(nullptr)},
          {"design_effect_method", "Kish: n * sum(w^2) / sum(w)^2"},
          {"weight_min", range ? json(lo) : json(nullptr)},
          {"weight_max", range ? json(hi) : json(nullptr)}};
}

}  // namespace

WeightingResult survey_weighting(const table::Table& table, const SurveyStructure& structure,
                                 const Weights& weights, const Config& config, Warnings& warnings) {
  const std::size_t rows = table.rows.used;
  const SurveyConfig& sc = config.survey;
  std::vector<PreparedMargin> margins;
  bool rakeable = !sc.raking.empty();
  for (const RakingMarginConfig& m : sc.raking) {
    PreparedMargin prepared;
    if (!prepare_margin(table, m, warnings, prepared)) rakeable = false;
    margins.push_back(std::move(prepared));
  }
  // A cells file: each row's weight is the sum over its records, which
  // raking scales alike.
  std::vector<double> cell_w, cell_w2;
  bool cells_weighted = false;
  if (structure.from_cells)
    cells::cell_weight_sums(table, weights.present() ? &weights.values : nullptr, cell_w, cell_w2,
                            cells_weighted);
  auto weight_column = [&]() -> json {
    if (weights.present()) return weights.column->name;
    return cells_weighted ? json(cells::kWeightSum) : json(nullptr);
  };
  const bool weighted = structure.from_cells ? cells_weighted : weights.present();
  if (!rakeable) {
    json summary = {{"method", weighted ? "column" : "none"}, {"column", weight_column()}};
    stats::Design d = structure.from_cells ? stats::Design::cells(&table.frequencies, cell_w,
                                                                  cell_w2, cells_weighted)
                                           : stats::Design(weights.values, rows);
    summary.update(weights_summary(d));
    summary["raking"] = nullptr;
    return {std::move(d), std::move(summary)};
  }

  // Start from the weight column (or 1); rows without a category in every
  // margin (or without a wave) cannot be raked and leave the design.
  std::vector<double> start(rows, 1.0);
  if (structure.from_cells)
    start = cell_w;
  else if (weights.present())
    start = weights.values;
  const Grouping* wave = structure.wave ? &*structure.wave : nullptr;
  std::uint64_t left_out = 0;
  for (std::size_t row = 0; row < rows; ++row) {
    bool missing = wave && wave->codes[row] == kMissingCode;
    for (const PreparedMargin& m : margins)
      missing = missing || m.grouping.codes[row] == kMissingCode;
    if (missing && !std::isnan(start[row])) {
      left_out += table.frequency(row);
      warnings.add(
          "raking_missing_category", margins[0].column, table.row_lines[row],
          "Rows without a category of a raking margin are left out of the raked estimates.");
      start[row] = stats::kNaN;
    }
  }
  // Within each wave, each margin's totals are its shares of the wave's weight.
  const std::size_t waves = wave ? wave->labels.size() : 1;
  std::vector<double> wave_total(waves, 0.0);
  for (std::size_t row = 0; row < rows; ++row)
    if (!std::isnan(start[row])) wave_total[wave ? wave->codes[row] : 0] += start[row];
  std::vector<stats::RakingMargin> raking_margins;
  for (const PreparedMargin& m : margins) {
    const std::size_t k = m.grouping.labels.size();
    stats::RakingMargin r;
    r.codes.assign(rows, 0);
    r.targets.assign(waves * k, 0.0);
    for (std::size_t w = 0; w < waves; ++w)
      for (std::size_t c = 0; c < k; ++c) r.targets[w * k + c] = m.shares[c] * wave_total[w];
    for (std::size_t row = 0; row < rows; ++row)
      if (!std::isnan(start[row]))
        r.codes[row] =
            static_cast<std::uint32_t>((wave ? wave->codes[row] : 0) * k + m.grouping.codes[row]);
    raking_margins.push_back(std::move(r));
  }
  stats::RakingResult raked =
      stats::rake(std::move(start), raking_margins, sc.raking_max_sweeps, sc.raking_epsilon);
  if (!raked.converged)
    warnings.add("raking_not_converged", margins[0].column, 0,
                 "Raking did not converge within the allowed iterations; estimates use the last "
                 "weights.");

  json margins_json = json::array();
  for (const PreparedMargin& m : margins) {
    json categories = json::array();
    for (std::size_t c = 0; c < m.grouping.labels.size(); ++c)
      categories.push_back({{"value", m.grouping.labels[c]}, {"target_share", m.shares[c]}});
    margins_json.push_back({{"column", m.column}, {"categories", std::move(categories)}});
  }
  json summary = {{"method", "raking"}, {"column", weight_column()}};
  stats::Design design =
      structure.from_cells
          ? stats::Design::cells(&table.frequencies, std::move(raked.weights), std::move(cell_w2),
                                 cells_weighted, std::move(raked.calibration))
          : stats::Design(std::move(raked.weights), rows, std::move(raked.calibration));
  summary.update(weights_summary(design));
  summary["raking"] = {{"margins", std::move(margins_json)},
                       {"within_waves", wave != nullptr},
                       {"sweeps", raked.sweeps},
                       {"converged", raked.converged},
                       {"last_change", raked.last_change},
                       {"epsilon", sc.raking_epsilon},
                       {"rows_left_out", left_out},
                       {"method",
                        "iterative proportional fitting as survey::rake; variances with the "
                        "raking residuals as survey:::svyrecvar"}};
  return {std::move(design), std::move(summary)};
}

}  // namespace ascolto::report
