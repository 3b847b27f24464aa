// The instant-feedback report: per application and device (count, mean,
// distribution, shares of 4-5 and 1-2), a fair ranking by empirical-Bayes
// shrinkage, the trend by day, week or month, alerts (drops and bursts of
// low ratings against each application's recent weeks), and what the
// comments say (frequent terms and bigrams, keyness of low against high
// ratings), with personal data masked. Every view takes the same filter
// (application, device, period) and is computed from the table in memory.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/workers.hpp"
#include "report/config.hpp"
#include "report/roles.hpp"
#include "table/table.hpp"

namespace ascolto::report {

struct FeedbackFilter {
  std::string application;                       ///< empty: every application
  std::string device;                            ///< empty: every device
  std::optional<std::int64_t> from_day, to_day;  ///< days since 1970-01-01, inclusive
};

struct FeedbackRequest {
  FeedbackFilter filter;
  std::string granularity;  ///< day, week, month; empty: chosen from the span
};

struct CommentsRequest {
  FeedbackFilter filter;
  std::optional<int> rating;  ///< one point of the scale
  std::string word;           ///< matched by stem or as a substring, any case
  std::string sentiment;      ///< negative, neutral, positive or undetermined (empty: any)
  std::size_t offset = 0, limit = 20;
};

/// What the comments are made of, computed once per dataset and reused by
/// every filter: the stems and bigrams of each row, and masked texts.
struct FeedbackCache;
struct FeedbackCacheDeleter {
  void operator()(FeedbackCache* cache) const;
};
using FeedbackCachePtr = std::unique_ptr<FeedbackCache, FeedbackCacheDeleter>;

/// Every comment's sentiment, `limit` rows with a comment from `offset`
/// (rated or not, in file order): {"total", "offset", "limit", "method",
/// "items": [{"line", "rating" (or null), "sentiment", "score"}]}.
nlohmann::ordered_json sentiment_page(const table::Table& table,
                                      const std::vector<ColumnRole>& roles, std::size_t offset,
                                      std::size_t limit, FeedbackCachePtr& holder);

/// Reads {"application", "device", "from", "to", "granularity"}
/// (from/to as yyyy-mm-dd) for "feedback", and the same plus "rating",
/// "word", "offset", "limit" for "comments".
Error parse_feedback_request(const nlohmann::ordered_json& value, FeedbackRequest& out);
Error parse_comments_request(const nlohmann::ordered_json& value, CommentsRequest& out);

/// `workers`: threads to analyse the comments on beside the breakdowns,
/// trend and alerts (null: one after the other; the same report).
/// `beside`: tasks of the caller's, run among the report's own on the
/// same workers (the dataset's column summaries), which must touch nothing
/// the report reads or writes; they run also when there is no report.
nlohmann::ordered_json feedback_report(const table::Table& table,
                                       const std::vector<ColumnRole>& roles, const Config& config,
                                       const FeedbackRequest& request, FeedbackCachePtr& cache,
                                       core::Workers* workers = nullptr,
                                       const std::vector<std::function<void()>>& beside = {});

nlohmann::ordered_json comments_page(const table::Table& table,
                                     const std::vector<ColumnRole>& roles, const Config& config,
                                     const CommentsRequest& request, FeedbackCachePtr& cache);

/// Empirical-Bayes (normal-normal) shrinkage of group means toward the
/// overall mean, with the between-group variance by the method of moments
/// of the one-way ANOVA. Exposed for tests.
struct ShrinkageInput {
  std::vector<double> means, counts;
  double within_variance = 0;  ///< pooled within-group variance
  double grand_mean = 0;
};
struct Shrinkage {
  double between_variance = 0;  ///< tau^2
  double prior_strength = 0;    ///< sigma^2 / tau^2, in feedbacks; infinity when tau^2 = 0
  std::vector<double> adjusted, adjusted_se;
};
Shrinkage shrink(const ShrinkageInput& input);

}  // namespace ascolto::report
