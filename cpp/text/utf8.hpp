// UTF-8 <-> code points, and lowercasing of the Latin letters Italian and
// English text uses (accented capitals included: "È" -> "è").
#pragma once

#include <string>
#include <string_view>

namespace ascolto::text {

/// Code points of UTF-8 text; invalid bytes become U+FFFD.
std::u32string decode_utf8(std::string_view text);
std::string encode_utf8(std::u32string_view text);

/// Lowercase of a Latin letter (ASCII, Latin-1, Latin Extended-A); others unchanged.
char32_t to_lower(char32_t c);

/// A letter of a word: ASCII and Latin-1/Extended-A letters.
bool is_letter(char32_t c);

}  // namespace ascolto::text
