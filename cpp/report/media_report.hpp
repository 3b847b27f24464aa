// The media-monitoring report: news items counted by outlet type and
// source per week or month, the share of negative items when a sentiment
// is given, and crisis alerts: weeks whose count of (negative) items rises
// beyond the recent baseline, with the items behind them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/config.hpp"
#include "report/roles.hpp"
#include "table/table.hpp"

namespace ascolto::report {

/// The columns the media report reads: the reduction query (cpp/cells)
/// keys the cells by the date's day, the outlet type, the source and the
/// vendor's sentiment (by its sign when it is a score). Titles and texts
/// are not keys: the items are what the cells reduce away.
struct MediaLayout {
  std::string date, outlet_type, source, sentiment;  ///< empty: none
  bool date_in_words = false;                        ///< keyed as written, not by its day
  bool numeric_sentiment = false;
};
std::optional<MediaLayout> media_layout(const table::Table& table,
                                        const std::vector<ColumnRole>& roles);

nlohmann::ordered_json media_report(const table::Table& table, const std::vector<ColumnRole>& roles,
                                    const Config& config);

/// Each item's sentiment, `limit` items from `offset` in file order:
/// {"total", "offset", "limit", "items": [{"line", "sentiment", "score"
/// (Ascolto's, or null), "by": "vendor" | "ascolto" | "none"}]}.
nlohmann::ordered_json media_sentiment_page(const table::Table& table,
                                            const std::vector<ColumnRole>& roles,
                                            std::size_t offset, std::size_t limit);

/// The crisis rule on weekly counts: the week against the mean and standard
/// deviation of the previous `baseline` weeks, flagged when
/// z = (count - mean) / max(sd, sqrt(mean), 1) >= 3 and count >= 5.
struct CrisisCheck {
  bool flagged = false;
  double baseline_mean = 0, baseline_sd = 0, z = 0;
};
CrisisCheck crisis_check(const std::vector<double>& previous, double count);

}  // namespace ascolto::report
