#include "spreadsheet/ods.hpp"

#include "spreadsheet/cells.hpp"

#include <algorithm>
#include <charconv>

namespace ascolto::spreadsheet {

namespace {

std::uint64_t repeat_of(const std::vector<XmlAttribute>& attributes, std::string_view name) {
  const std::string_view v = attribute(attributes, name);
  std::uint64_t n = 1;
  if (!v.empty()) std::from_chars(v.data(), v.data() + v.size(), n);
  return std::max<std::uint64_t>(n, 1);
}

// The most characters Excel keeps in a cell: a longer run of spaces is not
// data, and a cell repeated over 16,384 columns stays within memory.
constexpr std::size_t kMaxSpacedCell = 32767;

bool hidden(const std::vector<XmlAttribute>& attributes) {
  const std::string_view v = attribute(attributes, "visibility");
  return v == "collapse" || v == "filter";
}

// "PT14H30M05S" (an ODF duration) as "14:30:05".
std::string time_text(std::string_view duration) {
  long long h = 0, m = 0;
  double s = 0;
  long long number = 0;
  double fraction = 0, scale = 0;
  for (char c : duration) {
    if (c >= '0' && c <= '9') {
      if (scale > 0)
        fraction += (c - '0') * (scale /= 10);
      else
        number = number * 10 + (c - '0');
    } else if (c == '.' || c == ',') {
      scale = 1;
    } else {
      if (c == 'H')
        h = number;
      else if (c == 'M')
        m = number;
      else if (c == 'S')
        s = static_cast<double>(number) + fraction;
      number = 0;
      fraction = scale = 0;
    }
  }
  char out[80];
  std::snprintf(out, sizeof out, "%02lld:%02lld:%02lld", h, m, static_cast<long long>(s + 0.5));
  return out;
}

}  // namespace

void OdsContentHandler::on_start(std::string_view name, const std::vector<XmlAttribute>& attributes,
                                 bool self_closing) {
  if (in_cell_) {
    if (name == "annotation") ++in_annotation_;
    if (in_annotation_) return;
    if (name == "table") ++nested_tables_;
    if (name == "p" || name == "h") {
      if (paragraphs_++ > 0) text_ += '\n';
    } else if (name == "s") {
      // A run of spaces is written as its count: a file could ask for
      // terabytes in a few bytes (the fuzzer's find). A cell's text grows
      // by such runs up to kMaxSpacedCell only; the rest are not data.
      const std::size_t room = text_.size() < kMaxSpacedCell ? kMaxSpacedCell - text_.size() : 0;
      text_.append(
          static_cast<std::size_t>(std::min<std::uint64_t>(repeat_of(attributes, "c"), room)), ' ');
    } else if (name == "tab") {
      text_ += '\t';
    } else if (name == "line-break") {
      text_ += '\n';
    }
    return;
  }
  if (!in_table_) {
    // The automatic styles, before the sheets, say which sheets are hidden.
    if (name == "style") {
      style_ =
          attribute(attributes, "family") == "table" ? decoded(attribute(attributes, "name")) : "";
    } else if (name == "table-properties" && !style_.empty() &&
               attribute(attributes, "display") == "false") {
      hidden_styles_.push_back(style_);
    }
    if (name != "table") return;
    in_table_ = true;
    row_ = 0;
    column_ = columns_ = 0;
    const std::string style = decoded(attribute(attributes, "style-name"));
    const bool hidden =
        std::find(hidden_styles_.begin(), hidden_styles_.end(), style) != hidden_styles_.end();
    sheet_ = factory_(decoded(attribute(attributes, "name")), hidden);
    return;
  }
  if (!sheet_) return;
  if (name == "table-row") {
    row_repeat_ = repeat_of(attributes, "number-rows-repeated");
    row_hidden_ = hidden(attributes);
    column_ = 0;
  } else if (name == "table-column") {
    const std::uint64_t repeat = repeat_of(attributes, "number-columns-repeated");
    if (hidden(attributes))
      for (std::uint64_t k = 0; k < repeat && columns_ + k < sheet_->max_columns(); ++k)
        sheet_->hide_column(static_cast<std::uint32_t>(columns_ + k));
    columns_ = static_cast<std::uint32_t>(
        std::min<std::uint64_t>(columns_ + repeat, sheet_->max_columns() + 1ull));
  } else if (name == "table-cell" || name == "covered-table-cell") {
    in_cell_ = true;
    cell_repeat_ = repeat_of(attributes, "number-columns-repeated");
    value_type_.assign(attribute(attributes, "value-type"));
    error_ = false;
    for (const XmlAttribute& a : attributes)
      if (a.name == "value-type" && a.value == "error") error_ = true;  // calcext:value-type
    value_.clear();
    if (value_type_ == "date")
      value_.assign(attribute(attributes, "date-value"));
    else if (value_type_ == "time")
      value_.assign(attribute(attributes, "time-value"));
    else if (value_type_ == "boolean")
      value_.assign(attribute(attributes, "boolean-value"));
    else
      value_.assign(attribute(attributes, "value"));
    const std::string_view spanned = attribute(attributes, "number-columns-spanned");
    const std::string_view rows_spanned = attribute(attributes, "number-rows-spanned");
    if ((!spanned.empty() && spanned != "1") || (!rows_spanned.empty() && rows_spanned != "1"))
      sheet_->add_merged();
    text_.clear();
    paragraphs_ = 0;
    (void)self_closing;  // on_end follows at once
  }
}

void OdsContentHandler::on_text(std::string_view text, bool encoded) {
  if (!in_cell_ || in_annotation_ || paragraphs_ == 0) return;
  if (encoded)
    append_decoded(text_, text);
  else
    text_.append(text);
}

void OdsContentHandler::end_cell() {
  in_cell_ = false;
  const std::uint32_t first = column_;
  column_ = static_cast<std::uint32_t>(
      std::min<std::uint64_t>(column_ + cell_repeat_, sheet_->max_columns() + 1ull));
  CellKind kind = CellKind::text;
  std::string_view value = text_;
  std::string converted;
  if (error_) {
    kind = CellKind::error;
  } else if (value_type_ == "percentage") {
    kind = CellKind::number;
    converted = percent_text(value_);
    value = converted;
  } else if (value_type_ == "float" || value_type_ == "currency") {
    kind = CellKind::number;
    value = value_;
  } else if (value_type_ == "date") {
    kind = CellKind::date;
    value = value_;
    if (value.size() > 19) value = value.substr(0, 19);
    if (value.size() == 19 && value.substr(10) == "T00:00:00") value = value.substr(0, 10);
  } else if (value_type_ == "time") {
    converted = time_text(value_);
    value = converted;
  } else if (value_type_ == "boolean") {
    kind = CellKind::boolean;
    value = value_ == "true" ? "true" : "false";
  }
  if (value.empty() && kind != CellKind::error) return;
  for (std::uint64_t k = 0; k < cell_repeat_ && first + k < sheet_->max_columns() + 1ull; ++k)
    sheet_->cell(static_cast<std::uint32_t>(first + k), value, kind);
}

void OdsContentHandler::on_end(std::string_view name) {
  if (in_cell_) {
    if (name == "annotation") {
      --in_annotation_;
      return;
    }
    if (in_annotation_) return;
    if (name == "table" && nested_tables_ > 0) {
      --nested_tables_;
      return;
    }
    if ((name == "table-cell" || name == "covered-table-cell") && nested_tables_ == 0) end_cell();
    return;
  }
  if (!in_table_) return;
  if (name == "table-row") {
    if (sheet_) sheet_->end_row(row_ + 1, row_hidden_, row_repeat_);  // an empty one is blank
    row_ += row_repeat_;
  } else if (name == "table") {
    in_table_ = false;
    if (sheet_) sheet_->finish();
    sheet_.reset();
  }
}

void OdsContentHandler::finish(const Error& error) {
  if (sheet_)
    sheet_->finish(
        error.ok() ? make_error(ErrorCode::damaged_workbook, "The sheet ends before its last row.")
                   : error);
  sheet_.reset();
}

}  // namespace ascolto::spreadsheet
