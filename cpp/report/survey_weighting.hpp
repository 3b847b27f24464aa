// The design a survey report estimates on: the weight column when there is
// one, or weights raked to the population margins of the configuration
// (within each wave when there are waves), with a summary of the weights.
#pragma once

#include <nlohmann/json.hpp>

#include "core/warnings.hpp"
#include "report/config.hpp"
#include "report/ratings.hpp"
#include "report/survey_structure.hpp"
#include "stats/design.hpp"
#include "table/table.hpp"

namespace ascolto::report {

struct WeightingResult {
  stats::Design design;
  nlohmann::ordered_json summary;
};

WeightingResult survey_weighting(const table::Table& table, const SurveyStructure& structure,
                                 const Weights& weights, const Config& config, Warnings& warnings);

}  // namespace ascolto::report
