// The reduction query: SQL that turns the agency's microdata into cells
// (cells/contract.hpp) on its own engine. Only the portable core of SQL
// (GROUP BY, COUNT, CAST); what differs between engines is written here,
// per dialect: identifier quoting and the day of a timestamp, in its own
// wall-clock time or in a named time zone. Weeks and months are worked out
// by the core from days, so no engine's week start (Sunday in BigQuery and
// ClickHouse) comes into it.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "report/config.hpp"
#include "report/roles.hpp"
#include "table/table.hpp"

namespace ascolto::cells {

enum class Dialect { duckdb, postgres, spark, bigquery, clickhouse, trino };
const char* dialect_name(Dialect d);
bool dialect_from_name(const std::string& name, Dialect& out);
/// Every dialect's name, for messages and the page's list.
std::vector<std::string> dialect_names();

/// An identifier, quoted for the dialect.
std::string quote_identifier(Dialect d, const std::string& name);
/// A string literal, escaped for the dialect.
std::string string_literal(Dialect d, const std::string& text);
/// The dialect's names of a double-precision number and of text, for CAST.
const char* double_type(Dialect d);
const char* text_type(Dialect d);

/// A key column of the cells and how its value is reduced.
struct KeyColumn {
  enum class By {
    value,  ///< as it is
    day,    ///< a date or timestamp: its day
    sign,   ///< a score: -1, 0 or +1 (a vendor's numeric sentiment)
  };
  std::string name;
  By by = By::value;
};
const char* key_by_name(KeyColumn::By by);

/// A column of the sample (or of the configuration) the keys are chosen from.
struct SampleColumn {
  std::string name;
  report::ColumnRole role;
  /// Written in words ("7 febbraio 2024"): the engine holds text it cannot
  /// cast, so the key is the text as written, which the core reads as in the sample.
  bool in_words = false;
};

struct SqlRequest {
  std::string kind;  ///< feedback, survey, volumes or media
  Dialect dialect = Dialect::duckdb;
  std::string source;     ///< the table, view or file expression, written as given
  std::string time_zone;  ///< empty: a timestamp's own wall-clock day; else its day there
};

/// The keys of a report kind, from a dataset's columns (a sample export, or
/// a configuration's columns): the columns the report reads, and only those.
Error keys_for(const std::string& kind, const std::vector<SampleColumn>& columns,
               std::vector<KeyColumn>& out);

/// The query, with a comment header naming the format, the dialect and
/// what the cells leave out: the keys, the count and each of `sums`
/// summed under its own name.
Error reduction_sql(const SqlRequest& request, const std::vector<KeyColumn>& keys,
                    const std::vector<std::string>& sums, std::string& out);

/// The keys and summed measures of the volumes and media reports: the
/// columns those reports read off `sample` (report::volumes_layout,
/// report::media_layout).
Error series_keys(const std::string& kind, const table::Table& sample,
                  const std::vector<report::ColumnRole>& roles, std::vector<KeyColumn>& keys,
                  std::vector<std::string>& sums);

/// The survey's query: the keys and sums (cells/survey_sums.hpp) of the
/// structure the report reads off `sample` with `config`.
Error survey_reduction_sql(const SqlRequest& request, const table::Table& sample,
                           const std::vector<report::ColumnRole>& roles,
                           const report::Config& config, std::vector<KeyColumn>& keys,
                           std::string& out);

}  // namespace ascolto::cells
