#include "spreadsheet/sheet_rows.hpp"

#include <algorithm>

namespace ascolto::spreadsheet {

namespace {

constexpr std::size_t kHeldRows = 1000;  // as many records as the CSV sample
constexpr std::size_t kHeldBytes = 1u << 20;

std::string row_text(const std::vector<std::string>& cells) {
  std::string out;
  for (const std::string& c : cells) {
    if (!out.empty()) out += " | ";
    out += c;
  }
  if (out.size() > 200) out.resize(200);
  return out;
}

}  // namespace

SheetRows::SheetRows(SheetFacts facts, SheetSink& sink, SheetOptions options)
    : facts_(std::move(facts)), sink_(sink), options_(options) {}

void SheetRows::cell(std::uint32_t column, std::string_view text, CellKind kind) {
  if (error_ || skipped_) return;
  if (column >= options_.max_columns) {
    if (!text.empty() || kind == CellKind::error)
      error_ = over_limits("a cell beyond column " + std::to_string(options_.max_columns), 0);
    return;
  }
  if (text.empty() && kind != CellKind::error) return;
  row_bytes_ += text.size();
  if (row_bytes_ > options_.max_text_bytes) {
    error_ = too_much_text(0);
    return;
  }
  if (column >= cells_.size()) {
    cells_.resize(column + 1);
    kinds_.resize(column + 1);
  }
  for (; used_ <= column; ++used_) {
    cells_[used_].clear();
    kinds_[used_] = CellKind::empty;
  }
  cells_[column].assign(text);
  kinds_[column] = kind;
}

Error SheetRows::over_limits(const std::string& what, std::uint64_t row) {
  return make_error(ErrorCode::sheet_over_limits,
                    "The sheet '" + facts_.sheet + "' has " + what + ": more than a workbook (" +
                        std::to_string(options_.max_rows) + " rows x " +
                        std::to_string(options_.max_columns) +
                        " columns) may hold. Split it, or export it as CSV.",
                    row);
}

Error SheetRows::too_much_text(std::uint64_t row) {
  return make_error(ErrorCode::zip_bomb,
                    "The sheet '" + facts_.sheet + "' expands to more than " +
                        std::to_string(options_.max_text_bytes >> 20) +
                        " MiB of cell text (repeated rows or cells, or a shared string used "
                        "again and again): out of proportion for a workbook. It is not read.",
                    row);
}

Error SheetRows::end_row(std::uint64_t row, bool hidden, std::uint64_t repeat) {
  const std::size_t used = used_;
  const std::uint64_t row_bytes = row_bytes_;
  used_ = 0;
  row_bytes_ = 0;
  if (error_ || skipped_) return error_;
  if (used == 0) {  // an empty row: between rows it is a blank line
    return {};      // an empty row: counted by the gap it leaves
  }
  if (row + repeat - 1 > options_.max_rows) {
    error_ = over_limits("a row numbered " + std::to_string(row + repeat - 1), row);
    return error_;
  }
  // Checked before the row is held or sent: the table would get it `repeat` times.
  if (row_bytes > 0 && repeat > (options_.max_text_bytes - text_bytes_) / row_bytes) {
    error_ = too_much_text(row);
    return error_;
  }
  text_bytes_ += row_bytes * repeat;
  if (!first_row_) first_row_ = row;
  if (facts_.last_row && row > facts_.last_row + 1) facts_.blank_rows += row - facts_.last_row - 1;
  facts_.last_row = row + repeat - 1;
  if (decided_) {
    send(cells_, kinds_, used, row, hidden, repeat);
    return error_;
  }
  for (std::uint64_t k = 0; k < repeat && held_.size() < kHeldRows; ++k) {
    held_.push_back({{cells_.begin(), cells_.begin() + static_cast<std::ptrdiff_t>(used)},
                     {kinds_.begin(), kinds_.begin() + static_cast<std::ptrdiff_t>(used)},
                     row + k,
                     hidden});
    for (std::size_t i = 0; i < used; ++i) held_bytes_ += cells_[i].size();
  }
  const std::uint64_t left = repeat - std::min<std::uint64_t>(repeat, kHeldRows);
  if (held_.size() >= kHeldRows || held_bytes_ >= kHeldBytes) {
    decide();
    if (left && !skipped_) send(cells_, kinds_, used, row + repeat - left, hidden, left);
  }
  return error_;
}

void SheetRows::decide() {
  decided_ = true;
  std::vector<std::vector<std::string>> records;
  records.reserve(held_.size());
  for (const HeldRow& r : held_) records.push_back(r.cells);
  for (std::size_t i = 0; i < records.size() && i < csv::FileInfo::kFirstLines; ++i)
    facts_.first_lines.push_back(row_text(records[i]));
  if (records.empty()) {
    skipped_ = true;
    sink_.skip_sheet(facts_, "empty");
    return;
  }
  const std::size_t width = csv::table_width(records);
  facts_.preamble = csv::find_preamble(records, width, false);
  std::size_t first = std::min(facts_.preamble.records, records.size());
  // The table's first column: the first its first row (the header) fills.
  std::size_t offset = 0;
  if (first < records.size())
    while (offset < records[first].size() && records[first][offset].empty()) ++offset;
  if (offset >= width) offset = 0;
  facts_.first_column = static_cast<std::uint32_t>(offset);
  const std::size_t table_width = width - offset;
  if (table_width < 2 && !options_.read_any) {
    skipped_ = true;
    sink_.skip_sheet(facts_, "notes");
    return;
  }
  std::vector<std::vector<std::string>> body;
  for (std::size_t i = first; i < records.size() && body.size() < 200; ++i)
    body.emplace_back(
        records[i].begin() + static_cast<std::ptrdiff_t>(std::min(offset, records[i].size())),
        records[i].end());
  if (options_.header) {
    facts_.header = *options_.header;
    facts_.header_reason = "set in the configuration";
  } else {
    const csv::HeaderGuess guess = csv::guess_header(body);
    facts_.header = guess.has_header;
    facts_.header_reason = guess.reason;
  }
  // Hidden columns of the table: read as data, and said.
  for (std::uint32_t c : hidden_columns_)
    if (c >= offset && c < width) ++facts_.hidden_columns;
  builder_ = &sink_.begin_sheet(facts_, warnings_);
  width_ = table_width;
  std::vector<std::string_view> names(width_);
  std::size_t row = first;
  if (facts_.header && row < held_.size()) {
    const HeldRow& h = held_[row];
    for (std::size_t c = offset; c < h.cells.size(); ++c) {
      if (c - offset >= names.size()) names.resize(c - offset + 1);
      names[c - offset] = h.cells[c];
    }
    for (std::string_view n : names) names_.emplace_back(n);
    width_ = names.size();  // trailing empty cells are not written: the header is the width
    builder_->on_header(names, h.row);
    ++row;
  } else {
    for (std::size_t i = row; i < held_.size(); ++i)
      width_ = std::max(width_, held_[i].cells.size() - std::min(offset, held_[i].cells.size()));
    names_.assign(width_, std::string());
    builder_->on_header(std::vector<std::string_view>(width_), 0);
  }
  for (; row < held_.size(); ++row) {
    HeldRow& h = held_[row];
    send(h.cells, h.kinds, h.cells.size(), h.row, h.hidden, 1);
  }
  held_ = {};
}

void SheetRows::send(const std::vector<std::string>& cells, const std::vector<CellKind>& kinds,
                     std::size_t used, std::uint64_t row, bool hidden, std::uint64_t repeat) {
  const std::size_t offset = facts_.first_column;
  views_.assign(width_, std::string_view());
  for (std::size_t c = 0; c < used; ++c) {
    if (kinds[c] == CellKind::empty) continue;
    if (c < offset) {  // a note left of the table: not a value of any column
      facts_.cells_outside += repeat;
      if (warnings_)
        warnings_->add("cells_outside_table", "", row,
                       "Cells left of the table's first column are not read (first: '" +
                           cells[c].substr(0, 60) + "').");
      continue;
    }
    const std::size_t j = c - offset;
    if (j >= views_.size()) views_.resize(j + 1);
    if (kinds[c] == CellKind::error) {
      facts_.error_cells += repeat;
      if (!first_error_row_) {
        first_error_row_ = row;
        first_error_value_ = cells[c].substr(0, 40);
      }
      if (warnings_)
        warnings_->add("error_value", j < names_.size() ? names_[j] : "", row,
                       "Cells holding a spreadsheet error (first: '" + cells[c].substr(0, 40) +
                           "') are read as missing values.");
      continue;
    }
    if (j >= number_cells_.size()) {
      number_cells_.resize(j + 1, 0);
      digit_text_cells_.resize(j + 1, 0);
    }
    if (kinds[c] == CellKind::number)
      number_cells_[j] += repeat;
    else if (kinds[c] == CellKind::text &&
             cells[c].find_first_of("0123456789") != std::string::npos)
      digit_text_cells_[j] += repeat;
    views_[j] = cells[c];
  }
  if (hidden) facts_.hidden_rows += repeat;
  for (std::uint64_t k = 0; k < repeat; ++k) builder_->on_row(views_, row + k);
  if (!error_ && builder_->error()) error_ = builder_->error();
}

void SheetRows::finish(Error error) {
  if (!error_ && error) error_ = std::move(error);
  if (!decided_ && !error_) decide();
  if (skipped_) return;
  if (error_ && !builder_) {
    // Failed before the table started: the sheet is still a dataset, with its error.
    builder_ = &sink_.begin_sheet(facts_, warnings_);
  }
  if (builder_)
    for (std::size_t j = 0; j < number_cells_.size(); ++j)
      if (number_cells_[j] > 0 && digit_text_cells_[j] == 0) builder_->mark_point_decimal(j);
  if (warnings_ && facts_.hidden_rows + facts_.hidden_columns > 0)
    warnings_->add("hidden_cells_read", "", 0,
                   std::to_string(facts_.hidden_rows) + " hidden rows and " +
                       std::to_string(facts_.hidden_columns) +
                       " hidden columns of the table are read as data, like the visible ones.");
  if (warnings_ && facts_.formulas_without_value > 0)
    warnings_->add_many("formula_without_value", "", facts_.formulas_without_value, {},
                        "Formulas whose result the workbook does not store are read as missing "
                        "values: Ascolto never computes formulas. Open the file in Excel or "
                        "LibreOffice and save it again to store their results.");
  sink_.end_sheet(facts_, error_);
}

}  // namespace ascolto::spreadsheet
