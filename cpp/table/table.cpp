#include "table/table.hpp"

#include <algorithm>
#include <set>

namespace ascolto::table {

const Column* Table::find(std::string_view name) const {
  for (const Column& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}

void TableBuilder::on_header(const std::vector<std::string_view>& names, std::uint64_t line) {
  has_header_ = line != 0;
  if (names.size() > limits_.max_columns) {
    error_ = make_error(ErrorCode::too_many_columns,
                        "The file has " + std::to_string(names.size()) + " columns; the limit is " +
                            std::to_string(limits_.max_columns) + ".",
                        line);
    return;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string name(trim(names[i]));
    if (name.empty()) {
      name = "column_" + std::to_string(i + 1);
      if (has_header_)
        warnings_.add("empty_header", name, line,
                      "A column has no name in the header; it is called " + name + ".");
    }
    if (!seen.insert(name).second) {
      std::string unique;
      for (int k = 2; !seen.insert(unique = name + "_" + std::to_string(k)).second; ++k) {}
      warnings_.add(
          "duplicate_header", unique, line,
          "The column name '" + name + "' appears twice; the second is called '" + unique + "'.");
      name = unique;
    }
    names_.push_back(std::move(name));
  }
  builders_.resize(names_.size());
  if (expected_rows_ > 0) grow_storage();
}

void TableBuilder::on_estimate(std::uint64_t records) {
  expected_rows_ = records;
  // The estimate firms up after the first chunks, while moving the columns
  // to a larger store is still cheap.
  if (!names_.empty() && records > reserved_rows_) grow_storage();
}

void TableBuilder::grow_storage() {
  // Growing every column vector by doubling would copy each several times
  // and, near the end, hold twice the memory the file needs (in WASM, fresh
  // pages are the costliest part of a first read); the reader's estimate
  // is capped so that a wrong one cannot reserve absurd memory.
  const std::size_t rows = row_lines_.size();
  const std::uint64_t expected =
      std::min<std::uint64_t>(expected_rows_ + expected_rows_ / 20, 1u << 27);
  const std::uint64_t wanted = std::max<std::uint64_t>({expected, rows + rows / 2, 1024});
  reserved_rows_ = wanted;
  for (ColumnBuilder& b : builders_) b.reserve(wanted);
}

void TableBuilder::on_row(const std::vector<std::string_view>& fields, std::uint64_t line) {
  if (error_) return;
  ++rows_.read;
  const std::size_t width = names_.size();
  // Most rows start with a value that is not blank: one byte tells.
  const bool all_empty =
      (fields.empty() || fields[0].empty() || fields[0][0] == ' ' || fields[0][0] == '\t') &&
      std::all_of(fields.begin(), fields.end(), [](std::string_view f) { return trim(f).empty(); });
  if (all_empty) {
    ++rows_.rejected;
    warnings_.add("empty_row", "", line, "A row has only empty fields; it is skipped.");
    return;
  }
  if (fields.size() < width) {
    ++rows_.rejected;
    warnings_.add("too_few_fields", "", line,
                  "A row has " + std::to_string(fields.size()) + " fields instead of " +
                      std::to_string(width) + "; it is skipped.");
    return;
  }
  if (fields.size() > width) {
    bool extra_empty = true;
    for (std::size_t i = width; i < fields.size(); ++i)
      if (!trim(fields[i]).empty()) extra_empty = false;
    if (!extra_empty) {
      ++rows_.rejected;
      warnings_.add("too_many_fields", "", line,
                    "A row has " + std::to_string(fields.size()) + " fields instead of " +
                        std::to_string(width) + "; it is skipped.");
      return;
    }
    warnings_.add("trailing_empty_fields", "", line,
                  "A row ends with empty fields beyond the header; they are ignored.");
  }
  if (row_lines_.size() == reserved_rows_) grow_storage();
  for (std::size_t i = 0; i < width; ++i) builders_[i].append(fields[i]);
  row_lines_.push_back(line);
  ++rows_.used;
}

Error TableBuilder::finish(const TypingOptions& options, Table& out) {
  if (error_) return error_;
  if (names_.empty()) return make_error(ErrorCode::empty_file);
  if (rows_.used == 0) {
    if (rows_.read == 0 && has_header_) return make_error(ErrorCode::header_only);
    return make_error(ErrorCode::empty_file,
                      "No row of the file could be used: every row was rejected (see warnings).");
  }
  out = Table{};
  out.rows = rows_;
  out.columns.reserve(names_.size());
  for (std::size_t i = 0; i < names_.size(); ++i) {
    out.columns.push_back(builders_[i].finish(std::move(names_[i]), row_lines_, options));
    builders_[i] = ColumnBuilder{};  // free the raw cells as soon as each column is typed
    const Column& c = out.columns.back();
    if (c.invalid > 0) {
      std::vector<std::uint64_t> lines(c.invalid_lines.begin(), c.invalid_lines.end());
      warnings_.add_many("invalid_value", c.name, c.invalid, lines,
                         "Values that are not " + std::string(column_type_name(c.type)) +
                             " (first: '" + c.invalid_example + "') are treated as missing.");
    }
  }
  out.row_lines = std::move(row_lines_);
  return {};
}

}  // namespace ascolto::table
