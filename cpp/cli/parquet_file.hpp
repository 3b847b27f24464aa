// Reads a Parquet file natively through the page's own reader: the command
// in ASCOLTO_PARQUET_CSV (scripts/ascolto sets it to node and
// scripts/parquet-csv.mjs, which uses web/parquet.js) prints the reading
// options on its first line and the file as CSV text after, which is fed
// to the core as the browser feeds it. One Parquet reader, not two.
#pragma once

#include <string>

#include "core/error.hpp"
#include "report/workspace.hpp"

namespace ascolto::cli {

/// Whether the file at `path` starts like a Parquet file ("PAR1").
bool is_parquet_file(const std::string& path);

/// Reads the Parquet file at `path` as one dataset (named `name`), finished.
/// The converter's failure is the dataset's error (unreadable_parquet).
Error read_parquet_file(report::Workspace& workspace, const std::string& path,
                        const std::string& name);

}  // namespace ascolto::cli
