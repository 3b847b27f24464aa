// The Sintesi (issue 22): findings written as sentences from the report
// JSON, never from free text generation. Each finding carries its kind, the
// figures it uses and its sentence in Italian and English; the sentence
// templates live in one file per language (templates_it.inc,
// templates_en.inc). Figures are written as the agency writes them: two
// decimals for means, Italian separators ("3,74", "30.131", "51,24%").
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace ascolto::summary {

enum class Lang { it, en };

/// A number with `decimals` decimals: "3,74" / "3.74", thousands "30.131" / "30,131".
std::string number(double value, int decimals, Lang lang);
/// A share as a percentage: 0.5124 -> "51,24%" / "51.24%".
std::string percent(double share, int decimals, Lang lang);
/// "2023-10-23" -> "23/10/2023".
std::string day(std::string_view iso);

/// The template of `key` in `lang` with its {placeholders} filled.
std::string sentence(std::string_view key, Lang lang,
                     const std::vector<std::pair<std::string, std::string>>& values);

struct Finding {
  std::string kind;
  nlohmann::ordered_json figures;
  std::string it, en;
};

nlohmann::ordered_json findings_json(const std::vector<Finding>& findings);

/// The feedback findings, from the dataset's "feedback" section: the
/// alerts first, the overall mean, the best and worst applications by the
/// adjusted ranking only when their rank interval says so (else the group
/// that cannot be separated), what the low ratings' comments are about, and
/// the comments' negative share.
std::vector<Finding> feedback_findings(const nlohmann::ordered_json& feedback);

}  // namespace ascolto::summary
