// The input line on which each row of a table starts, for messages that
// name a line. Almost every row starts on the line after the previous
// row's, so only the rows where that is not so (after a rejected row, a
// blank line or a quoted line break) are stored: a handful of entries for
// a million rows instead of 4 bytes a row. A file where such rows are
// common falls back to one number a row, so memory never exceeds that.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ascolto::table {

class RowLines {
 public:
  void push_back(std::uint64_t line) {
    if (dense_mode_) {
      dense_.push_back(static_cast<std::uint32_t>(line));
    } else if (size_ == 0 || line != last_ + 1) {
      jumps_.push_back({size_, line});
      // Past one jump in 16 rows the jumps cost more than a dense list.
      if (jumps_.size() > 64 && jumps_.size() * 16 > size_) to_dense();
    }
    last_ = line;
    ++size_;
  }

  /// push_back(lines[r] + offset) for r in [0, n): rows that follow line
  /// by line are only counted.
  void push_back_many(const std::uint64_t* lines, std::size_t n, std::uint64_t offset) {
    std::size_t r = 0;
    while (r < n) {
      if (!dense_mode_ && size_ > 0) {
        const std::uint64_t next = last_ + 1 - offset;  // lines[r] of a row that follows
        std::size_t k = 0;
        while (r + k < n && lines[r + k] == next + k) ++k;
        if (k > 0) {
          size_ += k;
          last_ += k;
          r += k;
          continue;
        }
      }
      push_back(lines[r] + offset);
      ++r;
    }
  }

  std::uint64_t operator[](std::size_t row) const {
    if (dense_mode_) return dense_[row];
    // The last jump at or before `row`; the rows after it follow line by line.
    const auto after = std::upper_bound(jumps_.begin(), jumps_.end(), row,
                                        [](std::size_t r, const Jump& j) { return r < j.row; });
    const Jump& jump = *(after - 1);
    return jump.line + (row - jump.row);
  }

  std::size_t size() const { return static_cast<std::size_t>(size_); }
  bool empty() const { return size_ == 0; }
  /// Whether lines are kept one per row (for tests).
  bool dense() const { return dense_mode_; }

 private:
  struct Jump {
    std::uint64_t row, line;
  };

  void to_dense() {
    dense_.reserve(static_cast<std::size_t>(size_ * 2));
    for (std::uint64_t row = 0; row <= size_; ++row)
      dense_.push_back(static_cast<std::uint32_t>((*this)[static_cast<std::size_t>(row)]));
    dense_mode_ = true;
    jumps_ = {};
  }

  std::vector<Jump> jumps_;
  std::vector<std::uint32_t> dense_;
  std::uint64_t size_ = 0;
  std::uint64_t last_ = 0;
  bool dense_mode_ = false;
};

}  // namespace ascolto::table
