#include "report/aggregate.hpp"

#include <algorithm>
#include <cmath>

#include "report/estimate_json.hpp"
#include "report/ratings.hpp"
#include "report/roles.hpp"

namespace ascolto::report {

using json = nlohmann::ordered_json;

namespace {

Error invalid(const std::string& message) {
  return make_error(ErrorCode::invalid_request, message);
}

struct Group {
  stats::MeanSums sums;
  std::vector<std::uint64_t> counts;  // per scale point
};

}  // namespace

Error parse_aggregate_request(const json& value, AggregateRequest& out) {
  if (!value.is_object()) return invalid("\"aggregate\" must be an object.");
  for (const auto& [key, v] : value.items()) {
    if (!v.is_string()) return invalid("aggregate." + key + " must be a column name.");
    if (key == "by")
      out.by = v.get<std::string>();
    else if (key == "rating")
      out.rating = v.get<std::string>();
    else
      return invalid("Unknown key \"" + key + "\" in \"aggregate\".");
  }
  if (out.by.empty()) return invalid("\"aggregate\" needs \"by\": the column to group by.");
  return {};
}

Error aggregate_json(const table::Table& table, const std::vector<ColumnRole>& roles,
                     const Config& config, const AggregateRequest& request, json& out) {
  const table::Column* by = table.find(request.by);
  if (!by) return invalid("No column \"" + request.by + "\" to group by.");
  if (by->type != table::ColumnType::categorical)
    return invalid("The column \"" + request.by + "\" is not categorical: it cannot group rows.");
  std::size_t rating_index = roles.size();
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const bool wanted = request.rating.empty() || table.columns[i].name == request.rating;
    if (wanted && roles[i].role == Role::rating && roles[i].scale) {
      rating_index = i;
      break;
    }
  }
  if (rating_index == roles.size())
    return invalid(request.rating.empty() ? "The dataset has no rating column."
                                          : "\"" + request.rating + "\" is not a rating column.");
  const table::Column& rating = table.columns[rating_index];
  const RatingScale& scale = *roles[rating_index].scale;
  const Weights weights = survey_weights(table, roles, nullptr);

  const auto levels = static_cast<std::size_t>(scale.max - scale.min) + 1;
  std::vector<Group> groups(by->labels.size(), Group{{}, std::vector<std::uint64_t>(levels, 0)});
  for (std::size_t row = 0; row < by->codes.size(); ++row) {
    const std::uint32_t code = by->codes[row];
    const double v = rating.numbers[row];  // read in place: a cleaned copy is a column's memory
    const double w = weights.at(row);
    if (code == table::kMissingCode || !scale.holds(v) || std::isnan(w)) continue;
    Group& g = groups[code];
    const std::uint64_t count = table.frequency(row);  // a cells file's row: its records
    g.sums.add(w, v, count);
    g.counts[static_cast<std::size_t>(v - scale.min)] += count;
  }

  std::vector<std::size_t> order(groups.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return groups[a].sums.n > groups[b].sums.n;
  });
  json list = json::array();
  for (std::size_t code : order) {
    const Group& g = groups[code];
    const bool shown = g.sums.n >= config.disclosure.min_base;
    list.push_back({{"value", by->labels[code]},
                    {"mean", estimate_json(stats::mean_from_sums(g.sums, weights.present(),
                                                                 weights.design_rows),
                                           config.disclosure)},
                    {"counts", shown ? json(g.counts) : json(nullptr)}});
  }
  out = {{"by", by->name},
         {"rating", rating.name},
         {"scale", scale_json(scale)},
         {"weighted", weights.present()},
         {"groups", std::move(list)}};
  return {};
}

}  // namespace ascolto::report
