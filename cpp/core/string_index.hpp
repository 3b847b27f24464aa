// A dictionary encoder: each distinct string gets a dense code (0, 1, ...).
// Open addressing with one 64-bit hash per lookup; the keys live in a
// TextArena, so the views handed out stay valid as it grows. A column
// builder's dictionary, and a range's own while it is parsed on a thread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "core/text_arena.hpp"

namespace ascolto::core {

inline std::uint64_t load64(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, 8);
  return word;
}

class StringIndex {
 public:
  /// The code of `key`, adding it with the next code when it is new.
  /// Inlined into the callers' loops over a column: in WebAssembly a
  /// string_view argument of a call goes through memory, and the lookup of a
  /// known key is a few words of arithmetic. Adding a key is a call.
  [[gnu::always_inline]] std::uint32_t intern(std::string_view key) {
    if (key.size() <= 1) {
      const std::uint32_t code = key.empty() ? empty_code_ : byte_code(key[0]);
      return code != kNoCode ? code : add_tiny(key.data(), key.size());
    }
    const Ends ends = ends_of(key);
    const std::uint64_t h = hash(key, ends);
    const std::uint32_t tag = tag_of(h);
    const std::size_t mask = slots_.size() - 1;
    if (!slots_.empty()) {
      for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
        const Slot slot = slots_[i];
        if (slot.tag == 0) break;
        if (slot.tag == tag && same_key(slot.code, key, ends)) return slot.code;
      }
    }
    return insert(key.data(), key.size(), h);
  }
  std::size_t size() const { return keys_.size(); }
  /// Forgets every key, keeping the memory.
  void clear() {
    std::fill(slots_.begin(), slots_.end(), Slot{0, 0});
    keys_.clear();
    ends_.clear();
    std::fill(byte_codes_.begin(), byte_codes_.end(), kNoCode);
    empty_code_ = kNoCode;
    arena_.clear();
  }
  std::string_view key(std::uint32_t code) const { return keys_[code]; }

 private:
  struct Slot {
    std::uint32_t tag;  // high hash bits | 1, or 0 when empty
    std::uint32_t code;
  };
  // A key's first, middle and last 8 bytes, loaded so that shorter keys
  // read no byte outside themselves: a key of up to 24 bytes is equal to
  // another of its length exactly when these words are, and is hashed from
  // them, with no loop and no branch on its length from 8 bytes up (a
  // column's values, applications, channels, offices, have lengths that
  // vary at random from row to row: a branch on them mispredicts).
  struct Ends {
    std::uint64_t head, middle, tail;
  };
  struct StoredEnds {
    Ends ends;
    std::size_t size;
  };
  static constexpr std::size_t kShortKey = 24;
  static constexpr std::uint32_t kNoCode = 0xFFFFFFFFu;

  std::uint32_t add(std::string_view key) {
    keys_.push_back(arena_.copy(key));
    ends_.push_back({ends_of(key), key.size()});
    return static_cast<std::uint32_t>(keys_.size() - 1);
  }

  // A slot's tag: the hash's high bits, never 0 (0 marks an empty slot).
  static std::uint32_t tag_of(std::uint64_t h) { return static_cast<std::uint32_t>(h >> 32) | 1u; }

  // A key of two bytes or more not in slots_, whose hash is `h`.
  [[gnu::noinline]] std::uint32_t insert(const char* data, std::size_t size, std::uint64_t h) {
    if ((keys_.size() + 1) * 4 > slots_.size() * 3) rehash(slots_.empty() ? 64 : slots_.size() * 2);
    const std::uint32_t tag = tag_of(h);
    std::size_t i = static_cast<std::size_t>(h) & (slots_.size() - 1);
    while (slots_[i].tag != 0) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = {tag, add({data, size})};
    return slots_[i].code;
  }

  // The empty key (a sparse column's empty cells) and one-byte values
  // (ratings 1-5, digits, Y/N: most of a survey's cells) are looked up
  // directly, with no hashing; they never enter slots_.
  std::uint32_t byte_code(char c) const {
    return byte_codes_.empty() ? kNoCode : byte_codes_[static_cast<unsigned char>(c)];
  }
  [[gnu::noinline]] std::uint32_t add_tiny(const char* data, std::size_t size) {
    if (size == 0) return empty_code_ = add({data, 0});
    if (byte_codes_.empty()) byte_codes_.assign(256, kNoCode);
    return byte_codes_[static_cast<unsigned char>(data[0])] = add({data, 1});
  }

  static Ends ends_of(std::string_view s) {
    const char* p = s.data();
    const std::size_t n = s.size();
    if (n >= 8) return {load64(p), load64(p + n / 2 - 4), load64(p + n - 8)};
    if (n >= 2) {
      // Two bytes at 0, (n - 1) / 2, n / 2 - 1 and n - 2: together every
      // byte of a key of 2 to 7 bytes, with no branch on which.
      const auto pair = [p](std::size_t at) {
        std::uint16_t bytes;
        std::memcpy(&bytes, p + at, 2);
        return static_cast<std::uint64_t>(bytes);
      };
      return {pair(0) | pair((n - 1) / 2) << 16 | pair(n / 2 - 1) << 32 | pair(n - 2) << 48, 0, 0};
    }
    return {n == 0 ? 0 : static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])), 0, 0};
  }

  bool same_key(std::uint32_t code, std::string_view key, Ends ends) const {
    const StoredEnds& stored = ends_[code];
    if (stored.size != key.size() ||
        ((stored.ends.head ^ ends.head) | (stored.ends.middle ^ ends.middle) |
         (stored.ends.tail ^ ends.tail)) != 0)
      return false;
    if (key.size() <= kShortKey) return true;
    // The first, middle and last 8 bytes are equal: the words between them
    // are left (the last may overlap the tail), with no byte loop.
    const char* a = keys_[code].data();
    const char* b = key.data();
    for (std::size_t i = 8; i < key.size() - 8; i += 8)
      if (load64(a + i) != load64(b + i)) return false;
    return true;
  }

  // The three words and the length each multiplied by its own odd
  // constant (four independent products, not a chain of them), then
  // mixed by a multiply-xorshift; the rest of keys over 24 bytes is mixed
  // in 8 bytes at a time.
  static std::uint64_t hash(std::string_view s, Ends ends) {
    constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
    const std::size_t n = s.size();
    std::uint64_t h = (ends.head * 0xA0761D6478BD642FULL) ^ (ends.middle * 0xE7037ED1A0B428DBULL) ^
                      (ends.tail * 0x8EBC6AF09C88C6E3ULL) ^ (n * kMultiplier);
    if (n > kShortKey) {
      for (std::size_t i = 8; i + 8 < n; i += 8) {
        h ^= h >> 29;
        h = (h ^ load64(s.data() + i)) * kMultiplier;
      }
    }
    h ^= h >> 32;
    h *= kMultiplier;
    return h ^ (h >> 29);
  }

  void rehash(std::size_t capacity) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{0, 0});
    for (const Slot& slot : old) {  // keys of 0 or 1 byte are not in slots_
      if (slot.tag == 0) continue;
      const std::string_view key = keys_[slot.code];
      std::size_t i = static_cast<std::size_t>(hash(key, ends_of(key))) & (capacity - 1);
      while (slots_[i].tag != 0) i = (i + 1) & (capacity - 1);
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_;
  std::vector<std::string_view> keys_;
  std::vector<StoredEnds> ends_;           // by code, beside keys_
  std::vector<std::uint32_t> byte_codes_;  // by byte, for one-byte keys (256 once one is seen)
  std::uint32_t empty_code_ = kNoCode;     // the empty key's
  TextArena arena_;                        // the keys' bytes
};

}  // namespace ascolto::core
