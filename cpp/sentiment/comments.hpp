// The sentiment of a file's comments: each distinct comment labelled by the
// model learned from the rated comments when there are enough of them and
// it beats the lexicon on them (both measured on the same rated comments),
// else by the lexicon (scorer.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sentiment/model.hpp"

namespace ascolto::sentiment {

struct CommentSentiment {
  bool model_used = false;
  std::string reason;                    ///< why the model is or is not used
  std::array<std::uint64_t, 2> rated{};  ///< rated comments: negative, positive
  std::uint64_t cross_validated = 0;     ///< of them, in the cross-validation
  Confusion model_cv;                    ///< the model, 5-fold, on the rated comments
  Confusion lexicon_on_rated;            ///< the lexicon on the same comments
  std::vector<std::uint8_t> label;       ///< Label, by distinct comment
  std::vector<float> score;              ///< -1..1 (the model: tanh of half the log-odds)
  std::vector<std::uint32_t> unrated;    ///< by distinct comment: its rows without a rating
};

/// At most this many rated comments go into the cross-validation (taken
/// evenly through the file): enough for a stable figure, bounded time.
inline constexpr std::size_t kMaxCrossValidated = 20000;

struct CommentsInput {
  std::size_t comments = 0;                          ///< distinct comments
  std::function<std::string(std::uint32_t)> text;    ///< a distinct comment's text (masked)
  const std::vector<std::uint32_t>* comment_of_row;  ///< kNone for a row without one
  const std::vector<double>* ratings;                ///< by row; NaN without a rating
  double negative_max = 2, positive_min = 4;         ///< rating bands that label training texts
  std::string negative_band = "1-2", positive_band = "4-5";  ///< the bands as the reasons name them
  const std::vector<float>* lexicon_score;                   ///< by distinct comment
  const std::vector<std::uint8_t>* lexicon_hits;
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
};

CommentSentiment comment_sentiment(const CommentsInput& in);

}  // namespace ascolto::sentiment
