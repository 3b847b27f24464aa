#include "report/ratings.hpp"

#include <algorithm>
#include <cmath>

#include "stats/estimate.hpp"

namespace ascolto::report {

nlohmann::ordered_json scale_json(const RatingScale& scale) {
  return {{"min", scale.min},
          {"max", scale.max},
          {"top_box", scale.top_box()},
          {"bottom_box", scale.bottom_box()}};
}

RatingValues rating_values(const table::Column& c, const RatingScale& scale,
                           const table::Table& table, Warnings* warnings) {
  const table::RowLines& row_lines = table.row_lines;
  RatingValues out;
  out.values = c.numbers;
  const bool has_not_applicable = !scale.not_applicable.empty();  // most scales have none
  for (std::size_t row = 0; row < out.values.size(); ++row) {
    double& v = out.values[row];
    if (std::isnan(v)) continue;
    if (has_not_applicable && scale.not_applicable_value(v)) {
      out.not_applicable += table.frequency(row);
      v = stats::kNaN;
    } else if (!scale.on_scale(v)) {
      out.out_of_scale += table.frequency(row);
      if (warnings)
        warnings->add("rating_out_of_scale", c.name, row_lines[row],
                      "Ratings outside the scale are left out of the statistics.");
      v = stats::kNaN;
    }
  }
  return out;
}

Weights survey_weights(const table::Table& table, const std::vector<ColumnRole>& roles,
                       Warnings* warnings) {
  Weights out;
  for (std::size_t i = 0; i < roles.size() && !out.column; ++i)
    if (roles[i].role == Role::weight && table::is_numeric_type(table.columns[i].type))
      out.column = &table.columns[i];
  out.design_rows = table.records();
  if (!out.column) return out;
  out.values = out.column->numbers;
  for (std::size_t row = 0; row < out.values.size(); ++row) {
    if (std::isnan(out.values[row]) || out.values[row] <= 0) {
      if (warnings)
        warnings->add("unusable_weight", out.column->name, table.row_lines[row],
                      "Rows without a positive weight are left out of weighted estimates.");
      out.values[row] = stats::kNaN;
      out.design_rows -= table.frequency(row);
    }
  }
  return out;
}

}  // namespace ascolto::report
