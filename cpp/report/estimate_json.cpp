#include "report/estimate_json.hpp"

#include <cmath>

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

}  // namespace ascolto::report
