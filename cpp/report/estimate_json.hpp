// How an estimate appears in the report JSON, with disclosure control
// applied in one place for every section.
#pragma once

#include <nlohmann/json.hpp>

#include "report/config.hpp"
#include "stats/estimate.hpp"

namespace ascolto::report {

/// {"value", "se", "ci95": [low, high], "n", "n_eff", "method"}; NaN
/// becomes null. Under the disclosure base: {"suppressed": true, "reason"}
/// with no value and no n; under the low base, "low_base": true.
nlohmann::ordered_json estimate_json(const stats::Estimate& e, const Disclosure& disclosure);

/// A number, or null for NaN (JSON has no NaN).
nlohmann::ordered_json number_or_null(double value);

}  // namespace ascolto::report
