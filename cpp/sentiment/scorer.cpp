#include "sentiment/scorer.hpp"

#include <cmath>

#include "text/utf8.hpp"

namespace ascolto::sentiment {

namespace {

constexpr double kNegation = -0.8;       // a negated word: flipped, a little weaker
constexpr double kBeforeContrast = 0.5;  // "bello ma lento": the clause after counts more
constexpr double kAfterContrast = 1.5;
constexpr double kThreshold = 0.1;  // |score| below: neutral

bool is_contrast(std::string_view w) {
  return w == "ma" || w == "però" || w == "tuttavia" || w == "eppure" || w == "comunque";
}

// A word that weakens and turns what follows ("poco chiaro": unclear).
bool is_diminisher(std::string_view w) {
  return w == "poco" || w == "poca" || w == "pochi" || w == "poche";
}

}  // namespace

const char* label_name(Label label) {
  switch (label) {
    case Label::negative:
      return "negative";
    case Label::neutral:
      return "neutral";
    case Label::positive:
      return "positive";
    default:
      return "undetermined";
  }
}

bool is_negator(std::string_view w) {
  return w == "non" || w == "mai" || w == "né" || w == "nessuno" || w == "nessuna" ||
         w == "nessun" || w == "niente" || w == "nulla" || w == "senza" || w == "neanche" ||
         w == "nemmeno" || w == "neppure";
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  std::u32string word;
  const auto flush = [&] {
    if (word.empty()) return;
    out.push_back({text::encode_utf8(word)});
    word.clear();
  };
  const std::u32string chars = text::decode_utf8(text);
  for (const char32_t c : chars) {
    if (text::is_letter(c) || (c >= U'0' && c <= U'9')) {
      word.push_back(text::to_lower(c));
      continue;
    }
    flush();
    const bool clause_break = c == U'.' || c == U',' || c == U';' || c == U':' || c == U'!' ||
                              c == U'?' || c == U'\n' || c == U'(' || c == U')' || c == U'…';
    if (clause_break && !out.empty() && !out.back().word.empty()) out.push_back({});
  }
  flush();
  return out;
}

Score score_text(std::string_view text, const Lexicon& lexicon) {
  const std::vector<Token> tokens = tokenize(text);
  Score out;
  double total = 0, clause = 0, weight = 1;
  bool negated = false;
  double intensity = 1;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& w = tokens[i].word;
    if (w.empty()) {  // punctuation: the negation scope and intensity end
      negated = false;
      intensity = 1;
      continue;
    }
    if (is_contrast(w)) {
      total += clause * weight * kBeforeContrast;
      clause = 0;
      weight = kAfterContrast;
      negated = false;
      intensity = 1;
      continue;
    }
    // Phrases and idioms first, the longest that matches.
    if (const auto* phrases = lexicon.phrases(w)) {
      bool matched = false;
      for (const Lexicon::Phrase& p : *phrases) {
        if (i + p.words.size() > tokens.size()) continue;
        bool same = true;
        for (std::size_t k = 0; k < p.words.size() && same; ++k)
          same = tokens[i + k].word == p.words[k];
        if (!same) continue;
        // An idiom that holds its own negation ("non male") is not negated again.
        const bool own_negation = is_negator(p.words.front());
        clause += p.polarity * intensity * (negated && !own_negation ? kNegation : 1);
        ++out.hits;
        intensity = 1;
        i += p.words.size() - 1;
        matched = true;
        break;
      }
      if (matched) continue;
    }
    if (is_negator(w)) {
      negated = true;  // "non ... niente": still one negation
      continue;
    }
    if (is_diminisher(w)) {
      intensity *= -0.6;
      continue;
    }
    if (const double factor = lexicon.intensifier(w)) {
      intensity *= factor;
      continue;
    }
    if (const WordPolarity* p = lexicon.word(w)) {
      clause += p->polarity * intensity * (negated ? kNegation : 1);
      ++out.hits;
      intensity = 1;
    }
  }
  total += clause * weight;
  if (out.hits == 0) return out;
  out.value = std::max(-1.0, std::min(1.0, total / std::sqrt(static_cast<double>(out.hits))));
  out.label = out.value > kThreshold    ? Label::positive
              : out.value < -kThreshold ? Label::negative
                                        : Label::neutral;
  return out;
}

}  // namespace ascolto::sentiment
