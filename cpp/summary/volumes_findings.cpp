// The volumes section of the Sintesi: the seed's touchpoint paragraph
// ("si prevede un incremento di contatti del 30%", "in presenza dal 62%
// al 70%"), from the partial-year projections and the mix.
#include <algorithm>
#include <cmath>
#include <map>

#include "summary/findings.hpp"

namespace ascolto::summary {

namespace {

using json = nlohmann::ordered_json;

std::string touchpoint(const std::string& series) {
  const auto at = series.find(" \u00b7 ");
  return at == std::string::npos ? series : series.substr(0, at);
}

// The parts of a series' name that its group's name lacks: "Sede · in
// presenza · prenotazioni" in "Sede · prenotazioni" is "in presenza".
std::string label_in_group(const std::string& series, const std::string& group) {
  const std::string dot = " \u00b7 ";
  std::string label;
  std::size_t start = 0;
  while (start <= series.size()) {
    const std::size_t end = std::min(series.find(dot, start), series.size());
    const std::string part = series.substr(start, end - start);
    const bool in_group =
        (" \u00b7 " + group + " \u00b7 ").find(dot + part + dot) != std::string::npos;
    if (!in_group) label += (label.empty() ? "" : dot) + part;
    start = end + dot.size();
  }
  return label.empty() ? series : label;
}

// Projections of the year in progress: the largest series of each
// touchpoint, and any series whose whole range is a change beyond 25%.
// The headline is the touchpoint series projected to change the most.
void projection_findings(json& volumes, Findings& out) {
  json& period = volumes["period"];
  std::map<std::string, json*> largest;
  std::vector<json*> chosen;
  for (json& s : array_at(volumes, "series")) {
    if (s["kind"] != "flow" || s["years"].empty()) continue;
    json& last = s["years"].back();
    if (!last.contains("projection")) continue;
    json*& top = largest[touchpoint(s["name"].get<std::string>())];
    if (!top || s["total"].get<double>() > (*top)["total"].get<double>()) top = &s;
  }
  json* headline = nullptr;
  const auto middle = [](json& s) {
    json& range = s["years"].back()["projection"]["change_range"];
    return std::fabs(range[0].get<double>() + range[1].get<double>()) / 2;
  };
  for (const auto& [name, top] : largest)
    if (!headline || middle(*top) > middle(*headline)) headline = top;
  for (json& s : array_at(volumes, "series")) {
    bool pick = false;
    for (const auto& [name, top] : largest) pick = pick || top == &s;
    if (!pick && s["kind"] == "flow" && !s["years"].empty() &&
        s["years"].back().contains("projection")) {
      json& range = s["years"].back()["projection"]["change_range"];
      pick = (range[0].get<double>() > 0.25 && range[1].get<double>() > 0.25) ||
             (range[0].get<double>() < -0.25 && range[1].get<double>() < -0.25);
    }
    if (pick) chosen.push_back(&s);
  }
  for (json* s : chosen) {
    json& last = (*s)["years"].back();
    json& projection = last["projection"];
    json& range = projection["change_range"];
    const double low = std::min(range[0].get<double>(), range[1].get<double>()),
                 high = std::max(range[0].get<double>(), range[1].get<double>());
    const bool straddles = low < 0 && high > 0;
    const int previous = last["year"].get<int>() - 1;
    Finding& f = out.add(
        "projections", "projection",
        {{"series", (*s)["name"]},
         {"year", last["year"]},
         {"through", period["last"]},
         {"change_range", {low, high}},
         {"projected_range", projection["range"]},
         {"same_period_change",
          last.contains("same_period") ? last["same_period"]["change"] : json(nullptr)}},
        straddles ? "projection_stable" : "projection", [&](Lang lang) {
          const std::string from = signed_percent(low, lang), to = signed_percent(high, lang);
          return Values{
              {"series", (*s)["name"].get<std::string>()},
              {"through", month(period["last"].get<std::string>(), lang)},
              {"year", std::to_string(last["year"].get<int>())},
              {"previous", std::to_string(previous)},
              {"range", from == to ? sentence("range_single", lang, {{"value", from}})
                                   : sentence("range", lang, {{"low", from}, {"high", to}})},
              {"same", last.contains("same_period")
                           ? signed_percent(last["same_period"]["change"].get<double>(), lang)
                           : "-"}};
        });
    f.headline = s == headline;
  }
}

// Shifts in a group's mix of at least three points between the first and
// the last year.
void mix_findings(json& volumes, Findings& out) {
  if (!volumes.contains("mix") || !volumes["mix"].is_object()) return;
  for (json& group : volumes["mix"]["groups"]) {
    json& years = group["years"];
    if (years.size() < 2) continue;
    json &first = years.front(), &last = years.back();
    const std::string group_name = group["name"].get<std::string>();
    struct Shift {
      std::string label;
      double from, to;
    };
    std::vector<Shift> shifts;
    for (std::size_t i = 0; i < group["series"].size(); ++i) {
      if (!first["shares"][i].is_number() || !last["shares"][i].is_number()) continue;
      const double from = first["shares"][i].get<double>(), to = last["shares"][i].get<double>();
      if (std::fabs(to - from) >= 0.03)
        shifts.push_back(
            {label_in_group(group["series"][i].get<std::string>(), group_name), from, to});
    }
    if (shifts.empty()) continue;
    json figures = {{"group", group_name},
                    {"from_year", first["year"]},
                    {"to_year", last["year"]},
                    {"to_partial", last["partial"]},
                    {"shifts", json::array()}};
    for (const Shift& s : shifts)
      figures["shifts"].push_back({{"series", s.label}, {"from", s.from}, {"to", s.to}});
    out.add("mix", "mix_shift", figures, "mix_shift", [&](Lang lang) {
      std::vector<std::string> parts;
      const std::string from_year = std::to_string(first["year"].get<int>());
      std::string to_year = std::to_string(last["year"].get<int>());
      if (last["partial"].get<bool>()) to_year += sentence("partial_year", lang, {});
      for (const Shift& s : shifts)
        parts.push_back(sentence("mix_item", lang,
                                 {{"series", s.label},
                                  {"from", articled("da", percent(s.from, 0, lang), lang)},
                                  {"to", articled("a", percent(s.to, 0, lang), lang)},
                                  {"from_year", from_year},
                                  {"to_year", to_year}}));
      return Values{{"group", group_name}, {"shifts", listing(parts, lang)}};
    });
  }
}

}  // namespace

Findings volumes_findings(json volumes) {
  Findings out;
  out.guarded("projections", [&] {
    if (volumes["period"].is_object() && volumes["period"].value("partial_last_year", false))
      projection_findings(volumes, out);
  });
  out.guarded("mix", [&] { mix_findings(volumes, out); });
  return out;
}

}  // namespace ascolto::summary
