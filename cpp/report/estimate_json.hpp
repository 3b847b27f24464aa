// How an estimate appears in the report JSON, with disclosure control
// applied in one place for every section.
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/config.hpp"
#include "stats/estimate.hpp"

namespace ascolto::report {

/// {"value", "se", "ci95": [low, high], "n", "n_eff", "method"}; NaN
/// becomes null. Under the disclosure base: {"suppressed": true, "reason"}
/// with no value and no n; under the low base, "low_base": true.
nlohmann::ordered_json estimate_json(const stats::Estimate& e, const Disclosure& disclosure);

/// Disclosure control over cells that add up to a total (the categories
/// of a question, the groups of a breakdown): a cell under the base is
/// suppressed, and when exactly one is, the next smallest too, since it
/// could be recovered from the total and the other cells.
std::vector<bool> suppressed_cells(const std::vector<std::uint64_t>& bases,
                                   const Disclosure& disclosure);

/// estimate_json, or a suppressed cell when `suppressed` (complementary suppression).
nlohmann::ordered_json cell_json(const stats::Estimate& e, bool suppressed,
                                 const Disclosure& disclosure);

/// A number, or null for NaN (JSON has no NaN).
nlohmann::ordered_json number_or_null(double value);

}  // namespace ascolto::report

namespace ascolto::report {

/// Adds "rank_ci95": [best, worst] (1 = highest) to each unit of the array
/// `units` whose estimate under `estimate_key` is shown, from the units'
/// values and standard errors taken as independent normal posteriors
/// (stats::rank_intervals). Suppressed units are left unranked.
void add_rank_intervals(nlohmann::ordered_json& units, const char* estimate_key);

}  // namespace ascolto::report
