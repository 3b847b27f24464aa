// Cells whose text is the one canonical rendering of a number: integers
// ("-42", no leading zeros), ISO dates ("2023-10-31") and ISO timestamps
// ("2023-10-31T08:15:30", or with a space). A column of such cells is kept
// as numbers while it loads, and its text can be rebuilt byte for byte if a
// later cell breaks the pattern: identifiers and timestamps, the largest
// columns of machine exports, never need a text store.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ascolto::table {

enum class CanonicalShape : std::uint8_t { none, integer, date, datetime_t, datetime_space };

/// The shape of `text` if it is canonical, else none.
CanonicalShape canonical_shape(std::string_view text);

/// The stored number of canonical `text`: the integer, days since 1970-01-01,
/// or seconds since 1970-01-01 00:00.
double canonical_value(std::string_view text, CanonicalShape shape);

/// Appends the text `value` was read from.
void render_canonical(double value, CanonicalShape shape, std::string& out);

}  // namespace ascolto::table
