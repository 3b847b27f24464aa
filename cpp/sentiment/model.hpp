// A sentiment model learned from the file's own rated comments: 1-2 are
// negative, 4-5 positive (on a 1-5 scale; the bottom and top two points of
// others). Multinomial Naive Bayes on stems and stem pairs, with the words
// in a negation scope marked ("non chiaro" -> "!chiar"), Laplace smoothing.
// Its accuracy is measured by 5-fold cross-validation on the same comments,
// and it is used only when each class has kMinPerClass comments.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sentiment/scorer.hpp"

namespace ascolto::sentiment {

inline constexpr std::size_t kMinPerClass = 50;

/// Hashed features of a text: stems, negated stems, stem pairs.
std::vector<std::uint64_t> features(std::string_view text);

class NaiveBayes {
 public:
  /// Adds a labelled text's features (from features()), `weight` times (a
  /// comment written on several rows).
  void add(const std::vector<std::uint64_t>& features, bool positive, std::uint32_t weight = 1);
  /// log P(positive | text) - log P(negative | text); 0 for an empty model.
  double log_odds(const std::vector<std::uint64_t>& features) const;
  std::array<std::uint64_t, 2> documents() const { return documents_; }

 private:
  std::unordered_map<std::uint64_t, std::array<std::uint32_t, 2>> counts_;
  std::array<std::uint64_t, 2> documents_{}, tokens_{};
};

/// Positive-against-negative counts: [truth][predicted], 0 negative, 1 positive.
struct Confusion {
  std::array<std::array<std::uint64_t, 2>, 2> cells{};
  double f1(int c) const;
  double macro_f1() const { return (f1(0) + f1(1)) / 2; }
  std::uint64_t total() const { return cells[0][0] + cells[0][1] + cells[1][0] + cells[1][1]; }
};

/// 5-fold cross-validation of the model on a labelled sample
/// (deterministic folds: its i-th text goes to fold i mod 5). `sample[i]`
/// indexes `texts`, the distinct feature lists: a text the sample repeats
/// (a canned answer) is trained on with its count and scored once per fold,
/// which gives the counts of taking the texts one at a time.
Confusion cross_validate(const std::vector<std::vector<std::uint64_t>>& texts,
                         const std::vector<std::uint32_t>& sample,
                         const std::vector<bool>& positive);

}  // namespace ascolto::sentiment
