// Finding the next of four bytes (delimiter, quote, CR, LF) 16 bytes at a
// time: SSE2 natively, WebAssembly SIMD (-msimd128) in the browser, eight
// bytes at a time (SWAR) elsewhere. The one place with platform code.
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

}  // namespace ascolto::csv
