// The words of a comment for text analytics: UTF-8 aware, lowercased
// (accented capitals too), split at apostrophes ("dell'app" -> "dell",
// "app"), without Italian and English stopwords.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ascolto::text {

/// Lowercased words of at least two letters (pure numbers left out), in
/// order, stopwords included.
std::vector<std::string> words(std::string_view text);

/// An Italian or English stopword ("della", "non" is not one: it carries meaning).
bool is_stopword(std::string_view word);

}  // namespace ascolto::text
