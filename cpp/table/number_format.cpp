#include "table/number_format.hpp"

namespace ascolto::table {

namespace {

const char* mark_name(char decimal) {
  return decimal == ',' ? "a decimal ',' (thousands '.' or ' ')"
                        : "a decimal '.' (thousands ',' or ' ')";
}

}  // namespace

FileDecimal decide_file_decimal(const std::vector<std::pair<std::string, DecimalVotes>>& columns,
                                char delimiter) {
  std::size_t comma_columns = 0, point_columns = 0;
  const std::pair<std::string, DecimalVotes>*first_comma = nullptr, *first_point = nullptr;
  for (const auto& column : columns) {
    const DecimalVotes& v = column.second;
    if (v.numbers * 2 < v.filled || v.comma + v.point == 0) continue;
    if (v.comma >= v.point) {
      ++comma_columns;
      if (!first_comma) first_comma = &column;
    } else {
      ++point_columns;
      if (!first_point) first_point = &column;
    }
  }
  FileDecimal out;
  if (comma_columns + point_columns == 0) return out;
  out.mixed = comma_columns > 0 && point_columns > 0;
  const bool comma =
      comma_columns > point_columns || (comma_columns == point_columns && delimiter == ';');
  out.decimal = comma ? ',' : '.';
  const auto& example = comma ? *first_comma : *first_point;
  out.reason = std::string("the file writes numbers with ") + mark_name(out.decimal) +
               ": column '" + example.first + "' has '" + example.second.example + "'";
  if (out.mixed)
    out.reason += " (" + std::to_string(comma_columns) + " column(s) show a decimal ',' and " +
                  std::to_string(point_columns) + " a decimal '.': the majority is taken)";
  return out;
}

}  // namespace ascolto::table
