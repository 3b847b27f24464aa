// Finding the next of four bytes (delimiter, quote, CR, LF) 16 bytes at a
// time: SSE2 natively, WebAssembly SIMD (-msimd128) in the browser, eight
// bytes at a time (SWAR) elsewhere; and marking them in a 64-byte block
// (see StructuralCursor). The one place with platform code.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ascolto::csv {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the scans read bytes little-endian");

class ByteScan {
 public:
  ByteScan(char a, char b, char c, char d) : a_(a), b_(b), c_(c), d_(d) {}

  /// Which of the 64 bytes at p are one of the four: bit i for p[i].
  std::uint64_t mask64(const char* p) const {
    std::uint64_t mask = 0;
#if defined(__wasm_simd128__)
    const v128_t a = wasm_i8x16_splat(a_), b = wasm_i8x16_splat(b_), c = wasm_i8x16_splat(c_),
                 d = wasm_i8x16_splat(d_);
    for (int k = 0; k < 4; ++k) {
      const v128_t v = wasm_v128_load(p + 16 * k);
      const v128_t hit = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(v, a), wasm_i8x16_eq(v, b)),
                                      wasm_v128_or(wasm_i8x16_eq(v, c), wasm_i8x16_eq(v, d)));
      mask |= static_cast<std::uint64_t>(wasm_i8x16_bitmask(hit)) << (16 * k);
    }
#elif defined(__SSE2__)
    const __m128i a = _mm_set1_epi8(a_), b = _mm_set1_epi8(b_), c = _mm_set1_epi8(c_),
                  d = _mm_set1_epi8(d_);
    for (int k = 0; k < 4; ++k) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
      const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, a), _mm_cmpeq_epi8(v, b)),
                                       _mm_or_si128(_mm_cmpeq_epi8(v, c), _mm_cmpeq_epi8(v, d)));
      mask |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(hit))) << (16 * k);
    }
#else
    for (int i = 0; i < 64; ++i)
      if (p[i] == a_ || p[i] == b_ || p[i] == c_ || p[i] == d_) mask |= std::uint64_t{1} << i;
#endif
    return mask;
  }

  /// The first of the four bytes in [p, end), or end.
  const char* find(const char* p, const char* end) const {
#if defined(__wasm_simd128__)
    const v128_t a = wasm_i8x16_splat(a_), b = wasm_i8x16_splat(b_), c = wasm_i8x16_splat(c_),
                 d = wasm_i8x16_splat(d_);
    while (end - p >= 16) {
      const v128_t v = wasm_v128_load(p);
      const v128_t hit = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(v, a), wasm_i8x16_eq(v, b)),
                                      wasm_v128_or(wasm_i8x16_eq(v, c), wasm_i8x16_eq(v, d)));
      if (const std::uint32_t mask = wasm_i8x16_bitmask(hit)) return p + __builtin_ctz(mask);
      p += 16;
    }
#elif defined(__SSE2__)
    const __m128i a = _mm_set1_epi8(a_), b = _mm_set1_epi8(b_), c = _mm_set1_epi8(c_),
                  d = _mm_set1_epi8(d_);
    while (end - p >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, a), _mm_cmpeq_epi8(v, b)),
                                       _mm_or_si128(_mm_cmpeq_epi8(v, c), _mm_cmpeq_epi8(v, d)));
      if (const int mask = _mm_movemask_epi8(hit))
        return p + __builtin_ctz(static_cast<unsigned>(mask));
      p += 16;
    }
#endif
    while (end - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, 8);
      const std::uint64_t hit =
          matches(word, a_) | matches(word, b_) | matches(word, c_) | matches(word, d_);
      if (hit) return p + (__builtin_ctzll(hit) >> 3);
      p += 8;
    }
    while (p < end && *p != a_ && *p != b_ && *p != c_ && *p != d_) ++p;
    return p;
  }

 private:
  // Bytes of `word` equal to `byte`: the lowest set bit marks the first match
  // exactly (higher ones may be borrow artefacts, so only the first is used).
  static std::uint64_t matches(std::uint64_t word, char byte) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
    const std::uint64_t x = word ^ (kOnes * static_cast<unsigned char>(byte));
    return (x - kOnes) & ~x & kHighs;
  }

  char a_, b_, c_, d_;
};

/// The structural bytes (ByteScan's four) of one text, found a 64-byte
/// block at a time: each block is scanned once into a bitmask, and each
/// field then costs a few bit operations instead of a scan of its own
/// (fields are short: most blocks hold several). Made for one text and
/// used in increasing order; the text must not change while it is in use
/// (a reused input buffer holds the next chunk at the same address).
/// Wholly inlined, so that a parser's loop keeps it in registers: with
/// its address taken by a call, its block and mask were reloaded from
/// memory at every field.
class StructuralCursor {
 public:
  StructuralCursor(const ByteScan& scan, const char* end) : scan_(scan), end_(end), base_(end) {}

  /// The first structural byte in [p, end), or end.
  [[gnu::always_inline]] const char* next(const char* p) {
    for (;;) {
      // Unsigned, so that p before the block (or the first call) reloads too.
      auto offset = static_cast<std::size_t>(p - base_);
      if (offset >= 64) {
        load(p);
        offset = 0;
      }
      const std::uint64_t mask = mask_ & (~std::uint64_t{0} << offset);
      if (mask) return base_ + __builtin_ctzll(mask);
      if (end_ - base_ <= 64) return end_;
      p = base_ + 64;
    }
  }

 private:
  [[gnu::always_inline]] void load(const char* p) {
    base_ = p;
    const auto left = static_cast<std::size_t>(end_ - p);
    mask_ = left >= 64 ? scan_.mask64(p) : last_mask(scan_, p, left);
  }
  // The mask of the text's last `left` bytes (fewer than 64); bits past its
  // end are cleared. A call, once per text.
  [[gnu::noinline]] static std::uint64_t last_mask(const ByteScan& scan, const char* p,
                                                   std::size_t left) {
    char block[64] = {};
    std::memcpy(block, p, left);
    return scan.mask64(block) & ((std::uint64_t{1} << left) - 1);
  }

  const ByteScan& scan_;
  const char* end_;
  const char* base_;  // of the block in mask_ (end_: none yet)
  std::uint64_t mask_ = 0;
};

}  // namespace ascolto::csv
