#include "table/decimal_to_double.hpp"

#include <cstring>

namespace ascolto::table {

namespace {

#include "table/powers_of_five.inc"

__extension__ typedef unsigned __int128 u128;  // GCC and clang, WebAssembly included

constexpr int kMantissaBits = 52;  // explicit bits of a double's significand
constexpr int kExponentBias = 1023;
constexpr int kInfiniteExponent = 0x7ff;

}  // namespace

std::optional<double> decimal_to_double(std::uint64_t w, int q) {
  if (q < kSmallestPowerOfFive || q > kLargestPowerOfFive) return std::nullopt;
  if (w == 0) return 0.0;
  const int leading_zeros = __builtin_clzll(w);
  w <<= leading_zeros;
  const std::uint64_t* five = &kPowersOfFive[2 * (q - kSmallestPowerOfFive)];
  const u128 first = static_cast<u128>(w) * five[0];
  std::uint64_t high = static_cast<std::uint64_t>(first >> 64);
  std::uint64_t low = static_cast<std::uint64_t>(first);
  // The significand needs the top 55 bits of the product (the implicit
  // bit, a rounding bit, and one the leading bit may cost). When the 9 bits
  // under them are all ones, a carry from the truncated low half of 5^q
  // could change them: add that half's product too.
  constexpr std::uint64_t kBelowSignificand = ~std::uint64_t{0} >> (kMantissaBits + 3);
  if ((high & kBelowSignificand) == kBelowSignificand) {
    const auto second = static_cast<std::uint64_t>((static_cast<u128>(w) * five[1]) >> 64);
    low += second;
    if (second > low) ++high;
  }
  const int upper_bit = static_cast<int>(high >> 63);
  const int shift = upper_bit + 64 - kMantissaBits - 3;
  std::uint64_t mantissa = high >> shift;
  // floor(q * log2(10)) + 63, exact for |q| < 350.
  int exponent = (((152170 + 65536) * q) >> 16) + 63 + upper_bit - leading_zeros + kExponentBias;
  if (exponent <= 0 || exponent >= kInfiniteExponent) return std::nullopt;  // not with |q| <= 100
  // Exactly halfway between two doubles (only possible for small q, where
  // 5^q is exact in 64 bits and nothing was dropped): round to even.
  if (low <= 1 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && (mantissa << shift) == high)
    mantissa &= ~std::uint64_t{1};
  mantissa += mantissa & 1;  // round half up on the extra bit
  mantissa >>= 1;
  if (mantissa >= (std::uint64_t{2} << kMantissaBits)) {  // rounding carried into a new bit
    mantissa = std::uint64_t{1} << kMantissaBits;
    ++exponent;
  }
  mantissa &= ~(std::uint64_t{1} << kMantissaBits);
  const std::uint64_t bits = mantissa | static_cast<std::uint64_t>(exponent) << kMantissaBits;
  double out;
  std::memcpy(&out, &bits, sizeof out);
  return out;
}

}  // namespace ascolto::table
