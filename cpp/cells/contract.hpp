// The cells contract: what a file reduced by the agency's own engine looks
// like. One row per combination of the key columns (application, device,
// day, rating, office, ...) and a count column, named `kCountColumn`, with
// the records the row stands for. Counts add, so cells from several
// partitions, nodes or files merge by addition; the name carries the
// format's version.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

#include "core/warnings.hpp"
#include "report/roles.hpp"
#include "table/table.hpp"

namespace ascolto::cells {

/// The count column of format version 1.
inline constexpr const char* kCountColumn = "ascolto_cells_v1";
inline constexpr const char* kFormat = "ascolto-cells v1";

/// The count column (the first with the role `count`): none for microdata.
std::optional<std::size_t> count_column(const std::vector<report::ColumnRole>& roles);

/// Sets `table.frequencies` from the count column `count` (an index into
/// table.columns): a row whose count is missing, negative or not whole
/// stands for no record and is reported with its line.
void apply_counts(table::Table& table, std::size_t count, Warnings& warnings);

/// Whether the report of this kind (survey, feedback, ...) is computed
/// from cells; the others are named as unavailable, never computed as if
/// each cell were one record.
bool kind_supported(const std::string& kind);

/// The report's "aggregated" note: {"format", "count_column", "cells",
/// "records", "unavailable": [{"part", "reason"}]}: what the report of
/// this kind cannot carry from cells, for the page to name.
nlohmann::ordered_json aggregated_json(const table::Table& table, std::size_t count,
                                       const std::string& kind);

}  // namespace ascolto::cells
