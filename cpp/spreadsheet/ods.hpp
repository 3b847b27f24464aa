// OpenDocument spreadsheets (.ods): content.xml holds every sheet
// (table:table) in turn, streamed cell by cell into one SheetRows per
// sheet. Repeated rows and cells (number-rows-repeated) are expanded only
// when they hold something: the millions of empty cells LibreOffice writes
// after the data cost nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "spreadsheet/sheet_rows.hpp"
#include "spreadsheet/xml.hpp"

namespace ascolto::spreadsheet {

class OdsContentHandler : public XmlHandler {
 public:
  /// Makes the SheetRows of a sheet by its name (and whether the workbook
  /// hides it), or nullptr to skip it.
  using SheetFactory =
      std::function<std::unique_ptr<SheetRows>(const std::string& name, bool hidden)>;
  explicit OdsContentHandler(SheetFactory factory) : factory_(std::move(factory)) {}

  void on_start(std::string_view name, const std::vector<XmlAttribute>& attributes,
                bool self_closing) override;
  void on_end(std::string_view name) override;
  void on_text(std::string_view text, bool encoded) override;
  /// The part ended (or failed): a sheet left open is finished with `error`.
  void finish(const Error& error);
  /// The sheet being read failed (beyond the limits): stop feeding.
  bool failed() const { return sheet_ && sheet_->failed(); }

 private:
  void end_cell();

  SheetFactory factory_;
  std::vector<std::string> hidden_styles_;  // table styles with table:display="false"
  std::string style_;                       // the table style being read
  std::unique_ptr<SheetRows> sheet_;
  bool in_table_ = false;
  int nested_tables_ = 0;  // a table inside a cell (rare): its cells are the cell's text
  std::uint64_t row_ = 0;  // rows before the current one
  std::uint64_t row_repeat_ = 1;
  bool row_hidden_ = false;
  std::uint32_t column_ = 0;   // cells before the current one in the row
  std::uint32_t columns_ = 0;  // table:table-column elements so far
  // The current cell.
  bool in_cell_ = false;
  std::uint64_t cell_repeat_ = 1;
  std::string value_type_, value_, text_;
  bool error_ = false;
  int paragraphs_ = 0;
  int in_annotation_ = 0;
};

}  // namespace ascolto::spreadsheet
