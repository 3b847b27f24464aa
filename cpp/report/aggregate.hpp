// A rating aggregated by the categories of a column: the group-by that
// feedback dashboards and breakdowns are made of, in one pass over the
// in-memory table (no re-reading of the file).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "report/config.hpp"
#include "table/table.hpp"

namespace ascolto::report {

struct AggregateRequest {
  std::string by;      ///< a categorical column
  std::string rating;  ///< a rating column; empty: the first one
};

/// Reads {"by": COLUMN, "rating": COLUMN?}.
Error parse_aggregate_request(const nlohmann::ordered_json& value, AggregateRequest& out);

/// {"by", "rating", "scale", "weighted", "groups": [{"value", "mean", "counts"}]}:
/// one group per category, largest first. Groups under the disclosure base
/// have their mean suppressed and their counts null. `roles` are the
/// table's (detect_roles).
Error aggregate_json(const table::Table& table, const std::vector<ColumnRole>& roles,
                     const Config& config, const AggregateRequest& request,
                     nlohmann::ordered_json& out);

}  // namespace ascolto::report
