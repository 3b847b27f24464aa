// Rows the table builder has accepted but not yet appended to its columns,
// so that the reader can go on while other threads append this batch, one
// column each. A row's fields are copied, unless the reader says their
// views stay valid until the batch is appended (a block read in parallel).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/text_arena.hpp"
#include "csv/parallel_parse.hpp"

namespace ascolto::table {

class RowBatch {
 public:
  explicit RowBatch(std::size_t width = 0) : columns_(width), spans_(width) {}

  /// The first `width` fields of a row (the ones the columns take).
  void add(const std::string_view* fields, bool stable) {
    for (std::size_t i = 0; i < columns_.size(); ++i)
      columns_[i].push_back(stable ? fields[i] : copy(fields[i]));
    ++rows_;
  }
  /// Records [begin, end) of a range read on threads, whose views stay
  /// valid until the batch is appended: referred to where they lie (one
  /// span a column: its codes when the range's thread coded it, else its
  /// views).
  void add_run(const csv::RecordStore& records, std::size_t begin, std::size_t end) {
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      const csv::CodedColumn& coded = records.coded(i);
      spans_[i].push_back({coded.coded ? nullptr : records.views(i) + begin, end - begin,
                           columns_[i].size(), coded.coded ? &coded : nullptr, begin});
    }
    rows_ += end - begin;
  }
  /// Column i's fields, row by row: field(view) for each, or, for a span
  /// the reader coded, coded(column, first code, rows) for all of it.
  template <typename Field, typename Coded>
  void each(std::size_t i, Field&& field, Coded&& coded) const {
    const std::vector<std::string_view>& own = columns_[i];
    std::size_t at = 0;  // fields of `own` handed on so far
    for (const Span& span : spans_[i]) {
      for (; at < span.own_before; ++at) field(own[at]);
      if (span.coded) {
        coded(*span.coded, span.coded->codes.data() + span.code_begin, span.size);
        continue;
      }
      for (std::size_t r = 0; r < span.size; ++r) field(span.data[r]);
    }
    for (; at < own.size(); ++at) field(own[at]);
  }
  std::size_t rows() const { return rows_; }
  std::size_t copied_bytes() const { return copied_; }
  void clear() {
    for (auto& c : columns_) c.clear();
    for (auto& s : spans_) s.clear();
    rows_ = 0;
    copied_ = 0;
    arena_.clear();
  }

 private:
  std::string_view copy(std::string_view field) {
    copied_ += field.size();
    return arena_.copy(field);
  }

  // A run's fields where they lie, after the first `own_before` of the
  // column's own fields.
  struct Span {
    const std::string_view* data;  // null: coded
    std::size_t size;
    std::size_t own_before;
    const csv::CodedColumn* coded;  // null: not coded
    std::size_t code_begin;         // the span's first row in coded->codes
  };
  std::vector<std::vector<std::string_view>> columns_;  // fields added one row at a time
  std::vector<std::vector<Span>> spans_;
  std::size_t rows_ = 0;
  core::TextArena arena_{256u << 10};  // copies of fields that do not stay valid
  std::size_t copied_ = 0;
};

}  // namespace ascolto::table
