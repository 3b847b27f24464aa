// A dictionary encoder: each distinct string gets a dense code (0, 1, ...).
// Open addressing with one 64-bit hash per lookup; the keys live in a
// chunked arena, so the views handed out stay valid as it grows.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace ascolto::table {

/// Equality 8 bytes at a time (string_view's == calls memcmp, a function
/// call per comparison in WASM).
inline bool same_bytes(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  std::size_t i = 0;
  for (; i + 8 <= a.size(); i += 8) {
    std::uint64_t x, y;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (x != y) return false;
  }
  for (; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

class StringIndex {
 public:
  /// The code of `key`, adding it with the next code when it is new.
  std::uint32_t intern(std::string_view key) {
    if ((keys_.size() + 1) * 4 > slots_.size() * 3) rehash(slots_.empty() ? 64 : slots_.size() * 2);
    const std::uint64_t h = hash(key);
    const auto tag = static_cast<std::uint32_t>(h >> 32) | 1u;  // never 0: 0 marks an empty slot
    std::size_t i = static_cast<std::size_t>(h) & (slots_.size() - 1);
    for (;; i = (i + 1) & (slots_.size() - 1)) {
      Slot& slot = slots_[i];
      if (slot.tag == 0) {
        slot = {tag, static_cast<std::uint32_t>(keys_.size())};
        keys_.push_back(store(key));
        return slot.code;
      }
      if (slot.tag == tag && same_bytes(keys_[slot.code], key)) return slot.code;
    }
  }
  std::size_t size() const { return keys_.size(); }
  std::string_view key(std::uint32_t code) const { return keys_[code]; }

 private:
  struct Slot {
    std::uint32_t tag;  // high hash bits | 1, or 0 when empty
    std::uint32_t code;
  };

  // 8 bytes at a time, multiply-xorshift mixing (in the style of wyhash);
  // the last bytes in one overlapping load rather than byte by byte.
  static std::uint64_t hash(std::string_view s) {
    constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
    const char* p = s.data();
    const std::size_t n = s.size();
    std::uint64_t h = n * kMultiplier;
    std::size_t i = 0;
    for (; i + 8 < n; i += 8) {
      h = (h ^ load64(p + i)) * kMultiplier;
      h ^= h >> 29;
    }
    std::uint64_t tail;
    if (n >= 8) {
      tail = load64(p + n - 8);
    } else if (n >= 4) {
      std::uint32_t low, high;
      std::memcpy(&low, p, 4);
      std::memcpy(&high, p + n - 4, 4);
      tail = low | static_cast<std::uint64_t>(high) << 32;
    } else {
      tail = n == 0 ? 0
                    : static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) |
                          static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
                          static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
    }
    h = (h ^ tail) * kMultiplier;
    return h ^ (h >> 32);
  }
  static std::uint64_t load64(const char* p) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    return word;
  }

  void rehash(std::size_t capacity) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{0, 0});
    for (const Slot& slot : old) {
      if (slot.tag == 0) continue;
      std::size_t i = static_cast<std::size_t>(hash(keys_[slot.code])) & (capacity - 1);
      while (slots_[i].tag != 0) i = (i + 1) & (capacity - 1);
      slots_[i] = slot;
    }
  }

  std::string_view store(std::string_view key) {
    constexpr std::size_t kBlock = 64 * 1024;
    if (key.empty()) return {};
    if (blocks_.empty() || block_used_ + key.size() > block_size_) {
      block_size_ = key.size() > kBlock ? key.size() : kBlock;
      blocks_.emplace_back(new char[block_size_]);
      block_used_ = 0;
    }
    char* at = blocks_.back().get() + block_used_;
    std::memcpy(at, key.data(), key.size());
    block_used_ += key.size();
    return {at, key.size()};
  }

  std::vector<Slot> slots_;
  std::vector<std::string_view> keys_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t block_used_ = 0, block_size_ = 0;
};

}  // namespace ascolto::table
