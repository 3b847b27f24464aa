#include "sentiment/model.hpp"

#include <algorithm>
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
                         const std::vector<std::uint32_t>& sample,
                         const std::vector<bool>& positive) {
  constexpr std::size_t kFolds = 5;
  Confusion out;
  std::vector<std::array<std::uint32_t, 2>> train(texts.size()), test(texts.size());
  for (std::size_t fold = 0; fold < kFolds; ++fold) {
    // Each text's count by class, in the training folds and in this one.
    std::fill(train.begin(), train.end(), std::array<std::uint32_t, 2>{0, 0});
    std::fill(test.begin(), test.end(), std::array<std::uint32_t, 2>{0, 0});
    for (std::size_t i = 0; i < sample.size(); ++i)
      ++(i % kFolds == fold ? test : train)[sample[i]][positive[i] ? 1 : 0];
    NaiveBayes model;
    for (std::size_t t = 0; t < texts.size(); ++t)
      for (const int c : {0, 1})
        if (train[t][c]) model.add(texts[t], c == 1, train[t][c]);
    for (std::size_t t = 0; t < texts.size(); ++t) {
      if (!test[t][0] && !test[t][1]) continue;
      const int predicted = model.log_odds(texts[t]) > 0 ? 1 : 0;
      for (const int c : {0, 1}) out.cells[c][predicted] += test[t][c];
    }
  }
  return out;
}

}  // namespace ascolto::sentiment
