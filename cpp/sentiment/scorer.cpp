#include "sentiment/scorer.hpp"

#include <cmath>

#include "csv/encoding.hpp"
#include "text/utf8.hpp"

namespace ascolto::sentiment {

namespace {

constexpr double kNegation = -0.8;       // a negated word: flipped, a little weaker
constexpr double kBeforeContrast = 0.5;  // "bello ma lento": the clause after counts more
constexpr double kAfterContrast = 1.5;
constexpr double kThreshold = 0.1;  // |score| below: neutral

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
  return Lexicon::italian().info(w).negator;
}

void tokenize(std::string_view text, TokenViews& out) {
  out.lowered.clear();
  out.lowered.reserve(text.size());
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // begin, length (0: a break)
  spans.reserve(text.size() / 4 + 1);
  std::size_t word_begin = std::string::npos;
  const auto end_word = [&] {
    if (word_begin == std::string::npos) return;
    spans.emplace_back(word_begin, out.lowered.size() - word_begin);
    word_begin = std::string::npos;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    char32_t c = b;
    int length = 1;
    if (b >= 0x80) {  // a multi-byte character: decoded (letters such as è count)
      length = (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
      if (i + static_cast<std::size_t>(length) > text.size()) length = 1;
      c = length == 1 ? 0xFFFD : b & (0x7F >> length);
      for (int k = 1; k < length; ++k)
        c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    i += static_cast<std::size_t>(length);
    if (text::is_letter(c) || (c >= U'0' && c <= U'9')) {
      if (word_begin == std::string::npos) word_begin = out.lowered.size();
      csv::append_utf8(out.lowered, text::to_lower(c));
      continue;
    }
    end_word();
    const bool clause_break = c == U'.' || c == U',' || c == U';' || c == U':' || c == U'!' ||
                              c == U'?' || c == U'\n' || c == U'(' || c == U')' || c == U'…';
    if (clause_break && !spans.empty() && spans.back().second != 0) spans.emplace_back(0, 0);
  }
  end_word();
  out.words.clear();
  for (const auto& [begin, size] : spans)
    out.words.push_back(size ? std::string_view(out.lowered).substr(begin, size)
                             : std::string_view());
}

std::vector<Token> tokenize(std::string_view text) {
  TokenViews views;
  tokenize(text, views);
  std::vector<Token> out;
  out.reserve(views.words.size());
  for (const std::string_view w : views.words) out.push_back({std::string(w)});
  return out;
}

Score score_text(std::string_view text, const Lexicon& lexicon) {
  static TokenViews tokens;  // reused: the core is single-threaded
  tokenize(text, tokens);
  const std::vector<std::string_view>& words = tokens.words;
  Score out;
  double total = 0, clause = 0, weight = 1;
  bool negated = false;
  double intensity = 1;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view w = words[i];
    if (w.empty()) {  // punctuation: the negation scope and intensity end
      negated = false;
      intensity = 1;
      continue;
    }
    if (w[0] >= '0' && w[0] <= '9') continue;  // numbers, dates, codes: no sentiment
    const WordInfo& info = lexicon.info(w);
    if (info.contrast) {
      total += clause * weight * kBeforeContrast;
      clause = 0;
      weight = kAfterContrast;
      negated = false;
      intensity = 1;
      continue;
    }
    // Phrases and idioms first, the longest that matches.
    if (info.phrases) {
      bool matched = false;
      for (const Lexicon::Phrase& p : *lexicon.phrases(w)) {
        if (i + p.words.size() > words.size()) continue;
        bool same = true;
        for (std::size_t k = 0; k < p.words.size() && same; ++k) same = words[i + k] == p.words[k];
        if (!same) continue;
        // An idiom that holds its own negation ("non male") is not negated again.
        const bool own_negation = lexicon.info(p.words.front()).negator;
        clause += p.polarity * intensity * (negated && !own_negation ? kNegation : 1);
        ++out.hits;
        intensity = 1;
        i += p.words.size() - 1;
        matched = true;
        break;
      }
      if (matched) continue;
    }
    if (info.negator) {
      negated = true;  // "non ... niente": still one negation
      continue;
    }
    if (info.diminisher) {
      intensity *= -0.6;
      continue;
    }
    if (info.intensifier != 0) {
      intensity *= info.intensifier;
      continue;
    }
    if (info.polarity != 0) {
      clause += info.polarity * intensity * (negated ? kNegation : 1);
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
