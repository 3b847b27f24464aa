// The survey section of the Sintesi: the paragraphs of the agency's
// customer-journey reports (../shared/seeds), written from the report.
#include <algorithm>

#include "summary/findings.hpp"

namespace ascolto::summary {

namespace {

using json = nlohmann::ordered_json;

// The current wave's estimate of an entry with "by_wave", by wave label.
const json* wave_estimate(const json& entry, const std::string& wave) {
  for (const json& w : array_at(entry, "by_wave"))
    if (w.at("wave") == wave) return shown(w.at("estimate")) ? &w.at("estimate") : nullptr;
  return nullptr;
}

const json* wave_difference(const json& entry, const std::string& from, const std::string& to) {
  for (const json& d : array_at(entry, "wave_differences"))
    if (d.at("from") == from && d.at("to") == to) return &d;
  return nullptr;
}

// A figure with a low-base note when its estimate's base is under the low base.
std::string with_low_base(std::string text, const json& estimate, Lang lang) {
  if (estimate.value("low_base", false)) text += sentence("low_base", lang, {});
  return text;
}

std::string share_of(const json& estimate, Lang lang) {
  return with_low_base(share(estimate.at("value").get<double>(), lang), estimate, lang);
}

// The categories (or options) of `list` whose share is shown, largest first.
std::vector<const json*> by_share(const json& list) {
  std::vector<const json*> out;
  for (const json& entry : list)
    if (shown(entry.at("share"))) out.push_back(&entry);
  std::stable_sort(out.begin(), out.end(), [](const json* a, const json* b) {
    return a->at("share").at("value").get<double>() > b->at("share").at("value").get<double>();
  });
  return out;
}

// [{value, share}] of the entries, for a finding's figures.
json value_shares(const std::vector<const json*>& entries) {
  json out = json::array();
  for (const json* entry : entries)
    out.push_back({{"value", entry->at("value")}, {"share", entry->at("share").at("value")}});
  return out;
}

struct Waves {
  std::string first, previous, current;
};

Waves waves_of(const json& survey) {
  Waves w;
  if (!survey.contains("wave") || !survey.at("wave").is_object()) return w;
  const json& values = survey.at("wave").at("values");
  w.current = survey.at("wave").at("current").get<std::string>();
  const auto at = std::find(values.begin(), values.end(), w.current);
  if (at == values.begin() || at == values.end()) return w;
  w.first = values.front().get<std::string>();
  w.previous = std::prev(at)->get<std::string>();
  return w;
}

void respondents_findings(const json& survey, const Waves& waves, Findings& out) {
  const double n = survey.at("respondents").get<double>();
  out.add("respondents", "respondents", {{"respondents", n}, {"wave", waves.current}},
          waves.current.empty() ? "respondents" : "respondents_wave",
          [&](Lang lang) {
            return Values{{"n", number(n, 0, lang)}, {"wave", waves.current}};
          })
      .headline = true;
  // The profile: the largest group of each dimension; the three largest
  // where there are many (as the seed names the main occupations).
  for (const json& profile : array_at(survey, "profile")) {
    std::vector<const json*> shown_categories = by_share(profile.at("categories"));
    if (shown_categories.empty()) continue;
    const std::size_t named = shown_categories.size() > 4 ? 3 : 1;
    shown_categories.resize(std::min(named, shown_categories.size()));
    json figures = {{"column", profile.at("column")},
                    {"categories", value_shares(shown_categories)}};
    const std::string column = words(profile.at("column").get<std::string>());
    out.add("profile", "profile", figures, named == 1 ? "profile_top" : "profile_top3",
            [&](Lang lang) {
              std::vector<std::string> groups;
              for (const json* c : shown_categories)
                groups.push_back(guillemets((*c).at("value").get<std::string>()) + " (" +
                                 share_of((*c).at("share"), lang) + ")");
              return Values{
                  {"column", column},
                  {"value", guillemets((*shown_categories[0]).at("value").get<std::string>())},
                  {"share", share_of((*shown_categories[0]).at("share"), lang)},
                  {"groups", listing(groups, lang)}};
            });
  }
}

// A figure of the overall measure: a mean with two decimals, or the share
// of a yes/no ("satisfied") overall question.
std::string overall_figure(double value, bool share_measure, Lang lang) {
  return share_measure ? share(value, lang) : number(value, 2, lang);
}

// A change between two waves in words: the seed's "passa da 3,74 del 2019
// a 3,93 del 2022" only when the change is significant, else "stabile".
void change_finding(const std::string& section, const std::string& subject_key, const json& entry,
                    const Waves& waves, const std::string& from, bool headline, Findings& out) {
  const bool share_measure = entry.value("type", "") == "binary";
  // "da 3,74" but "dal 43,9%" (an Italian share takes the article); "from 3.74".
  const auto from_to = [&](const char* preposition, const char* key, const json& estimate,
                           Lang lang) {
    const std::string figure =
        overall_figure(estimate.at("value").get<double>(), share_measure, lang);
    return share_measure && lang == Lang::it ? articled(preposition, figure, lang)
                                             : sentence(key, lang, {{"value", figure}});
  };
  const json* before = wave_estimate(entry, from);
  const json* now = wave_estimate(entry, waves.current);
  const json* difference = wave_difference(entry, from, waves.current);
  if (!before || !now || !difference) return;
  const bool significant = (*difference).value("significant", false);
  out.add(
         section, "change",
         {{"item", entry.at("column")},
          {"from", from},
          {"to", waves.current},
          {"before", (*before).at("value")},
          {"now", (*now).at("value")},
          {"difference", *difference}},
         significant ? "wave_change" : "wave_stable",
         [&](Lang lang) {
           return Values{
               {"subject", sentence(subject_key, lang, {})},
               {"from", from},
               {"to", waves.current},
               {"before", overall_figure((*before).at("value").get<double>(), share_measure, lang)},
               {"now", overall_figure((*now).at("value").get<double>(), share_measure, lang)},
               {"from_before", from_to("da", "from_value", *before, lang)},
               {"to_now", from_to("a", "to_value", *now, lang)},
               {"change", change_words(*difference, lang)},
               {"p", number((*difference).at("p").get<double>(), 3, lang)}};
         })
      .headline = headline;
}

void overall_findings(const json& survey, const Waves& waves, Findings& out) {
  if (!survey.contains("overall") || !survey.at("overall").is_object()) return;
  const json& overall = survey.at("overall");
  const json* mean = shown(overall.at("estimate"));
  if (!mean) return;
  const json& ci = overall.at("estimate").at("ci95");
  Finding* level = nullptr;
  if (overall.value("type", "") == "binary") {
    // "Satisfied or not": the share of the positive answer, with its interval.
    level = &out.add("overall", "overall",
                     {{"column", overall.at("column")},
                      {"share", *mean},
                      {"ci95", ci},
                      {"positive", overall.at("positive")}},
                     "survey_overall_share", [&](Lang lang) {
                       return Values{
                           {"positive", guillemets(overall.at("positive").get<std::string>())},
                           {"share", share(mean->get<double>(), lang)},
                           {"low", share(ci.at(0).get<double>(), lang)},
                           {"high", share(ci.at(1).get<double>(), lang)}};
                     });
  } else {
    level = &out.add("overall", "overall",
                     {{"column", overall.at("column")},
                      {"mean", *mean},
                      {"ci95", ci},
                      {"scale", overall.at("scale")}},
                     "survey_overall", [&](Lang lang) {
                       return Values{
                           {"mean", number(mean->get<double>(), 2, lang)},
                           {"min", number(overall.at("scale").at("min").get<double>(), 0, lang)},
                           {"max", number(overall.at("scale").at("max").get<double>(), 0, lang)},
                           {"low", number(ci.at(0).get<double>(), 2, lang)},
                           {"high", number(ci.at(1).get<double>(), 2, lang)}};
                     });
  }
  // Without waves the level itself is the headline of the combined summary;
  // with waves, its change from the first one is.
  level->headline = waves.first.empty();
  if (waves.first.empty()) return;
  // From the first wave, as the agency compares; and from the previous one.
  change_finding("overall", "overall_satisfaction", overall, waves, waves.first, true, out);
  if (waves.previous != waves.first)
    change_finding("overall", "overall_satisfaction", overall, waves, waves.previous, false, out);
}

void index_findings(const json& survey, const Waves& waves, Findings& out) {
  for (const json& index : array_at(survey, "indices")) {
    const json* mean = shown(index.at("mean"));
    if (!mean) continue;
    const json& ci = index.at("mean").at("ci95");
    const std::string name = index.at("name").get<std::string>();
    const json* difference =
        waves.previous.empty() ? nullptr : wave_difference(index, waves.previous, waves.current);
    const json* before = waves.previous.empty() ? nullptr : wave_estimate(index, waves.previous);
    out.add("indices", "index", {{"name", name}, {"mean", *mean}, {"ci95", ci}},
            difference && before ? "index_wave" : "index", [&](Lang lang) {
              Values v{{"name", guillemets(name)},
                       {"mean", articled("a", number(mean->get<double>(), 2, lang), lang)},
                       {"low", number(ci.at(0).get<double>(), 2, lang)},
                       {"high", number(ci.at(1).get<double>(), 2, lang)}};
              if (difference && before) {
                v.push_back({"previous", waves.previous});
                v.push_back({"before", number((*before).at("value").get<double>(), 2, lang)});
                v.push_back({"change", change_words(*difference, lang)});
              }
              return v;
            });
  }
}

void journey_findings(const json& survey, Findings& out) {
  if (!survey.contains("journey") || !survey.at("journey").is_object()) return;
  const json& journey = survey.at("journey");
  for (const auto& [key, name_key, what] :
       {std::tuple{"by_phase", "phase", "phase"}, std::tuple{"by_channel", "channel", "channel"}}) {
    std::vector<RankedUnit> units;
    for (const json& unit : array_at(journey, key)) {
      if (!unit.contains("rank_ci95") || !shown(unit.at("mean"))) continue;
      const json& m = unit.at("mean");
      units.push_back({unit[name_key].get<std::string>(), m.at("value").get<double>(),
                       m.at("ci95").at(0).get<double>(), m.at("ci95").at(1).get<double>(),
                       unit.at("rank_ci95").at(0).get<std::size_t>(),
                       unit.at("rank_ci95").at(1).get<std::size_t>()});
    }
    edge_findings(units, "journey", what, out);
  }
}

void driver_findings(const json& survey, Findings& out) {
  if (!survey.contains("drivers") || !survey.at("drivers").is_object()) return;
  std::vector<const json*> priority;
  for (const json& item : survey.at("drivers").at("items"))
    if (item.at("quadrant") == "priority") priority.push_back(&item);
  if (priority.empty()) return;
  std::stable_sort(priority.begin(), priority.end(), [](const json* a, const json* b) {
    return (*a).at("importance").get<double>() > (*b).at("importance").get<double>();
  });
  if (priority.size() > 5) priority.resize(5);
  json figures = json::array();
  for (const json* item : priority) {
    figures.push_back({{"column", (*item).at("column")},
                       {"importance", (*item).at("importance")},
                       {"performance", (*item).at("performance").at("value")}});
  }
  out.add("drivers", "priority", {{"items", figures}}, "drivers_priority", [&](Lang lang) {
    std::vector<std::string> items;
    for (const json* item : priority)
      items.push_back(sentence(
          "driver_item", lang,
          {{"item", guillemets(words((*item).at("column").get<std::string>()))},
           {"importance", number((*item).at("importance").get<double>(), 2, lang)},
           {"mean", number((*item).at("performance").at("value").get<double>(), 2, lang)}}));
    return Values{{"items", listing(items, lang)}};
  });
}

void share_findings(const json& survey, const Waves& waves, Findings& out) {
  if (!survey.contains("shares") || !survey.at("shares").is_object()) return;
  const json& shares = survey.at("shares");
  // A headline yes/no share is written with one decimal, as the agency
  // writes "l'83,6% degli utenti".
  for (const json& item : array_at(shares, "yes_no")) {
    const json* yes = shown(item.at("yes"));
    if (!yes) continue;
    const json& ci = item.at("yes").at("ci95");
    const std::string column = words(item.at("column").get<std::string>());
    out.add("shares", "yes_share", {{"column", item.at("column")}, {"share", *yes}, {"ci95", ci}},
            "yes_share", [&](Lang lang) {
              return Values{{"column", guillemets(column)},
                            {"share", with_low_base(percent(yes->get<double>(), 1, lang),
                                                    item.at("yes"), lang)},
                            {"low", percent(ci.at(0).get<double>(), 1, lang)},
                            {"high", percent(ci.at(1).get<double>(), 1, lang)}};
            });
  }
  // A single choice: every category from the largest, the largest with its
  // change from the previous wave.
  for (const json& item : array_at(shares, "single_choice")) {
    const std::vector<const json*> categories = by_share(item.at("categories"));
    if (categories.size() < 2) continue;
    const json& top = *categories.front();
    const json* before = waves.previous.empty() ? nullptr : wave_estimate(top, waves.previous);
    const json* difference =
        waves.previous.empty() ? nullptr : wave_difference(top, waves.previous, waves.current);
    json figures = {{"column", item.at("column")}, {"categories", value_shares(categories)}};
    if (before && difference) figures["top_change"] = *difference;
    const std::string column = words(item.at("column").get<std::string>());
    out.add("shares", "choice", figures, "choice", [&](Lang lang) {
      std::vector<std::string> rest;
      for (std::size_t i = 1; i < categories.size(); ++i)
        rest.push_back(guillemets((*categories[i]).at("value").get<std::string>()) + " (" +
                       share_of((*categories[i]).at("share"), lang) + ")");
      std::string change;
      if (before && difference)
        change = sentence("choice_change", lang,
                          {{"before", articled("di", share_of(*before, lang), lang)},
                           {"previous", waves.previous},
                           {"change", change_words(*difference, lang)}});
      return Values{{"column", guillemets(column)},
                    {"top", guillemets(top.at("value").get<std::string>())},
                    {"share", articled("", share_of(top.at("share"), lang), lang)},
                    {"change", change},
                    {"rest", listing(rest, lang)}};
    });
  }
  for (const json& item : array_at(shares, "multi_response")) {
    const std::vector<const json*> options = by_share(item.at("options"));
    if (options.empty()) continue;
    json figures = {{"name", item.at("name")}, {"options", value_shares(options)}};
    const std::string name = words(item.at("name").get<std::string>());
    out.add("shares", "multi_response", figures, "multi_response", [&](Lang lang) {
      std::vector<std::string> listed;
      for (const json* o : options)
        listed.push_back(guillemets((*o).at("value").get<std::string>()) + " " +
                         share_of((*o).at("share"), lang));
      return Values{{"name", guillemets(name)}, {"options", listing(listed, lang)}};
    });
  }
}

}  // namespace

Findings survey_findings(const json& survey) {
  Findings out;
  Waves waves;
  out.guarded("waves", [&] { waves = waves_of(survey); });
  out.guarded("respondents", [&] { respondents_findings(survey, waves, out); });
  out.guarded("overall", [&] { overall_findings(survey, waves, out); });
  out.guarded("indices", [&] { index_findings(survey, waves, out); });
  out.guarded("journey", [&] { journey_findings(survey, out); });
  out.guarded("drivers", [&] { driver_findings(survey, out); });
  out.guarded("shares", [&] { share_findings(survey, waves, out); });
  if (survey.contains("territory") && survey.at("territory").is_object())
    territory_findings(survey.at("territory"), out);
  return out;
}

}  // namespace ascolto::summary
