// The touchpoint-volumes report: series (the measure columns of a wide
// table, or the categories of a long one) summed by month and year, change
// year over year and for the same months, the share of each series in the
// total (the channel mix), and the last year, when partial, projected to a
// full year by two stated methods (run-rate and seasonal) with their range.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/warnings.hpp"
#include "report/config.hpp"
#include "report/roles.hpp"
#include "table/table.hpp"

namespace ascolto::report {

/// What the volumes report reads from a table: the period columns, the
/// measures it sums and the categories that split them into series. The
/// reduction query (cpp/cells) keys the cells by the period and the
/// categories and sums the measures, so the report of the cells is the
/// report of the table.
struct VolumesLayout {
  std::vector<std::string> period_columns;
  bool daily = false;                   ///< the period is a date column: keyed by its day
  std::vector<std::string> measures;    ///< none: an event log, whose rows are counted
  std::vector<std::string> categories;  ///< the columns that split the series
};
std::optional<VolumesLayout> volumes_layout(const table::Table& table,
                                            const std::vector<ColumnRole>& roles);

nlohmann::ordered_json volumes_report(const table::Table& table,
                                      const std::vector<ColumnRole>& roles, const Config& config);

/// Projection of a partial year from `total` over its first `covered_days`:
/// run-rate (total scaled to the days of the year) and seasonal (total
/// divided by the share the same days had in each earlier complete year).
struct Projection {
  double run_rate = 0;
  double seasonal = 0;  ///< NaN without an earlier complete year
  double seasonal_share = 0;
  std::vector<int> seasonal_years;
};
Projection project_year(double total, int covered_days, int year_days,
                        const std::vector<std::pair<int, double>>& earlier_shares);

}  // namespace ascolto::report
