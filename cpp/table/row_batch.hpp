// Rows the table builder has accepted but not yet appended to its columns,
// so that the reader can go on while other threads append this batch, one
// column each. A row's fields are copied, unless the reader says their
// views stay valid until the batch is appended (a block read in parallel).
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ascolto::table {

class RowBatch {
 public:
  explicit RowBatch(std::size_t width = 0) : columns_(width) {}

  /// The first `width` fields of a row (the ones the columns take).
  void add(const std::vector<std::string_view>& fields, bool stable) {
    for (std::size_t i = 0; i < columns_.size(); ++i)
      columns_[i].push_back(stable ? fields[i] : copy(fields[i]));
    ++rows_;
  }
  /// Rows [begin, end) of runs kept column by column.
  void add_run(const std::vector<std::vector<std::string_view>>& columns, std::size_t begin,
               std::size_t end, bool stable) {
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      const auto from = columns[i].begin() + static_cast<std::ptrdiff_t>(begin);
      const auto to = columns[i].begin() + static_cast<std::ptrdiff_t>(end);
      if (stable)
        columns_[i].insert(columns_[i].end(), from, to);
      else
        for (auto f = from; f != to; ++f) columns_[i].push_back(copy(*f));
    }
    rows_ += end - begin;
  }
  std::size_t rows() const { return rows_; }
  std::size_t copied_bytes() const { return copied_; }
  /// One column's fields, row by row (stored column by column, so that the
  /// thread appending a column reads one contiguous run).
  const std::vector<std::string_view>& column(std::size_t i) const { return columns_[i]; }
  void clear() {
    for (auto& c : columns_) c.clear();
    rows_ = 0;
    copied_ = 0;
    for (std::string& s : arena_) s.clear();
    next_arena_ = 0;
  }

 private:
  std::string_view copy(std::string_view field) {
    copied_ += field.size();
    // Arena strings are reserved once and never grow past it: the views
    // into them stay valid.
    while (next_arena_ < arena_.size() &&
           arena_[next_arena_].capacity() - arena_[next_arena_].size() < field.size())
      ++next_arena_;
    if (next_arena_ == arena_.size()) {
      arena_.emplace_back();
      arena_.back().reserve(std::max<std::size_t>(field.size(), 256u << 10));
    }
    std::string& store = arena_[next_arena_];
    const std::size_t at = store.size();
    store.append(field);
    return std::string_view(store).substr(at, field.size());
  }

  std::vector<std::vector<std::string_view>> columns_;
  std::size_t rows_ = 0;
  std::vector<std::string> arena_;  // copies of fields that do not stay valid
  std::size_t next_arena_ = 0;
  std::size_t copied_ = 0;
};

}  // namespace ascolto::table
