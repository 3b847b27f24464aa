#include "sentiment/model.hpp"

#include <cmath>

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

}  // namespace

std::vector<std::uint64_t> features(std::string_view text) {
  std::vector<std::uint64_t> out;
  bool negated = false;
  std::uint64_t previous = 0;
  for (const Token& t : tokenize(text)) {
    if (t.word.empty()) {
      negated = false;
      previous = 0;
      continue;
    }
    if (is_negator(t.word)) {
      negated = true;
      out.push_back(fnv("~neg"));
      continue;
    }
    const std::string stem = text::italian_stem(t.word);
    const std::uint64_t h = fnv(stem, negated ? 0x9e3779b97f4a7c15ull : 1469598103934665603ull);
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
