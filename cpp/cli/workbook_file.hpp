// Reads a workbook file into a Workspace natively: the bytes the core asks
// for, inflated by zlib. The browser does the same in web/engine.js with
// DecompressionStream.
#pragma once

#include <string>

#include "core/error.hpp"
#include "report/workspace.hpp"

namespace ascolto::cli {

/// Whether the file at `path` starts like a workbook or a ZIP archive.
bool is_workbook_file(const std::string& path);

/// Reads the workbook at `path` (named `name` in the report). Returns the
/// error of the whole file (damaged, encrypted...), which the report also
/// holds; a sheet's own error is in its dataset.
Error read_workbook_file(report::Workspace& workspace, const std::string& path,
                         const std::string& name);

}  // namespace ascolto::cli
