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
#include "stats/funnel.hpp"
#include "summary/sintesi.hpp"
#include "table/column.hpp"

namespace ascolto::report {

/// Disclosure control: figures on fewer respondents than `min_base` are
/// suppressed; under `low_base` they are flagged as low reliability.
struct Disclosure {
  std::uint64_t min_base = 5;  ///< never below 3
  std::uint64_t low_base = 30;
};

/// A composite index: the weighted mean of a respondent's answered items,
/// computed when at least `min_answered` (a share of the items' weight) is answered.
struct IndexDefinition {
  std::string name;
  std::vector<std::string> items;
  std::vector<double> weights;  ///< empty: equal
  double min_answered = 0.5;
};

/// Population margin of one column for raking: category -> share or total
/// (normalised to shares).
struct RakingMarginConfig {
  std::string column;
  std::vector<std::pair<std::string, double>> targets;
};

struct SurveyConfig {
  std::string overall;                   ///< the overall-satisfaction column; empty: detected
  std::string wave;                      ///< the wave/year column; empty: detected
  std::vector<std::string> profile;      ///< profile dimensions; empty: detected
  std::vector<IndexDefinition> indices;  ///< empty: the default indices found by name
  std::vector<RakingMarginConfig> raking;
  int raking_max_sweeps = 100;
  double raking_epsilon = 1e-7;  ///< relative to the sum of weights, as rake's control
  double significance = 0.05;    ///< level of the wave and group-vs-rest tests
};

struct TerritoryConfig {
  stats::Overdispersion overdispersion = stats::Overdispersion::additive;
};

struct Config {
  std::optional<DatasetKind> kind;  ///< unset: detected
  /// Files of one shape (the same header) given together are read as one
  /// dataset; the callers (CLI, JS) group them with append_to_dataset.
  bool combine = false;
  /// The sheets of a workbook to read, by name (empty: every sheet that
  /// holds a table; a picked sheet is read even if hidden or of notes).
  std::vector<std::string> sheets;
  csv::ReadOptions read;
  table::TypingOptions typing;
  std::string weight;  ///< weight column; empty: detected by name
  Disclosure disclosure;
  std::vector<std::pair<std::string, ColumnOverride>> columns;
  SurveyConfig survey;
  TerritoryConfig territory;
  summary::SintesiConfig sintesi;
  /// Set by a reader that converted a typed format to CSV ("parquet"): the
  /// file facts name it. Empty for CSV and workbooks.
  std::string source_format;
};

/// Reads a configuration object; unknown keys are errors (a typo must not
/// be silently ignored). An empty string is the default configuration.
Error parse_config(std::string_view text, Config& out);

}  // namespace ascolto::report
