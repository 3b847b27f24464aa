#include "summary/sintesi.hpp"

#include <algorithm>

#include "summary/findings.hpp"

namespace ascolto::summary {

namespace {

using json = nlohmann::ordered_json;

bool listed(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The configured order: the named sections first, in their order; the
// others keep the order the findings were written in (stable).
std::vector<Finding> arranged(std::vector<Finding> findings, const SintesiConfig& config) {
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [&](const Finding& f) {
                                  return listed(config.omit, f.section) ||
                                         listed(config.omit, f.kind);
                                }),
                 findings.end());
  const auto rank = [&](const Finding& f) {
    const auto at = std::find(config.order.begin(), config.order.end(), f.section);
    return static_cast<std::size_t>(at - config.order.begin());
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&](const Finding& a, const Finding& b) { return rank(a) < rank(b); });
  return findings;
}

}  // namespace

const std::vector<std::string_view>& sintesi_sections() {
  static const std::vector<std::string_view> sections = {
      "alerts",      "overall", "trend",   "ranking", "comments", "territory",
      "respondents", "profile", "indices", "journey", "drivers",  "shares",
      "projections", "mix",     "crises",  "negative"};
  return sections;
}

const std::vector<std::string_view>& sintesi_kinds() {
  static const std::vector<std::string_view> kinds = {
      "alert",          "overall",         "change",        "trend",
      "best",           "worst",           "best_group",    "worst_group",
      "best_uncertain", "worst_uncertain", "low_comments",  "negative_comments",
      "funnel",         "spread",          "respondents",   "profile",
      "index",          "priority",        "yes_share",     "choice",
      "multi_response", "projection",      "year_change",   "mix_shift",
      "mix_year",       "crisis",          "negative_share"};
  return kinds;
}

json dataset_sintesi(std::string_view kind, const json& section, const SintesiConfig& config) {
  Findings findings;
  if (kind == "feedback") findings = feedback_findings(section);
  if (kind == "survey") findings = survey_findings(section);
  if (kind == "volumes") findings = volumes_findings(section);
  if (kind == "media") findings = media_findings(section);
  json out = {{"findings", findings_json(arranged(std::move(findings.list()), config))}};
  // A part of the section of an unexpected shape: its sentences are left
  // out, and said to be, never guessed.
  if (!findings.incomplete().empty()) out["incomplete"] = findings.incomplete();
  return out;
}

json combined_sintesi(const json& datasets, const SintesiConfig& config) {
  std::vector<const json*> read;
  for (const json& d : datasets)
    if (d.contains("sintesi")) read.push_back(&d);
  if (read.size() < 2) return nullptr;
  Findings out;
  json names = json::array();
  for (const json* d : read) names.push_back((*d)["name"]);
  out.add("datasets", "datasets", {{"datasets", names}}, "combined_datasets", [&](Lang lang) {
    std::vector<std::string> items;
    for (const json* d : read)
      items.push_back(sentence("kind_" + (*d)["kind"]["value"].get<std::string>(), lang, {}) + " " +
                      guillemets((*d)["name"].get<std::string>()));
    return Values{{"count", std::to_string(read.size())}, {"datasets", listing(items, lang)}};
  });
  json findings = findings_json(out.list());
  for (const json* d : read)
    for (const json& f : (*d)["sintesi"]["findings"])
      if (f.value("headline", false) && !listed(config.omit, f["section"].get<std::string>()) &&
          !listed(config.omit, f["kind"].get<std::string>())) {
        json combined = f;
        combined["dataset"] = (*d)["name"];
        findings.push_back(std::move(combined));
      }
  return {{"findings", std::move(findings)}};
}

}  // namespace ascolto::summary
