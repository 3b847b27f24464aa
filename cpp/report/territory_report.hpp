// Territorial listening: is the service equally good everywhere? For each
// territorial column (region, province, office; regions also derived from
// provinces or offices), every metric of the survey or feedback report per
// unit with n and CI under the usual disclosure rules, a funnel plot
// against the national value with over-dispersion handled, and the spread
// between units per wave or month.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/config.hpp"
#include "report/roles.hpp"
#include "report/survey_structure.hpp"
#include "stats/design.hpp"
#include "table/table.hpp"

namespace ascolto::report {

struct TerritoryMetric {
  std::string id;     ///< a column or index name, or "top2:<column>"
  std::string label;  ///< what the page shows
  bool share = false;
  const std::vector<double>* values = nullptr;  ///< per row; NaN missing
  std::optional<RatingScale> scale;             ///< of a mean, for the charts' axes
  const stats::RowSums* sums = nullptr;         ///< a survey cells file's, instead of values
  std::optional<std::array<double, 2>> box;     ///< a top-box share: the points it counts
  stats::Variable variable() const { return sums ? stats::Variable(*sums) : *values; }
};

/// Each territorial column's units and each row's unit (regions also
/// derived from provinces or offices): what does not depend on a filter,
/// built once per table and reused by every filter of the dashboard.
struct TerritoryLevels;
struct TerritoryLevelsDeleter {
  void operator()(const TerritoryLevels* levels) const;
};
using TerritoryLevelsPtr = std::unique_ptr<const TerritoryLevels, TerritoryLevelsDeleter>;
TerritoryLevelsPtr territory_levels(const table::Table& table,
                                    const std::vector<ColumnRole>& roles);

struct TerritoryInput {
  const table::Table& table;
  const std::vector<ColumnRole>& roles;
  const stats::Design& design;
  std::vector<TerritoryMetric> metrics;
  std::vector<char> headline;  ///< rows of the headline figures (current wave, filter); empty: all
  std::vector<char> scope;     ///< rows of the spread over time (the filter); empty: all
  const Grouping* periods = nullptr;        ///< waves or months; none: no spread over time
  std::string period_kind;                  ///< "wave" or "month"
  const TerritoryLevels* levels = nullptr;  ///< from territory_levels; null: built here
  /// The dashboard's filter as a list of rows, standing for both headline
  /// and scope (left empty then): only these rows are visited.
  const std::vector<std::uint32_t>* rows = nullptr;
};

/// The "territory" section, or null when the file has no territorial column.
nlohmann::ordered_json territory_json(const TerritoryInput& input, const Config& config);

}  // namespace ascolto::report
