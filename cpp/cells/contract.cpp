#include "cells/contract.hpp"

#include <algorithm>
#include <cmath>

namespace ascolto::cells {

using json = nlohmann::ordered_json;

void apply_counts(table::Table& table, std::size_t count, Warnings& warnings) {
  const table::Column& column = table.columns[count];
  table.frequencies.assign(table.rows.used, 0);
  const bool numeric = table::is_numeric_type(column.type);
  for (std::size_t row = 0; row < table.rows.used; ++row) {
    const double v = numeric ? column.numbers[row] : NAN;
    // 2^53: past it a double no longer holds every whole number.
    if (std::isnan(v) || v < 0 || v != std::floor(v) || v > 9007199254740992.0) {
      warnings.add("invalid_count", column.name, table.row_lines[row],
                   "A cell's count must be a whole number of 0 or more: the row stands for no "
                   "record.");
      continue;
    }
    table.frequencies[row] = static_cast<std::uint64_t>(v);
  }
}

std::optional<std::size_t> count_column(const std::vector<report::ColumnRole>& roles) {
  for (std::size_t i = 0; i < roles.size(); ++i)
    if (roles[i].role == report::Role::count) return i;
  return std::nullopt;
}

bool kind_supported(const std::string& kind) {
  return kind == "feedback" || kind == "survey" || kind == "volumes" || kind == "media";
}

json aggregated_json(const table::Table& table, std::size_t count, const std::string& kind) {
  json unavailable = json::array();
  if (kind == "feedback") {
    unavailable.push_back(
        {{"part", "comments"},
         {"reason",
          "comments and what they say (terms, sentiment) are texts, not sums; a sample of "
          "comments can be read as a second file"}});
    unavailable.push_back(
        {{"part", "other_columns"},
         {"reason", "a column that is not a key of the cells cannot be shown or filtered on"}});
  } else if (kind == "survey") {
    const std::pair<const char*, const char*> parts[] = {
        {"free_text", "free-text answers are texts, not sums"},
        {"weight_range", "the smallest and largest weight are not sums"},
        {"other_columns",
         "a column that is not a key of the cells cannot be a breakdown or a filter"}};
    for (const auto& [part, reason] : parts)
      unavailable.push_back({{"part", part}, {"reason", reason}});
    // Cells written before the drivers' sums (pair__<item>__...) lack them.
    if (std::none_of(table.columns.begin(), table.columns.end(),
                     [](const table::Column& c) { return c.name.rfind("pair__", 0) == 0; }))
      unavailable.push_back(
          {{"part", "drivers"},
           {"reason",
            "the importance of an item is its correlation with the overall rating: these "
            "cells lack the sums it needs (pair__<item>__...)"}});
  } else if (kind == "volumes") {
    unavailable.push_back(
        {{"part", "other_columns"},
         {"reason", "a column that is not a key of the cells cannot be shown or filtered on"}});
  } else if (kind == "media") {
    const std::pair<const char*, const char*> parts[] = {
        {"items",
         "the items themselves (titles, the items behind an alert, each item's sentiment) are "
         "what the cells reduce away"},
        {"computed_sentiment",
         "an item without the vendor's sentiment is scored by Ascolto from its title and text, "
         "which the cells do not carry: such items count as without sentiment"},
        {"other_columns",
         "a column that is not a key of the cells cannot be shown or filtered on"}};
    for (const auto& [part, reason] : parts)
      unavailable.push_back({{"part", part}, {"reason", reason}});
  } else {
    unavailable.push_back(
        {{"part", kind},
         {"reason",
          "this report is not computed from cells yet: computing it as if each cell "
          "were one record would give wrong figures"}});
  }
  return {{"format", kFormat},
          {"count_column", table.columns[count].name},
          {"cells", table.rows.used},
          {"records", table.records()},
          {"unavailable", std::move(unavailable)}};
}

}  // namespace ascolto::cells
