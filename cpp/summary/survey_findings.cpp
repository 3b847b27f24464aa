// The survey section of the Sintesi: the paragraphs of the agency's
// customer-journey reports (../shared/seeds), written from the report.
#include <algorithm>

#include "summary/findings.hpp"

namespace ascolto::summary {

namespace {

using json = nlohmann::ordered_json;

// The current wave's estimate of an entry with "by_wave", by wave label.
json* wave_estimate(json& entry, const std::string& wave) {
  for (json& w : array_at(entry, "by_wave"))
    if (w["wave"] == wave) return shown(w["estimate"]) ? &w["estimate"] : nullptr;
  return nullptr;
}

json* wave_difference(json& entry, const std::string& from, const std::string& to) {
  for (json& d : array_at(entry, "wave_differences"))
    if (d["from"] == from && d["to"] == to) return &d;
  return nullptr;
}

// A share with a low-base note when its base is under the low base.
std::string share_of(json& estimate, Lang lang) {
  std::string text = share(estimate["value"].get<double>(), lang);
  if (estimate.value("low_base", false)) text += sentence("low_base", lang, {});
  return text;
}

struct Waves {
  std::string first, previous, current;
};

Waves waves_of(json& survey) {
  Waves w;
  if (!survey.contains("wave") || !survey["wave"].is_object()) return w;
  json& values = survey["wave"]["values"];
  w.current = survey["wave"]["current"].get<std::string>();
  const auto at = std::find(values.begin(), values.end(), w.current);
  if (at == values.begin() || at == values.end()) return w;
  w.first = values.front().get<std::string>();
  w.previous = std::prev(at)->get<std::string>();
  return w;
}

void respondents_findings(json& survey, const Waves& waves, Findings& out) {
  const double n = survey["respondents"].get<double>();
  out.add("respondents", "respondents", {{"respondents", n}, {"wave", waves.current}},
          waves.current.empty() ? "respondents" : "respondents_wave",
          [&](Lang lang) {
            return Values{{"n", number(n, 0, lang)}, {"wave", waves.current}};
          })
      .headline = true;
  // The profile: the largest group of each dimension; the three largest
  // where there are many (as the seed names the main occupations).
  for (json& profile : array_at(survey, "profile")) {
    std::vector<json*> shown_categories;
    for (json& c : profile["categories"])
      if (shown(c["share"])) shown_categories.push_back(&c);
    if (shown_categories.empty()) continue;
    std::stable_sort(shown_categories.begin(), shown_categories.end(), [](json* a, json* b) {
      return (*a)["share"]["value"].get<double>() > (*b)["share"]["value"].get<double>();
    });
    const std::size_t named = shown_categories.size() > 4 ? 3 : 1;
    shown_categories.resize(std::min(named, shown_categories.size()));
    json figures = {{"column", profile["column"]}, {"categories", json::array()}};
    for (json* c : shown_categories)
      figures["categories"].push_back(
          {{"value", (*c)["value"]}, {"share", (*c)["share"]["value"]}});
    const std::string column = words(profile["column"].get<std::string>());
    out.add(
        "profile", "profile", figures, named == 1 ? "profile_top" : "profile_top3", [&](Lang lang) {
          std::vector<std::string> groups;
          for (json* c : shown_categories)
            groups.push_back(guillemets((*c)["value"].get<std::string>()) + " (" +
                             share_of((*c)["share"], lang) + ")");
          return Values{{"column", column},
                        {"value", guillemets((*shown_categories[0])["value"].get<std::string>())},
                        {"share", share_of((*shown_categories[0])["share"], lang)},
                        {"groups", listing(groups, lang)}};
        });
  }
}

// A change between two waves in words: the seed's "passa da 3,74 del 2019
// a 3,93 del 2022" only when the change is significant, else "stabile".
void change_finding(const std::string& section, const std::string& subject_key, json& entry,
                    const Waves& waves, const std::string& from, bool headline, Findings& out) {
  json* before = wave_estimate(entry, from);
  json* now = wave_estimate(entry, waves.current);
  json* difference = wave_difference(entry, from, waves.current);
  if (!before || !now || !difference) return;
  const bool significant = (*difference).value("significant", false);
  out.add(section, "change",
          {{"item", entry["column"]},
           {"from", from},
           {"to", waves.current},
           {"before", (*before)["value"]},
           {"now", (*now)["value"]},
           {"difference", *difference}},
          significant ? "wave_change" : "wave_stable",
          [&](Lang lang) {
            return Values{{"subject", sentence(subject_key, lang, {})},
                          {"from", from},
                          {"to", waves.current},
                          {"before", number((*before)["value"].get<double>(), 2, lang)},
                          {"now", number((*now)["value"].get<double>(), 2, lang)},
                          {"change", change_words(*difference, lang)},
                          {"p", number((*difference)["p"].get<double>(), 3, lang)}};
          })
      .headline = headline;
}

void overall_findings(json& survey, const Waves& waves, Findings& out) {
  if (!survey.contains("overall") || !survey["overall"].is_object()) return;
  json& overall = survey["overall"];
  json* mean = shown(overall["estimate"]);
  if (!mean) return;
  json& ci = overall["estimate"]["ci95"];
  out.add(
      "overall", "overall",
      {{"column", overall["column"]}, {"mean", *mean}, {"ci95", ci}, {"scale", overall["scale"]}},
      "survey_overall", [&](Lang lang) {
        return Values{{"mean", number(mean->get<double>(), 2, lang)},
                      {"min", number(overall["scale"]["min"].get<double>(), 0, lang)},
                      {"max", number(overall["scale"]["max"].get<double>(), 0, lang)},
                      {"low", number(ci[0].get<double>(), 2, lang)},
                      {"high", number(ci[1].get<double>(), 2, lang)}};
      });
  if (waves.first.empty()) return;
  // From the first wave, as the agency compares; and from the previous one.
  change_finding("overall", "overall_satisfaction", overall, waves, waves.first, true, out);
  if (waves.previous != waves.first)
    change_finding("overall", "overall_satisfaction", overall, waves, waves.previous, false, out);
}

void index_findings(json& survey, const Waves& waves, Findings& out) {
  for (json& index : array_at(survey, "indices")) {
    json* mean = shown(index["mean"]);
    if (!mean) continue;
    json& ci = index["mean"]["ci95"];
    const std::string name = index["name"].get<std::string>();
    json* difference =
        waves.previous.empty() ? nullptr : wave_difference(index, waves.previous, waves.current);
    json* before = waves.previous.empty() ? nullptr : wave_estimate(index, waves.previous);
    out.add("indices", "index", {{"name", name}, {"mean", *mean}, {"ci95", ci}},
            difference && before ? "index_wave" : "index", [&](Lang lang) {
              Values v{{"name", guillemets(name)},
                       {"mean", articled("a", number(mean->get<double>(), 2, lang), lang)},
                       {"low", number(ci[0].get<double>(), 2, lang)},
                       {"high", number(ci[1].get<double>(), 2, lang)}};
              if (difference && before) {
                v.push_back({"previous", waves.previous});
                v.push_back({"before", number((*before)["value"].get<double>(), 2, lang)});
                v.push_back({"change", change_words(*difference, lang)});
              }
              return v;
            });
  }
}

void journey_findings(json& survey, Findings& out) {
  if (!survey.contains("journey") || !survey["journey"].is_object()) return;
  json& journey = survey["journey"];
  for (const auto& [key, name_key, what] :
       {std::tuple{"by_phase", "phase", "phase"}, std::tuple{"by_channel", "channel", "channel"}}) {
    std::vector<RankedUnit> units;
    for (json& unit : array_at(journey, key)) {
      if (!unit.contains("rank_ci95") || !shown(unit["mean"])) continue;
      json& m = unit["mean"];
      units.push_back({unit[name_key].get<std::string>(), m["value"].get<double>(),
                       m["ci95"][0].get<double>(), m["ci95"][1].get<double>(),
                       unit["rank_ci95"][0].get<std::size_t>(),
                       unit["rank_ci95"][1].get<std::size_t>()});
    }
    edge_findings(units, "journey", what, out);
  }
}

void driver_findings(json& survey, Findings& out) {
  if (!survey.contains("drivers") || !survey["drivers"].is_object()) return;
  std::vector<json*> priority;
  for (json& item : survey["drivers"]["items"])
    if (item["quadrant"] == "priority") priority.push_back(&item);
  if (priority.empty()) return;
  std::stable_sort(priority.begin(), priority.end(), [](json* a, json* b) {
    return (*a)["importance"].get<double>() > (*b)["importance"].get<double>();
  });
  if (priority.size() > 5) priority.resize(5);
  json figures = json::array();
  for (json* item : priority) {
    figures.push_back({{"column", (*item)["column"]},
                       {"importance", (*item)["importance"]},
                       {"performance", (*item)["performance"]["value"]}});
  }
  out.add("drivers", "priority", {{"items", figures}}, "drivers_priority", [&](Lang lang) {
    std::vector<std::string> items;
    for (json* item : priority)
      items.push_back(
          sentence("driver_item", lang,
                   {{"item", guillemets(words((*item)["column"].get<std::string>()))},
                    {"importance", number((*item)["importance"].get<double>(), 2, lang)},
                    {"mean", number((*item)["performance"]["value"].get<double>(), 2, lang)}}));
    return Values{{"items", listing(items, lang)}};
  });
}

void share_findings(json& survey, const Waves& waves, Findings& out) {
  if (!survey.contains("shares") || !survey["shares"].is_object()) return;
  json& shares = survey["shares"];
  // A headline yes/no share is written with one decimal, as the agency
  // writes "l'83,6% degli utenti".
  for (json& item : array_at(shares, "yes_no")) {
    json* yes = shown(item["yes"]);
    if (!yes) continue;
    json& ci = item["yes"]["ci95"];
    const std::string column = words(item["column"].get<std::string>());
    out.add("shares", "yes_share", {{"column", item["column"]}, {"share", *yes}, {"ci95", ci}},
            "yes_share", [&](Lang lang) {
              std::string value = percent(yes->get<double>(), 1, lang);
              if (item["yes"].value("low_base", false)) value += sentence("low_base", lang, {});
              return Values{{"column", guillemets(column)},
                            {"share", value},
                            {"low", percent(ci[0].get<double>(), 1, lang)},
                            {"high", percent(ci[1].get<double>(), 1, lang)}};
            });
  }
  // A single choice: every category from the largest, the largest with its
  // change from the previous wave.
  for (json& item : array_at(shares, "single_choice")) {
    std::vector<json*> categories;
    for (json& c : item["categories"])
      if (shown(c["share"])) categories.push_back(&c);
    if (categories.size() < 2) continue;
    std::stable_sort(categories.begin(), categories.end(), [](json* a, json* b) {
      return (*a)["share"]["value"].get<double>() > (*b)["share"]["value"].get<double>();
    });
    json& top = *categories.front();
    json* before = waves.previous.empty() ? nullptr : wave_estimate(top, waves.previous);
    json* difference =
        waves.previous.empty() ? nullptr : wave_difference(top, waves.previous, waves.current);
    json figures = {{"column", item["column"]}, {"categories", json::array()}};
    for (json* c : categories)
      figures["categories"].push_back(
          {{"value", (*c)["value"]}, {"share", (*c)["share"]["value"]}});
    if (before && difference) figures["top_change"] = *difference;
    const std::string column = words(item["column"].get<std::string>());
    out.add("shares", "choice", figures, "choice", [&](Lang lang) {
      std::vector<std::string> rest;
      for (std::size_t i = 1; i < categories.size(); ++i)
        rest.push_back(guillemets((*categories[i])["value"].get<std::string>()) + " (" +
                       share_of((*categories[i])["share"], lang) + ")");
      std::string change;
      if (before && difference)
        change = sentence("choice_change", lang,
                          {{"before", articled("di", share_of(*before, lang), lang)},
                           {"previous", waves.previous},
                           {"change", change_words(*difference, lang)}});
      return Values{{"column", guillemets(column)},
                    {"top", guillemets(top["value"].get<std::string>())},
                    {"share", articled("", share_of(top["share"], lang), lang)},
                    {"change", change},
                    {"rest", listing(rest, lang)}};
    });
  }
  for (json& item : array_at(shares, "multi_response")) {
    std::vector<json*> options;
    for (json& o : item["options"])
      if (shown(o["share"])) options.push_back(&o);
    if (options.empty()) continue;
    std::stable_sort(options.begin(), options.end(), [](json* a, json* b) {
      return (*a)["share"]["value"].get<double>() > (*b)["share"]["value"].get<double>();
    });
    json figures = {{"name", item["name"]}, {"options", json::array()}};
    for (json* o : options)
      figures["options"].push_back({{"value", (*o)["value"]}, {"share", (*o)["share"]["value"]}});
    const std::string name = words(item["name"].get<std::string>());
    out.add("shares", "multi_response", figures, "multi_response", [&](Lang lang) {
      std::vector<std::string> listed;
      for (json* o : options)
        listed.push_back(guillemets((*o)["value"].get<std::string>()) + " " +
                         share_of((*o)["share"], lang));
      return Values{{"name", guillemets(name)}, {"options", listing(listed, lang)}};
    });
  }
}

}  // namespace

Findings survey_findings(json survey) {
  Findings out;
  Waves waves;
  out.guarded("waves", [&] { waves = waves_of(survey); });
  out.guarded("respondents", [&] { respondents_findings(survey, waves, out); });
  out.guarded("overall", [&] { overall_findings(survey, waves, out); });
  out.guarded("indices", [&] { index_findings(survey, waves, out); });
  out.guarded("journey", [&] { journey_findings(survey, out); });
  out.guarded("drivers", [&] { driver_findings(survey, out); });
  out.guarded("shares", [&] { share_findings(survey, waves, out); });
  if (survey["territory"].is_object()) territory_findings(survey["territory"], out);
  return out;
}

}  // namespace ascolto::summary
