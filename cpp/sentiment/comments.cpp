#include "sentiment/comments.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

namespace ascolto::sentiment {

namespace {

Label lexicon_label(float score, std::uint8_t hits) {
  if (hits == 0) return Label::undetermined;
  return score > 0.1f ? Label::positive : score < -0.1f ? Label::negative : Label::neutral;
}

// A row's rating band: a rating at or above positive_min is positive
// first, should the bands overlap (the reports' never do: they are the
// scale's boxes, RatingScale::top_box_from). Looked up from three tests as
// bits, without a branch: ratings vary at random from row to row, and a
// branch on them mispredicted on about half the rows (a NaN compares false
// both ways, so only its own bit is set).
enum Band : std::uint8_t { kNegative, kPositive, kUnrated, kBetween };
Band band_of(double r, const CommentsInput& in) {
  static constexpr Band kByTests[8] = {kBetween, kNegative, kPositive, kPositive,
                                       kUnrated, kUnrated,  kUnrated,  kUnrated};
  return kByTests[(std::isnan(r) ? 4u : 0u) | (r >= in.positive_min ? 2u : 0u) |
                  (r <= in.negative_max ? 1u : 0u)];
}

// The rows of each comment by band, in one pass without a branch on the
// row (rows without a comment count in the last slot).
using BandCounts = std::vector<std::array<std::uint32_t, 4>>;
BandCounts count_bands(const CommentsInput& in) {
  const auto& rows = *in.comment_of_row;
  const auto& ratings = *in.ratings;
  BandCounts bands(in.comments + 1, {0, 0, 0, 0});
  for (std::size_t row = 0; row < rows.size(); ++row)
    ++bands[std::min<std::size_t>(rows[row], in.comments)][band_of(ratings[row], in)];
  return bands;
}

// The cross-validation's rated comments: every step-th rated row, in the
// file's order; a comment repeated in it (canned answers) is read once.
struct RatedSample {
  std::vector<std::vector<std::uint64_t>> texts;  // the distinct comments' features
  std::vector<std::uint32_t> text;                // by position, its text
  std::vector<bool> positive;
};
RatedSample sample_rated(const CommentsInput& in, std::uint64_t step) {
  const auto& rows = *in.comment_of_row;
  const auto& ratings = *in.ratings;
  RatedSample out;
  std::unordered_map<std::uint32_t, std::uint32_t> text_of_comment;
  std::uint64_t seen = 0, next = 0;  // rated rows passed; the next one sampled
  for (std::size_t row = 0; row < rows.size(); ++row) {
    const Band band = band_of(ratings[row], in);
    // Bitwise, not short-circuit: one branch a row, taken only when sampled.
    const bool is_rated = (rows[row] != CommentsInput::kNone) & (band <= kPositive);
    if (is_rated & (seen == next)) {
      auto [known, fresh] =
          text_of_comment.try_emplace(rows[row], static_cast<std::uint32_t>(out.texts.size()));
      if (fresh) out.texts.push_back(features(in.text(rows[row])));
      out.text.push_back(known->second);
      out.positive.push_back(band == kPositive);
      next += step;
    }
    seen += is_rated;
  }
  return out;
}

}  // namespace

CommentSentiment comment_sentiment(const CommentsInput& in) {
  CommentSentiment out;
  const BandCounts bands = count_bands(in);
  out.unrated.resize(in.comments);
  for (std::uint32_t id = 0; id < in.comments; ++id) {
    const auto& b = bands[id];
    out.rated[0] += b[kNegative];
    out.rated[1] += b[kPositive];
    out.unrated[id] = b[kUnrated];
    // The lexicon, measured on the same comments by the sign of its score;
    // a comment it cannot tell (no polarity word) counts as a miss.
    const float s = (*in.lexicon_score)[id];
    const bool undetermined = (*in.lexicon_hits)[id] == 0 || s == 0;
    out.lexicon_on_rated.cells[0][undetermined || s > 0 ? 1 : 0] += b[kNegative];
    out.lexicon_on_rated.cells[1][!undetermined && s > 0 ? 1 : 0] += b[kPositive];
  }
  out.label.resize(in.comments);
  out.score.resize(in.comments);
  for (std::uint32_t id = 0; id < in.comments; ++id) {
    out.label[id] =
        static_cast<std::uint8_t>(lexicon_label((*in.lexicon_score)[id], (*in.lexicon_hits)[id]));
    out.score[id] = (*in.lexicon_score)[id];
  }
  if (out.rated[0] < kMinPerClass || out.rated[1] < kMinPerClass) {
    out.reason = "fewer than " + std::to_string(kMinPerClass) + " rated comments in a class (" +
                 in.negative_band + " or " + in.positive_band + "): the lexicon labels them";
    return out;
  }
  // Cross-validation on up to kMaxCrossValidated rated comments, evenly spread.
  const std::uint64_t rated = out.rated[0] + out.rated[1];
  const RatedSample sample =
      sample_rated(in, (rated + kMaxCrossValidated - 1) / kMaxCrossValidated);
  out.cross_validated = sample.text.size();
  out.model_cv = cross_validate(sample.texts, sample.text, sample.positive);
  // Both measured on all rated comments would favour the model (it saw them);
  // the model's figure is cross-validated, the lexicon's never trained.
  if (out.model_cv.macro_f1() <= out.lexicon_on_rated.macro_f1()) {
    out.reason =
        "the model learned from the rated comments is not more accurate than the lexicon "
        "on them";
    return out;
  }
  // Training: each distinct comment once, weighted by its rows in each band.
  NaiveBayes model;
  for (std::uint32_t id = 0; id < in.comments; ++id) {
    const auto& b = bands[id];
    if (b[kNegative] + b[kPositive] == 0) continue;
    const std::vector<std::uint64_t> f = features(in.text(id));
    if (b[kNegative]) model.add(f, false, b[kNegative]);
    if (b[kPositive]) model.add(f, true, b[kPositive]);
  }
  for (std::uint32_t id = 0; id < in.comments; ++id) {
    const std::vector<std::uint64_t> f = features(in.text(id));
    const double odds = model.log_odds(f);
    out.score[id] = static_cast<float>(std::tanh(odds / 2));
    out.label[id] = static_cast<std::uint8_t>(f.empty()     ? Label::undetermined
                                              : odds > 0.5  ? Label::positive
                                              : odds < -0.5 ? Label::negative
                                                            : Label::neutral);
  }
  out.model_used = true;
  out.reason = "learned from " + std::to_string(out.rated[0] + out.rated[1]) + " rated comments (" +
               in.negative_band + " negative, " + in.positive_band +
               " positive); more accurate than the lexicon on them";
  return out;
}

}  // namespace ascolto::sentiment
