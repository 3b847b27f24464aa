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
  explicit RowBatch(std::size_t width = 0) : columns_(width) {}

  /// The first `width` fields of a row (the ones the columns take).
  void add(const std::string_view* fields, bool stable) {
    for (std::size_t i = 0; i < columns_.size(); ++i)
      columns_[i].push_back(stable ? fields[i] : copy(fields[i]));
    ++rows_;
  }
  /// Records [begin, end) of a range read on threads, whose views stay
  /// valid until the batch is appended: referred to where the range's
  /// thread kept them (each column as its codes or its views).
  void add_run(const csv::RecordStore& records, std::size_t begin, std::size_t end) {
    const std::size_t own_before = columns_.empty() ? 0 : columns_[0].size();
    runs_.push_back({&records, begin, end - begin, own_before});
    rows_ += end - begin;
  }
  /// Column i's fields in row order: field(view) for each row added one by
  /// one, run(records, i, begin, rows) for each run.
  template <typename Field, typename Run>
  void each(std::size_t i, Field&& field, Run&& run) const {
    const std::vector<std::string_view>& own = columns_[i];
    std::size_t at = 0;  // fields of `own` handed on so far
    for (const KeptRun& r : runs_) {
      for (; at < r.own_before; ++at) field(own[at]);
      run(*r.records, i, r.begin, r.size);
    }
    for (; at < own.size(); ++at) field(own[at]);
  }
  std::size_t rows() const { return rows_; }
  std::size_t copied_bytes() const { return copied_; }
  void clear() {
    for (auto& c : columns_) c.clear();
    runs_.clear();
    rows_ = 0;
    copied_ = 0;
    arena_.clear();
  }

 private:
  std::string_view copy(std::string_view field) {
    copied_ += field.size();
    return arena_.copy(field);
  }

  // A run of a range's records, after the first `own_before` rows added
  // one by one (the same number in every column).
  struct KeptRun {
    const csv::RecordStore* records;
    std::size_t begin;
    std::size_t size;
    std::size_t own_before;
  };
  std::vector<std::vector<std::string_view>> columns_;  // fields added one row at a time
  std::vector<KeptRun> runs_;
  std::size_t rows_ = 0;
  core::TextArena arena_{256u << 10};  // copies of fields that do not stay valid
  std::size_t copied_ = 0;
};

}  // namespace ascolto::table
