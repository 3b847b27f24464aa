#include "report/estimate_json.hpp"

#include <cmath>

#include "stats/ranks.hpp"

namespace ascolto::report {

nlohmann::ordered_json number_or_null(double value) {
  return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json estimate_json(const stats::Estimate& e, const Disclosure& disclosure) {
  if (e.n < disclosure.min_base) {
    return {{"suppressed", true}, {"reason", "base below " + std::to_string(disclosure.min_base)}};
  }
  nlohmann::ordered_json out = {{"value", number_or_null(e.value)},
                                {"se", number_or_null(e.se)},
                                {"ci95", {number_or_null(e.ci_low), number_or_null(e.ci_high)}},
                                {"n", e.n},
                                {"n_eff", number_or_null(e.n_eff)},
                                {"method", e.method}};
  if (e.n < disclosure.low_base) out["low_base"] = true;
  return out;
}

std::vector<bool> suppressed_cells(const std::vector<std::uint64_t>& bases,
                                   const Disclosure& disclosure) {
  std::vector<bool> out(bases.size(), false);
  std::size_t suppressed = 0;
  for (std::size_t i = 0; i < bases.size(); ++i)
    if (bases[i] < disclosure.min_base) {
      out[i] = true;
      ++suppressed;
    }
  if (suppressed == 1) {
    std::size_t smallest = bases.size();
    for (std::size_t i = 0; i < bases.size(); ++i)
      if (!out[i] && (smallest == bases.size() || bases[i] < bases[smallest])) smallest = i;
    if (smallest < bases.size()) out[smallest] = true;
  }
  return out;
}

nlohmann::ordered_json cell_json(const stats::Estimate& e, bool suppressed,
                                 const Disclosure& disclosure) {
  if (suppressed && e.n >= disclosure.min_base)
    return {{"suppressed", true},
            {"reason", "complementary: another cell of the table is below the base"}};
  return estimate_json(e, disclosure);
}

}  // namespace ascolto::report

namespace ascolto::report {

void add_rank_intervals(nlohmann::ordered_json& units, const char* estimate_key) {
  std::vector<double> values, ses;
  std::vector<nlohmann::ordered_json*> ranked;
  for (auto& unit : units) {
    const auto& e = unit[estimate_key];
    if (!e.contains("value") || !e["value"].is_number() || !e["se"].is_number()) continue;
    values.push_back(e["value"].get<double>());
    ses.push_back(e["se"].get<double>());
    ranked.push_back(&unit);
  }
  if (ranked.size() < 2) return;
  const std::vector<stats::RankInterval> ranks = stats::rank_intervals(values, ses);
  for (std::size_t i = 0; i < ranked.size(); ++i)
    (*ranked[i])["rank_ci95"] = {ranks[i].low, ranks[i].high};
}

}  // namespace ascolto::report
