// A growable byte store for text columns. Unlike std::string it copies the
// short values of CSV cells inline (no call into memcpy per cell, which is
// costly in WebAssembly) and it can be handed from builder to column.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace ascolto::table {

class ByteBuffer {
 public:
  void append(std::string_view s) {
    if (size_ + s.size() > capacity_) grow(size_ + s.size());
    copy(data_.get() + size_, s.data(), s.size());
    size_ += s.size();
  }
  void reserve(std::size_t capacity) {
    if (capacity > capacity_) grow_exactly(capacity);
  }
  /// Keeps the first `size` bytes (for compaction in place).
  void truncate(std::size_t size) { size_ = size < size_ ? size : size_; }
  char* data() { return data_.get(); }
  std::size_t size() const { return size_; }
  std::string_view view() const { return {data_.get(), size_}; }

 private:
  static void copy(char* to, const char* from, std::size_t n) {
    if (n >= 8 && n <= 32) {  // 8-byte words, the last one overlapping
      for (std::size_t i = 0; i + 8 <= n; i += 8) std::memcpy(to + i, from + i, 8);
      std::memcpy(to + n - 8, from + n - 8, 8);
    } else if (n < 8) {
      for (std::size_t i = 0; i < n; ++i) to[i] = from[i];
    } else {
      std::memcpy(to, from, n);
    }
  }
  void grow(std::size_t needed) {
    std::size_t capacity = capacity_ ? capacity_ : 4096;
    while (capacity < needed) capacity += capacity / 2;
    grow_exactly(capacity);
  }
  void grow_exactly(std::size_t capacity) {
    std::unique_ptr<char[]> bigger(new char[capacity]);
    if (size_) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    capacity_ = capacity;
  }

  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0, capacity_ = 0;
};

}  // namespace ascolto::table
