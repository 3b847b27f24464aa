// A decimal w * 10^q as the nearest double, without strtod (a slow libc
// call in WebAssembly: a survey cells file written by an engine, whose sums
// carry 17 digits, spent most of its reading there).
#pragma once

#include <cstdint>
#include <optional>

namespace ascolto::table {

/// The double nearest to w * 10^q (ties to even), by the Eisel-Lemire
/// algorithm (Lemire, "Number Parsing at a Gigabyte per Second", 2021):
/// w's bits times the 128 most significant bits of 5^q, which Mushtak and
/// Lemire proved always enough. `w` must be the decimal's exact digits
/// (at most 19). Empty when q is outside [-100, 100], which the callers
/// send to strtod.
std::optional<double> decimal_to_double(std::uint64_t w, int q);

}  // namespace ascolto::table
