// The report of one dataset: how the file was read, its columns, and the
// statistics of its rating columns.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/warnings.hpp"
#include "core/workers.hpp"
#include "csv/reader.hpp"
#include "report/config.hpp"
#include "report/feedback_report.hpp"
#include "spreadsheet/sheet_rows.hpp"
#include "table/table.hpp"

namespace ascolto::report {

struct DatasetInput {
  const std::string& name;
  const std::vector<csv::FileInfo>& files;  ///< how each file was read (one for a plain file)
  const table::Table& table;
  const std::vector<ColumnRole>& roles;  ///< of the table's columns, in order
  const Warnings& warnings;              ///< from reading; the report adds its own to a copy
  const Config& config;
  FeedbackCachePtr& feedback_cache;                ///< the comments' words, kept between requests
  const spreadsheet::SheetFacts* sheet = nullptr;  ///< a workbook's sheet: how it was read
  /// Threads for the report's independent parts (used for a table read on
  /// threads, a large one).
  core::Workers* workers = nullptr;
};

nlohmann::ordered_json dataset_report(const DatasetInput& input);

/// A dataset that could not be analysed: its error, and as much of how the
/// file was read as is known (rows and their reasons, warnings, the first
/// lines), so that the reader can tell what to change.
nlohmann::ordered_json failed_dataset_json(const spreadsheet::SheetFacts* sheet,
                                           const std::string& name, const Error& error,
                                           const csv::FileInfo& file, const table::Table& table,
                                           const Warnings& warnings);

/// {"code", "message", "line"} of an error (line null when unknown).
nlohmann::ordered_json error_json(const Error& error);

}  // namespace ascolto::report
