// The decimal mark of a whole file. Within one export every column writes
// numbers the same way, so a column whose values read two ways ("173.376":
// 173,376 with '.' thousands, or 173.376 with a decimal point) takes the
// mark that the other columns show ("2.139.112", "3,93", "12.5").
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "table/column.hpp"

namespace ascolto::table {

struct FileDecimal {
  char decimal = 0;  ///< ',' or '.'; 0 when no column tells
  std::string reason;
  bool mixed = false;  ///< columns disagree: the majority was taken
};

/// Decides from the votes of each column (name, votes). A column votes when
/// at least half of its values are numbers and some of them show a mark.
FileDecimal decide_file_decimal(const std::vector<std::pair<std::string, DecimalVotes>>& columns,
                                char delimiter);

}  // namespace ascolto::table
