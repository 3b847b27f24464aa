// Dictionary codes in the narrowest width that holds them: one byte a row
// while a column has fewer than 255 values (applications, channels,
// ratings, offices), two below 65,535, four beyond. A 1M-row export's
// categorical columns take a quarter of the memory, and in WASM, fresh
// memory pages are the costliest part of reading a first file.
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <memory>
#include <vector>

namespace ascolto::table {

inline constexpr std::uint32_t kMissingCode = std::numeric_limits<std::uint32_t>::max();

class CodeVector {
 public:
  CodeVector() = default;
  CodeVector(std::initializer_list<std::uint32_t> codes) {
    for (std::uint32_t c : codes) push_back(c);
  }
  CodeVector(const CodeVector& other) { *this = other; }
  CodeVector& operator=(const CodeVector& other) {
    if (this == &other) return *this;
    width_ = other.width_;
    size_ = other.size_;
    capacity_ = other.size_;
    bytes_.reset(new std::uint8_t[size_ * width_]);
    if (size_) std::memcpy(bytes_.get(), other.bytes_.get(), size_ * width_);
    return *this;
  }
  CodeVector(CodeVector&& other) noexcept { *this = std::move(other); }
  CodeVector& operator=(CodeVector&& other) noexcept {
    bytes_ = std::move(other.bytes_);
    size_ = other.size_;
    capacity_ = other.capacity_;
    width_ = other.width_;
    other.size_ = other.capacity_ = 0;
    other.width_ = 1;
    return *this;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t capacity() const { return capacity_; }
  /// Bytes per code: 1, 2 or 4.
  unsigned width() const { return width_; }

  /// The code of `row`; kMissingCode for a missing cell.
  std::uint32_t operator[](std::size_t row) const {
    switch (width_) {
      case 1:
        return widen<std::uint8_t>(bytes_[row]);
      case 2:
        return widen(load<std::uint16_t>(row));
      default:
        return load<std::uint32_t>(row);
    }
  }

  // The common case, one byte into reserved room, inlined (emcc did not
  // by itself: a call per cell).
  [[gnu::always_inline]] void push_back(std::uint32_t code) {
    if (width_ == 1 && size_ < capacity_ && (code < 0xFFu || code == kMissingCode)) {
      bytes_[size_++] = static_cast<std::uint8_t>(code);
      return;
    }
    push_back_any(code);
  }

  /// Appends `n` codes; when they all fit the vector's one-byte width and
  /// room, with one test for the lot instead of one a code.
  void append(const std::uint32_t* codes, std::size_t n) {
    if (width_ == 1 && capacity_ - size_ >= n) {
      bool wide = false;
      for (std::size_t i = 0; i < n; ++i) wide |= codes[i] >= 0xFFu && codes[i] != kMissingCode;
      if (!wide) {
        std::uint8_t* const out = bytes_.get() + size_;
        for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(codes[i]);
        size_ += n;
        return;
      }
    }
    for (std::size_t i = 0; i < n; ++i) push_back(codes[i]);
  }

  /// Room for `rows` codes. The new memory is not written (not zero-filled):
  /// its pages are touched only as codes arrive.
  void reserve(std::size_t rows) {
    if (rows <= capacity_) return;
    std::unique_ptr<std::uint8_t[]> larger(new std::uint8_t[rows * width_]);
    if (size_) std::memcpy(larger.get(), bytes_.get(), size_ * width_);
    bytes_ = std::move(larger);
    capacity_ = rows;
  }

  /// Replaces every code c by new_code_of[c] (missing stays missing), in
  /// place: a new vector would be as many fresh memory pages.
  void recode(const std::vector<std::uint32_t>& new_code_of) {
    std::uint32_t largest = 0;
    for (std::uint32_t c : new_code_of)
      if (c != kMissingCode && c > largest) largest = c;
    if (largest >= missing_of(width_)) make_room_for(largest);
    switch (width_) {
      case 1:
        return recode_as<std::uint8_t>(new_code_of);
      case 2:
        return recode_as<std::uint16_t>(new_code_of);
      default:
        return recode_as<std::uint32_t>(new_code_of);
    }
  }

  /// Calls f(row, code) for every row, choosing the width once.
  template <class F>
  void for_each(F&& f) const {
    switch (width_) {
      case 1:
        for (std::size_t row = 0; row < size_; ++row) f(row, widen<std::uint8_t>(bytes_[row]));
        return;
      case 2:
        for (std::size_t row = 0; row < size_; ++row) f(row, widen(load<std::uint16_t>(row)));
        return;
      default:
        for (std::size_t row = 0; row < size_; ++row) f(row, load<std::uint32_t>(row));
        return;
    }
  }

  /// How many rows hold each code below `codes` (missing cells and larger
  /// codes are not counted). One-byte codes are counted in four
  /// interleaved tallies: a run of equal codes would otherwise wait on
  /// its own previous increment at every row.
  std::vector<std::uint64_t> counts(std::size_t codes) const {
    std::vector<std::uint64_t> out(codes, 0);
    if (width_ == 1) {
      std::uint64_t tallies[4][256] = {};
      const std::uint8_t* b = bytes_.get();
      std::size_t row = 0;
      for (; row + 4 <= size_; row += 4) {
        ++tallies[0][b[row]];
        ++tallies[1][b[row + 1]];
        ++tallies[2][b[row + 2]];
        ++tallies[3][b[row + 3]];
      }
      for (; row < size_; ++row) ++tallies[0][b[row]];
      for (std::size_t code = 0; code < codes && code < 0xFFu; ++code)
        out[code] = tallies[0][code] + tallies[1][code] + tallies[2][code] + tallies[3][code];
      return out;
    }
    for_each([&](std::size_t, std::uint32_t code) {
      if (code < codes) ++out[code];
    });
    return out;
  }

  std::vector<std::uint32_t> to_vector() const {
    std::vector<std::uint32_t> out(size_);
    for_each([&](std::size_t row, std::uint32_t code) { out[row] = code; });
    return out;
  }

  bool operator==(const CodeVector& other) const {
    if (size_ != other.size_) return false;
    for (std::size_t row = 0; row < size_; ++row)
      if ((*this)[row] != other[row]) return false;
    return true;
  }

  class const_iterator {
   public:
    const_iterator(const CodeVector* codes, std::size_t row) : codes_(codes), row_(row) {}
    std::uint32_t operator*() const { return (*codes_)[row_]; }
    const_iterator& operator++() {
      ++row_;
      return *this;
    }
    bool operator!=(const const_iterator& other) const { return row_ != other.row_; }

   private:
    const CodeVector* codes_;
    std::size_t row_;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

 private:
  void push_back_any(std::uint32_t code) {
    if (code != kMissingCode && code >= missing_of(width_)) make_room_for(code);
    if (size_ == capacity_) reserve(size_ < 512 ? 1024 : size_ * 2);
    store(size_, code);  // kMissingCode narrows to the width's all-ones value
    ++size_;
  }
  // The all-ones value of each width stands for a missing cell.
  static constexpr std::uint32_t missing_of(unsigned width) {
    return width == 1 ? 0xFFu : width == 2 ? 0xFFFFu : kMissingCode;
  }
  template <class Narrow>
  static std::uint32_t widen(Narrow code) {
    return code == std::numeric_limits<Narrow>::max() ? kMissingCode : code;
  }
  template <class T>
  T load(std::size_t row) const {
    T value;
    std::memcpy(&value, bytes_.get() + row * sizeof(T), sizeof(T));
    return value;
  }
  void store(std::size_t row, std::uint32_t code) {
    switch (width_) {
      case 1:
        bytes_[row] = static_cast<std::uint8_t>(code);
        return;
      case 2: {
        const auto narrow = static_cast<std::uint16_t>(code);
        std::memcpy(bytes_.get() + row * 2, &narrow, 2);
        return;
      }
      default:
        std::memcpy(bytes_.get() + row * 4, &code, 4);
        return;
    }
  }
  template <class T>
  void recode_as(const std::vector<std::uint32_t>& new_code_of) {
    constexpr T kMissing = std::numeric_limits<T>::max();
    for (std::size_t row = 0; row < size_; ++row) {
      T code;
      std::memcpy(&code, bytes_.get() + row * sizeof(T), sizeof(T));
      if (code == kMissing) continue;
      code = static_cast<T>(new_code_of[code]);  // kMissingCode narrows to kMissing
      std::memcpy(bytes_.get() + row * sizeof(T), &code, sizeof(T));
    }
  }
  // Rewrites every code at the width `code` needs, keeping the capacity in rows.
  void make_room_for(std::uint32_t code) {
    const unsigned width = code < 0xFFFFu ? 2 : 4;
    CodeVector wider;
    wider.width_ = width;
    wider.reserve(capacity_ > size_ ? capacity_ : size_ + 1);
    for_each([&](std::size_t, std::uint32_t c) { wider.push_back(c); });
    *this = std::move(wider);
  }

  std::unique_ptr<std::uint8_t[]> bytes_;
  std::size_t size_ = 0, capacity_ = 0;  // in codes
  unsigned width_ = 1;
};

}  // namespace ascolto::table
