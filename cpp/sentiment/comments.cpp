#include "sentiment/comments.hpp"

#include <cmath>
#include <unordered_map>

namespace ascolto::sentiment {

namespace {

Label lexicon_label(float score, std::uint8_t hits) {
  if (hits == 0) return Label::undetermined;
  return score > 0.1f ? Label::positive : score < -0.1f ? Label::negative : Label::neutral;
}

}  // namespace

CommentSentiment comment_sentiment(const CommentsInput& in) {
  CommentSentiment out;
  const auto& rows = *in.comment_of_row;
  const auto& ratings = *in.ratings;
  // The training texts: one per rated row with a comment, labelled by its band.
  std::vector<std::uint32_t> ids;
  std::vector<bool> positive;
  for (std::size_t row = 0; row < rows.size(); ++row) {
    const std::uint32_t id = rows[row];
    const double r = ratings[row];
    if (id == CommentsInput::kNone || std::isnan(r)) continue;
    if (r > in.negative_max && r < in.positive_min) continue;
    ids.push_back(id);
    positive.push_back(r >= in.positive_min);
    ++out.rated[r >= in.positive_min ? 1 : 0];
  }
  // The lexicon, measured on the same comments by the sign of its score; a
  // comment it cannot tell (no polarity word) counts as a miss.
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const float s = (*in.lexicon_score)[ids[i]];
    const bool undetermined = (*in.lexicon_hits)[ids[i]] == 0 || s == 0;
    const bool says_positive = undetermined ? !positive[i] : s > 0;
    ++out.lexicon_on_rated.cells[positive[i] ? 1 : 0][says_positive ? 1 : 0];
  }
  out.label.resize(in.comments);
  out.score.resize(in.comments);
  for (std::uint32_t id = 0; id < in.comments; ++id) {
    out.label[id] =
        static_cast<std::uint8_t>(lexicon_label((*in.lexicon_score)[id], (*in.lexicon_hits)[id]));
    out.score[id] = (*in.lexicon_score)[id];
  }
  if (out.rated[0] < kMinPerClass || out.rated[1] < kMinPerClass) {
    out.reason = "fewer than " + std::to_string(kMinPerClass) +
                 " rated comments in a class (1-2 or 4-5): the lexicon labels them";
    return out;
  }
  // Cross-validation on up to kMaxCrossValidated rated comments, evenly spread.
  const std::size_t step = (ids.size() + kMaxCrossValidated - 1) / kMaxCrossValidated;
  std::vector<std::vector<std::uint64_t>> texts;  // the sample's distinct comments
  std::vector<std::uint32_t> sample;              // by position, its text
  std::vector<bool> sample_positive;
  // A comment repeated in the sample (canned answers) is read once.
  std::unordered_map<std::uint32_t, std::uint32_t> text_of_comment;
  for (std::size_t i = 0; i < ids.size(); i += step) {
    auto [known, fresh] =
        text_of_comment.try_emplace(ids[i], static_cast<std::uint32_t>(texts.size()));
    if (fresh) texts.push_back(features(in.text(ids[i])));
    sample.push_back(known->second);
    sample_positive.push_back(positive[i]);
  }
  out.cross_validated = sample.size();
  out.model_cv = cross_validate(texts, sample, sample_positive);
  // Both measured on all rated comments would favour the model (it saw them);
  // the model's figure is cross-validated, the lexicon's never trained.
  if (out.model_cv.macro_f1() <= out.lexicon_on_rated.macro_f1()) {
    out.reason =
        "the model learned from the rated comments is not more accurate than the lexicon "
        "on them";
    return out;
  }
  // Training: each distinct comment once, weighted by its rows in each band.
  std::vector<std::array<std::uint32_t, 2>> bands(in.comments, {0, 0});
  for (std::size_t i = 0; i < ids.size(); ++i) ++bands[ids[i]][positive[i] ? 1 : 0];
  NaiveBayes model;
  for (std::uint32_t id = 0; id < in.comments; ++id) {
    if (bands[id][0] + bands[id][1] == 0) continue;
    const std::vector<std::uint64_t> f = features(in.text(id));
    if (bands[id][0]) model.add(f, false, bands[id][0]);
    if (bands[id][1]) model.add(f, true, bands[id][1]);
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
  out.reason = "learned from " + std::to_string(out.rated[0] + out.rated[1]) +
               " rated comments (1-2 negative, 4-5 positive); more accurate than the lexicon on "
               "them";
  return out;
}

}  // namespace ascolto::sentiment
