// Italian sentiment by lexicon and rules: polarity words (lexicon.hpp),
// elisions split ("l'app" -> "l", "app"), a negation scope (non, mai, né,
// nessuno, niente, nulla, senza, neanche, nemmeno, neppure) that ends at
// punctuation, where "non ... niente" is one negation, intensifiers
// ("molto", "poco" turns "chiaro" into a complaint), more weight after
// "ma"/"però", and idioms ("niente da dire", "non male"). A text with no
// polarity word is undetermined, never neutral by default.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sentiment/lexicon.hpp"

namespace ascolto::sentiment {

enum class Label : std::uint8_t { undetermined, negative, neutral, positive };
const char* label_name(Label label);

struct Score {
  double value = 0;   ///< about -1..1
  unsigned hits = 0;  ///< polarity words and phrases found
  Label label = Label::undetermined;
};

/// A lowercased word, or a clause break (punctuation) when `word` is empty.
struct Token {
  std::string word;
};
/// The words of a text and its clause breaks.
std::vector<Token> tokenize(std::string_view text);

/// The same, without an allocation per word: the lowercased words are
/// views into `lowered`; an empty view is a clause break. Reused buffers.
struct TokenViews {
  std::string lowered;
  std::vector<std::string_view> words;
};
void tokenize(std::string_view text, TokenViews& out);

/// Scores a text with the lexicon and the Italian rules.
Score score_text(std::string_view text, const Lexicon& lexicon = Lexicon::italian());

/// Whether a lowercased word opens a negation scope.
bool is_negator(std::string_view word);

}  // namespace ascolto::sentiment
