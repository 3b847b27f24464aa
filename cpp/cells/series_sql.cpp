// The keys and sums of the volumes and media cells: the columns those
// reports read off a sample, so that the report of the cells is the
// report of the table (every figure of both is a sum or a count).
#include "cells/sql.hpp"
#include "report/media_report.hpp"
#include "report/volumes_report.hpp"

namespace ascolto::cells {

Error series_keys(const std::string& kind, const table::Table& sample,
                  const std::vector<report::ColumnRole>& roles, std::vector<KeyColumn>& keys,
                  std::vector<std::string>& sums) {
  keys.clear();
  sums.clear();
  auto by_of = [&](const std::string& name, bool day) {
    const table::Column* c = sample.find(name);
    return day && c && !c->in_words ? KeyColumn::By::day : KeyColumn::By::value;
  };
  if (kind == "volumes") {
    const std::optional<report::VolumesLayout> layout = report::volumes_layout(sample, roles);
    if (!layout)
      return make_error(ErrorCode::invalid_request,
                        "The sample has no period and no series: nothing to reduce.");
    for (const std::string& name : layout->period_columns)
      keys.push_back({name, by_of(name, layout->daily)});
    for (const std::string& name : layout->categories) keys.push_back({name});
    sums = layout->measures;
    return {};
  }
  if (kind == "media") {
    const std::optional<report::MediaLayout> layout = report::media_layout(sample, roles);
    if (!layout)
      return make_error(ErrorCode::invalid_request,
                        "The sample has no date column: the media cells are keyed by day.");
    keys.push_back({layout->date, by_of(layout->date, true)});
    for (const std::string* name : {&layout->outlet_type, &layout->source})
      if (!name->empty()) keys.push_back({*name});
    if (!layout->sentiment.empty())
      keys.push_back({layout->sentiment,
                      layout->numeric_sentiment ? KeyColumn::By::sign : KeyColumn::By::value});
    return {};
  }
  return make_error(ErrorCode::invalid_request,
                    "series_keys: \"" + kind + "\" is neither volumes nor media.");
}

}  // namespace ascolto::cells
