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
  std::uint32_t intern(std::string_view key) {
    if (key.size() <= 1) return intern_tiny(key);
    if ((keys_.size() + 1) * 4 > slots_.size() * 3) rehash(slots_.empty() ? 64 : slots_.size() * 2);
    const Ends ends = ends_of(key);
    const std::uint64_t h = hash(key, ends);
    const auto tag = static_cast<std::uint32_t>(h >> 32) | 1u;  // never 0: 0 marks an empty slot
    std::size_t i = static_cast<std::size_t>(h) & (slots_.size() - 1);
    for (;; i = (i + 1) & (slots_.size() - 1)) {
      Slot& slot = slots_[i];
      if (slot.tag == 0) {
        slot = {tag, add(key, ends)};
        return slot.code;
      }
      if (slot.tag == tag && same_key(slot.code, key, ends)) return slot.code;
    }
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
  // A key's first and last 8 bytes, loaded so that shorter keys read no
  // byte outside themselves: a key of up to 16 bytes is equal to another of
  // its length exactly when these words are, with no byte loop (most
  // dictionary values, applications, channels, ratings, are that short).
  struct Ends {
    std::uint64_t head, tail;
  };
  struct StoredEnds {
    Ends ends;
    std::size_t size;
  };
  static constexpr std::size_t kShortKey = 16;
  static constexpr std::uint32_t kNoCode = 0xFFFFFFFFu;

  std::uint32_t add(std::string_view key, Ends ends) {
    keys_.push_back(arena_.copy(key));
    ends_.push_back({ends, key.size()});
    return static_cast<std::uint32_t>(keys_.size() - 1);
  }

  // The empty key (a sparse column's empty cells) and one-byte values
  // (ratings 1-5, digits, Y/N: most of a survey's cells) are looked up
  // directly, with no hashing; they never enter slots_.
  std::uint32_t intern_tiny(std::string_view key) {
    if (!key.empty() && byte_codes_.empty()) byte_codes_.assign(256, kNoCode);
    std::uint32_t& code =
        key.empty() ? empty_code_ : byte_codes_[static_cast<unsigned char>(key[0])];
    if (code == kNoCode) code = add(key, ends_of(key));
    return code;
  }

  static Ends ends_of(std::string_view s) {
    const char* p = s.data();
    const std::size_t n = s.size();
    if (n >= 8) return {load64(p), load64(p + n - 8)};
    if (n >= 4) {
      std::uint32_t low, high;
      std::memcpy(&low, p, 4);
      std::memcpy(&high, p + n - 4, 4);
      return {low | static_cast<std::uint64_t>(high) << 32, 0};
    }
    if (n == 0) return {0, 0};
    const auto byte = [](char c) {
      return static_cast<std::uint64_t>(static_cast<unsigned char>(c));
    };
    return {byte(p[0]) | byte(p[n / 2]) << 8 | byte(p[n - 1]) << 16, 0};
  }

  bool same_key(std::uint32_t code, std::string_view key, Ends ends) const {
    const StoredEnds& stored = ends_[code];
    if (stored.size != key.size() || stored.ends.head != ends.head || stored.ends.tail != ends.tail)
      return false;
    if (key.size() <= kShortKey) return true;
    // The first and last 8 bytes are equal: the words between them are left
    // (the last may overlap the tail), with no byte loop.
    const char* a = keys_[code].data();
    const char* b = key.data();
    for (std::size_t i = 8; i < key.size() - 8; i += 8)
      if (load64(a + i) != load64(b + i)) return false;
    return true;
  }

  // Multiply-xorshift mixing (in the style of wyhash) of the two end words,
  // then of the middle of longer keys 8 bytes at a time.
  static std::uint64_t hash(std::string_view s, Ends ends) {
    constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
    const std::size_t n = s.size();
    std::uint64_t h = (n * kMultiplier ^ ends.head) * kMultiplier;
    h ^= h >> 29;
    h = (h ^ ends.tail) * kMultiplier;
    for (std::size_t i = 8; i + 8 < n; i += 8) {
      h ^= h >> 29;
      h = (h ^ load64(s.data() + i)) * kMultiplier;
    }
    return h ^ (h >> 32);
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
