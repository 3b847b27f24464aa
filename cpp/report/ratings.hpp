// The values that enter rating statistics: ratings within their scale and
// positive weights. Shared by every section that estimates from ratings.
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/warnings.hpp"
#include "report/roles.hpp"
#include "table/table.hpp"

namespace ascolto::report {

/// The valid rating of each row: NaN for missing, "not applicable" or out
/// of the scale, with counts of what was set aside.
struct RatingValues {
  std::vector<double> values;
  std::uint64_t not_applicable = 0;
  std::uint64_t out_of_scale = 0;
};

/// How a scale appears in the report: {"min", "max", "top_box": [from, to],
/// "bottom_box": [from, to]}, the boxes of the top-2 and bottom-2 shares.
nlohmann::ordered_json scale_json(const RatingScale& scale);

/// Out-of-scale values are reported to `warnings` (when given) with their
/// lines; the counts are of records (a cells file's rows count their records).
RatingValues rating_values(const table::Column& column, const RatingScale& scale,
                           const table::Table& table, Warnings* warnings);

/// The survey weights of a table: the weight column of `roles` (if any) and
/// each row's usable weight, NaN where missing or not positive (reported to
/// `warnings` when given).
struct Weights {
  const table::Column* column = nullptr;
  std::vector<double> values;
  std::uint64_t design_rows = 0;  ///< records with a usable weight (all when unweighted)
  bool present() const { return column != nullptr; }
  double at(std::size_t row) const { return column ? values[row] : 1.0; }
};

Weights survey_weights(const table::Table& table, const std::vector<ColumnRole>& roles,
                       Warnings* warnings);

}  // namespace ascolto::report
