// Office Open XML workbooks (.xlsx): the small parts that say what the
// sheets are (workbook, relationships, styles), the shared strings, and a
// worksheet streamed cell by cell into SheetRows. Formulas are never
// computed: a formula cell is read by the value the writer stored.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "spreadsheet/cells.hpp"
#include "spreadsheet/sheet_rows.hpp"
#include "spreadsheet/xml.hpp"

namespace ascolto::spreadsheet {

struct XlsxSheet {
  std::string name;
  std::string path;  ///< of its part in the archive ("xl/worksheets/sheet1.xml")
  bool hidden = false;
  bool chart = false;  ///< a chart sheet: no cells
};

struct XlsxWorkbook {
  bool date1904 = false;
  /// Where the relationships put the styles and the shared strings (the
  /// usual names when they do not say).
  std::string styles_path = "xl/styles.xml";
  std::string shared_strings_path = "xl/sharedStrings.xml";
  std::vector<XlsxSheet> sheets;
  std::vector<NumberShows> styles;  ///< what each cell style (s="N") shows
  /// The shared strings, one after the other, and where each ends.
  std::string strings;
  std::vector<std::uint64_t> string_ends;
  std::string_view shared_string(std::size_t i) const;
};

/// Reads xl/workbook.xml (with its relationships, xl/_rels/workbook.xml.rels)
/// into `out`: the sheets in order and the date system.
Error read_xlsx_workbook(std::string_view workbook_xml, std::string_view rels_xml,
                         XlsxWorkbook& out);
/// Reads xl/styles.xml: which cell styles show dates.
Error read_xlsx_styles(std::string_view styles_xml, XlsxWorkbook& out);

/// Streams xl/sharedStrings.xml into out.strings.
class SharedStringsHandler : public XmlHandler {
 public:
  explicit SharedStringsHandler(XlsxWorkbook& out) : out_(out) {}
  void on_start(std::string_view name, const std::vector<XmlAttribute>&, bool) override;
  void on_end(std::string_view name) override;
  void on_text(std::string_view text, bool encoded) override;

 private:
  XlsxWorkbook& out_;
  std::string item_;
  bool in_item_ = false, in_text_ = false;
  int in_phonetic_ = 0;
};

/// Streams one worksheet's XML into SheetRows.
class XlsxSheetHandler : public XmlHandler {
 public:
  XlsxSheetHandler(const XlsxWorkbook& workbook, SheetRows& rows)
      : workbook_(workbook), rows_(rows) {}
  void on_start(std::string_view name, const std::vector<XmlAttribute>& attributes,
                bool self_closing) override;
  void on_end(std::string_view name) override;
  void on_text(std::string_view text, bool encoded) override;

 private:
  void end_cell();

  const XlsxWorkbook& workbook_;
  SheetRows& rows_;
  std::uint64_t row_ = 0;
  bool row_hidden_ = false;
  std::uint32_t column_ = 0;  // the next cell's column when it has no reference
  // The current cell.
  bool in_cell_ = false, in_value_ = false, in_inline_ = false, in_text_ = false;
  int in_phonetic_ = 0;
  bool has_value_ = false, has_formula_ = false;
  std::uint32_t cell_column_ = 0;
  std::string type_;
  NumberShows shows_ = NumberShows::number;
  std::string value_;
};

}  // namespace ascolto::spreadsheet
