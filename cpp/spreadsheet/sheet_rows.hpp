// The rows of one worksheet, as the workbook's XML gives them, made into
// the header and rows of a table: the first rows are held until the
// table's place on the sheet is known (the title rows above it, the empty
// columns left of it, its width), as the CSV reader holds its first 64
// KiB; then every row streams into the same table::TableBuilder a CSV
// file feeds. A sheet that holds only notes, or nothing, is not a table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/warnings.hpp"
#include "csv/dialect.hpp"
#include "table/table.hpp"

namespace ascolto::spreadsheet {

/// What a cell holds, as the workbook typed it.
enum class CellKind : std::uint8_t { empty, text, number, date, boolean, error };

/// How a sheet was read: it goes in the report as "file.sheet".
struct SheetFacts {
  std::string workbook;           ///< the file's name
  std::string format;             ///< "xlsx" or "ods"
  std::string sheet;              ///< the sheet's name
  std::size_t index = 0;          ///< its place among the workbook's sheets
  std::uint64_t last_row = 0;     ///< the last row that holds anything
  std::uint64_t blank_rows = 0;   ///< empty rows between the first and last, skipped
  std::uint64_t hidden_rows = 0;  ///< of the table's rows: read as data
  std::uint64_t hidden_columns = 0;
  std::uint64_t merged_cells = 0;            ///< merged ranges on the sheet
  std::uint64_t error_cells = 0;             ///< #DIV/0!, #N/D...: read as missing
  std::uint64_t formulas_without_value = 0;  ///< never computed by the writer: missing
  std::uint64_t cells_outside = 0;           ///< cells left of the table, not read
  std::uint32_t first_column = 0;            ///< the table's first column (0 = A)
  std::string date_system;                   ///< "1900", "1904" or "" (ODF stores dates as dates)
  bool header = true;
  std::string header_reason;
  csv::Preamble preamble;
  std::vector<std::string> first_lines;  ///< the first rows as text
};

/// Where the sheet readers put what they find: the Workspace, which makes
/// a dataset of each table.
class SheetSink {
 public:
  virtual ~SheetSink() = default;
  /// A sheet holds a table: the builder of its dataset, and its warnings.
  virtual table::TableBuilder& begin_sheet(const SheetFacts& facts, Warnings*& warnings) = 0;
  /// The sheet begun last ends; `error` when it could not be read.
  virtual void end_sheet(const SheetFacts& facts, const Error& error) = 0;
  /// A sheet left out, with the reason ("holds only notes", "empty", "hidden").
  virtual void skip_sheet(const SheetFacts& facts, const std::string& reason) = 0;
};

struct SheetOptions {
  bool read_any = false;       ///< read even a sheet of notes (the only sheet, or picked)
  std::optional<bool> header;  ///< set in the configuration
  std::uint64_t max_rows = 1048576;
  std::uint32_t max_columns = 16384;
  std::uint64_t max_text_bytes = 2ull << 30;  ///< see InflateLimits::max_sheet_text
};

class SheetRows {
 public:
  SheetRows(SheetFacts facts, SheetSink& sink, SheetOptions options);

  /// A cell of the current row; columns are 0-based, in any order.
  void cell(std::uint32_t column, std::string_view text, CellKind kind);
  /// Ends the current row (1-based number), repeated `repeat` times (ODF).
  Error end_row(std::uint64_t row, bool hidden, std::uint64_t repeat = 1);
  void hide_column(std::uint32_t column) { hidden_columns_.push_back(column); }
  void add_merged(std::uint64_t count = 1) { facts_.merged_cells += count; }
  void formula_without_value() { ++facts_.formulas_without_value; }
  void set_date_system(std::string system) { facts_.date_system = std::move(system); }
  /// The end of the sheet: the held rows are decided and sent; the sink
  /// hears end_sheet or skip_sheet. `error` (from the XML) fails the sheet.
  void finish(Error error = {});

  std::uint32_t max_columns() const { return options_.max_columns; }
  bool failed() const { return static_cast<bool>(error_); }

 private:
  struct HeldRow {
    std::vector<std::string> cells;
    std::vector<CellKind> kinds;
    std::uint64_t row;
    bool hidden;
  };
  /// Decides where the table is from the held rows and starts the dataset.
  void decide();
  void send(const std::vector<std::string>& cells, const std::vector<CellKind>& kinds,
            std::size_t used, std::uint64_t row, bool hidden, std::uint64_t repeat);
  Error over_limits(const std::string& what, std::uint64_t row);
  Error too_much_text(std::uint64_t row);

  SheetFacts facts_;
  SheetSink& sink_;
  SheetOptions options_;
  Error error_;
  // The current row.
  std::vector<std::string> cells_;
  std::vector<CellKind> kinds_;
  std::size_t used_ = 0;
  std::uint64_t row_bytes_ = 0;   // the current row's cell text
  std::uint64_t text_bytes_ = 0;  // the sheet's so far, each row times its repeat
  // Before the table's place is known.
  bool decided_ = false;
  bool skipped_ = false;
  std::vector<HeldRow> held_;
  std::size_t held_bytes_ = 0;
  std::uint64_t first_row_ = 0;  ///< the first row that holds anything
  std::vector<std::uint32_t> hidden_columns_;
  // Once the table streams.
  table::TableBuilder* builder_ = nullptr;
  Warnings* warnings_ = nullptr;
  std::size_t width_ = 0;  ///< the header's width
  std::vector<std::string> names_;
  /// Per column: number cells, and text cells with a digit ("1.234,5"
  /// typed as text). A column of numbers alone is read with the decimal
  /// point whatever the rest of the sheet says; a mixed one as a CSV would.
  std::vector<std::uint64_t> number_cells_, digit_text_cells_;
  std::vector<std::string_view> views_;
  std::uint64_t first_error_row_ = 0;
  std::string first_error_value_;
};

}  // namespace ascolto::spreadsheet
