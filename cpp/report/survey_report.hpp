// The survey section of a report: weighting (column or raking), respondent
// profile, overall satisfaction by wave with tests, the journey (phase x
// channel), composite indices, shares of yes/no, single-choice and
// multi-response questions, breakdowns by profile with group-vs-rest
// tests, and key drivers.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "core/warnings.hpp"
#include "report/config.hpp"
#include "report/ratings.hpp"
#include "report/roles.hpp"
#include "table/table.hpp"

namespace ascolto::report {

nlohmann::ordered_json survey_report(const table::Table& table,
                                     const std::vector<ColumnRole>& roles, const Weights& weights,
                                     const Config& config, Warnings& warnings);

}  // namespace ascolto::report
