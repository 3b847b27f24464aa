// The Sintesi of a report: each dataset's findings in the configured order
// of sections, and, when several datasets are read together, one combined
// summary of their headline findings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ascolto::summary {

/// From the configuration's "sintesi": {"order": [...], "omit": [...]}.
struct SintesiConfig {
  std::vector<std::string> order;  ///< these sections first, in this order; the rest after
  std::vector<std::string> omit;   ///< sections or kinds of finding left out
};

/// The section names and finding kinds a configuration may name.
const std::vector<std::string_view>& sintesi_sections();
const std::vector<std::string_view>& sintesi_kinds();

/// {"findings": [{section, kind, figures, it, en, headline}]} of one
/// dataset, from its report section (`kind`: survey, feedback, volumes, media).
nlohmann::ordered_json dataset_sintesi(std::string_view kind, const nlohmann::ordered_json& section,
                                       const SintesiConfig& config);

/// The combined summary of the datasets of a report (their "sintesi"
/// already written): one sentence naming what was read, then each
/// dataset's headline findings, each with its dataset's name. Null for
/// fewer than two datasets.
nlohmann::ordered_json combined_sintesi(const nlohmann::ordered_json& datasets,
                                        const SintesiConfig& config);

}  // namespace ascolto::summary
