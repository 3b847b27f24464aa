// Copies of short texts whose views stay valid until clear(): blocks are
// reserved once and never grow past their capacity, so nothing moves.
// Used for the fields a parser built (unescaped quotes) that must outlive
// the parser's buffer: a block's records read on threads, a batch of rows.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ascolto::core {

class TextArena {
 public:
  explicit TextArena(std::size_t block_bytes = 64u << 10) : block_bytes_(block_bytes) {}

  std::string_view copy(std::string_view text) {
    if (text.empty()) return {};  // no block for nothing
    while (next_ < blocks_.size() &&
           blocks_[next_].capacity() - blocks_[next_].size() < text.size())
      ++next_;
    if (next_ == blocks_.size()) {
      blocks_.emplace_back();
      blocks_.back().reserve(std::max(text.size(), block_bytes_));
    }
    std::string& block = blocks_[next_];
    const std::size_t at = block.size();
    block.append(text);  // within the capacity reserved: never moves
    return std::string_view(block).substr(at, text.size());
  }
  /// Forgets the copies, keeping the memory.
  void clear() {
    for (std::string& b : blocks_) b.clear();
    next_ = 0;
  }

 private:
  std::size_t block_bytes_;
  std::vector<std::string> blocks_;
  std::size_t next_ = 0;  // the first block with room
};

}  // namespace ascolto::core
