#include "sentiment/model.hpp"

#include <cmath>
#include <deque>

#include "text/italian_stemmer.hpp"

namespace ascolto::sentiment {

namespace {

std::uint64_t fnv(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// The hash of a word's stem, stemmed once per distinct word (the core is
// single-threaded; the table is bounded).
std::uint64_t stem_hash(std::string_view word) {
  static std::unordered_map<std::string_view, std::uint64_t> known;
  static std::deque<std::string> owned;
  if (const auto it = known.find(word); it != known.end()) return it->second;
  const std::uint64_t h = fnv(text::italian_stem(word));
  if (known.size() < 200000) {  // about 20 MB at most
    owned.emplace_back(word);
    known.emplace(owned.back(), h);
  }
  return h;
}

}  // namespace

std::vector<std::uint64_t> features(std::string_view text) {
  static TokenViews tokens;
  tokenize(text, tokens);
  std::vector<std::uint64_t> out;
  out.reserve(tokens.words.size() * 2);
  bool negated = false;
  std::uint64_t previous = 0;
  static const std::uint64_t kNegationMark = fnv("~neg");
  for (const std::string_view w : tokens.words) {
    if (w.empty()) {
      negated = false;
      previous = 0;
      continue;
    }
    if (is_negator(w)) {
      negated = true;
      out.push_back(kNegationMark);
      continue;
    }
    // A negated stem is another feature: "!chiar" is not "chiar".
    const std::uint64_t h = stem_hash(w) ^ (negated ? 0x9e3779b97f4a7c15ull : 0);
    out.push_back(h);
    if (previous) out.push_back(previous * 31 + h);
    previous = h;
  }
  return out;
}

void NaiveBayes::add(const std::vector<std::uint64_t>& features, bool positive,
                     std::uint32_t weight) {
  const int c = positive ? 1 : 0;
  documents_[c] += weight;
  for (const std::uint64_t f : features) {
    counts_[f][c] += weight;
    tokens_[c] += weight;
  }
}

double NaiveBayes::log_odds(const std::vector<std::uint64_t>& features) const {
  if (documents_[0] == 0 || documents_[1] == 0) return 0;
  const double vocabulary = static_cast<double>(counts_.size());
  double odds = std::log(static_cast<double>(documents_[1]) / static_cast<double>(documents_[0]));
  const double d0 = static_cast<double>(tokens_[0]) + vocabulary;
  const double d1 = static_cast<double>(tokens_[1]) + vocabulary;
  for (const std::uint64_t f : features) {
    const auto it = counts_.find(f);
    if (it == counts_.end()) continue;  // a word never seen in training says nothing
    odds += std::log((it->second[1] + 1.0) / d1) - std::log((it->second[0] + 1.0) / d0);
  }
  return odds;
}

double Confusion::f1(int c) const {
  const double tp = static_cast<double>(cells[c][c]);
  const double predicted = static_cast<double>(cells[0][c] + cells[1][c]);
  const double actual = static_cast<double>(cells[c][0] + cells[c][1]);
  return tp == 0 ? 0 : 2 * tp / (predicted + actual);
}

Confusion cross_validate(const std::vector<std::vector<std::uint64_t>>& texts,
                         const std::vector<bool>& positive) {
  constexpr std::size_t kFolds = 5;
  Confusion out;
  for (std::size_t fold = 0; fold < kFolds; ++fold) {
    NaiveBayes model;
    for (std::size_t i = 0; i < texts.size(); ++i)
      if (i % kFolds != fold) model.add(texts[i], positive[i]);
    for (std::size_t i = fold; i < texts.size(); i += kFolds)
      ++out.cells[positive[i] ? 1 : 0][model.log_odds(texts[i]) > 0 ? 1 : 0];
  }
  return out;
}

}  // namespace ascolto::sentiment
