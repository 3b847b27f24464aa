// The user's configuration: what to force instead of guessing. The same
// JSON object comes from the CLI (--config FILE) and from JavaScript.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "csv/reader.hpp"
#include "report/roles.hpp"
#include "table/column.hpp"

namespace ascolto::report {

/// Disclosure control: figures on fewer respondents than `min_base` are
/// suppressed; under `low_base` they are flagged as low reliability.
struct Disclosure {
  std::uint64_t min_base = 5;  ///< never below 3
  std::uint64_t low_base = 30;
};

struct Config {
  std::optional<DatasetKind> kind;  ///< unset: detected
  csv::ReadOptions read;
  table::TypingOptions typing;
  std::string weight;  ///< weight column; empty: detected by name
  Disclosure disclosure;
  std::vector<std::pair<std::string, ColumnOverride>> columns;
};

/// Reads a configuration object; unknown keys are errors (a typo must not
/// be silently ignored). An empty string is the default configuration.
Error parse_config(std::string_view text, Config& out);

}  // namespace ascolto::report
