#!/usr/bin/env python3
"""Writes cpp/table/powers_of_five.inc: 5^q for q in [-100, 100], each as its
128 most significant bits (for q < 0, of 2^b / 5^-q, rounded up), the table
the Eisel-Lemire conversion in cpp/table/decimal_to_double.cpp multiplies
by. Exact integer arithmetic; run again only to change the range."""
import pathlib

LOW, HIGH = -100, 100


def top_128_bits(q):
    if q >= 0:
        value = 5 ** q
        while value < 1 << 127:
            value <<= 1
        while value >= 1 << 128:
            value >>= 1
        return value
    divisor = 5 ** -q
    z = divisor.bit_length()  # 2^(z-1) < 5^-q < 2^z
    if q >= -27:
        return (1 << (z + 127)) // divisor + 1
    value = (1 << (2 * z + 128)) // divisor + 1
    while value >= 1 << 128:
        value >>= 1
    return value


lines = [f"// Written by scripts/gen-powers-of-five.py: 5^q, q in [{LOW}, {HIGH}], 128 bits each.",
         f"constexpr int kSmallestPowerOfFive = {LOW};",
         f"constexpr int kLargestPowerOfFive = {HIGH};",
         "constexpr std::uint64_t kPowersOfFive[] = {"]
for q in range(LOW, HIGH + 1):
    v = top_128_bits(q)
    assert 1 << 127 <= v < 1 << 128, q
    lines.append(f"    0x{v >> 64:016x}, 0x{v & (2**64 - 1):016x},  // {q}")
lines.append("};")
out = pathlib.Path(__file__).resolve().parent.parent / "cpp/table/powers_of_five.inc"
out.write_text("\n".join(lines) + "\n")
