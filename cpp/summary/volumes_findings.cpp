// The volumes section of the Sintesi: the seed's touchpoint paragraph
// ("si prevede un incremento di contatti del 30%", "in presenza dal 62%
// al 70%"), from the partial-year projections and the mix.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

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

// The largest flow series of each touchpoint among those `eligible` keeps,
// and which of them changes the most (`change`, in absolute value): the headline.
template <typename Eligible, typename Change>
std::pair<std::set<const json*>, const json*> largest_by_touchpoint(const json& volumes,
                                                                    const Eligible& eligible,
                                                                    const Change& change) {
  std::map<std::string, const json*> largest;
  for (const json& s : array_at(volumes, "series")) {
    if (s.at("kind") != "flow" || s.at("years").empty() || !eligible(s)) continue;
    const json*& top = largest[touchpoint(s.at("name").get<std::string>())];
    if (!top || s.at("total").get<double>() > top->at("total").get<double>()) top = &s;
  }
  std::set<const json*> chosen;
  const json* headline = nullptr;
  for (const auto& entry : largest) {
    chosen.insert(entry.second);
    if (!headline || std::fabs(change(*entry.second)) > std::fabs(change(*headline)))
      headline = entry.second;
  }
  return {std::move(chosen), headline};
}

// Projections of the year in progress: the largest series of each
// touchpoint, and any series whose whole range is a change beyond 25%.
// The headline is the touchpoint series projected to change the most.
void projection_findings(const json& volumes, Findings& out) {
  const json& period = volumes.at("period");
  const auto projected = [](const json& s) { return s.at("years").back().contains("projection"); };
  const auto range_of = [](const json& s) -> const json& {
    return s.at("years").back().at("projection").at("change_range");
  };
  const auto [largest, headline] = largest_by_touchpoint(volumes, projected, [&](const json& s) {
    return (range_of(s).at(0).get<double>() + range_of(s).at(1).get<double>()) / 2;
  });
  std::vector<const json*> chosen;  // in the report's order
  for (const json& s : array_at(volumes, "series")) {
    bool pick = largest.count(&s) > 0;
    if (!pick && s.at("kind") == "flow" && !s.at("years").empty() && projected(s)) {
      const double low = range_of(s).at(0).get<double>(), high = range_of(s).at(1).get<double>();
      pick = (low > 0.25 && high > 0.25) || (low < -0.25 && high < -0.25);
    }
    if (pick) chosen.push_back(&s);
  }
  for (const json* s : chosen) {
    const json& last = (*s).at("years").back();
    const json& projection = last.at("projection");
    const json& range = projection.at("change_range");
    const double low = std::min(range.at(0).get<double>(), range.at(1).get<double>()),
                 high = std::max(range.at(0).get<double>(), range.at(1).get<double>());
    // A range across zero is "stable" when narrow, "uncertain" when wide (a
    // year projected from its first month): never a rise or a fall.
    const bool straddles = low < 0 && high > 0;
    const char* key = !straddles          ? "projection"
                      : high - low <= 0.1 ? "projection_stable"
                                          : "projection_uncertain";
    const int previous = last.at("year").get<int>() - 1;
    Finding& f = out.add(
        "projections", "projection",
        {{"series", (*s).at("name")},
         {"year", last.at("year")},
         {"through", period.at("last")},
         {"change_range", {low, high}},
         {"projected_range", projection.at("range")},
         {"same_period_change",
          last.contains("same_period") ? last.at("same_period").at("change") : json(nullptr)}},
        key, [&](Lang lang) {
          const std::string from = signed_percent(low, lang), to = signed_percent(high, lang);
          return Values{
              {"series", (*s).at("name").get<std::string>()},
              {"through", month(period.at("last").get<std::string>(), lang)},
              {"year", std::to_string(last.at("year").get<int>())},
              {"previous", std::to_string(previous)},
              {"range", from == to ? sentence("range_single", lang, {{"value", from}})
                                   : sentence("range", lang, {{"low", from}, {"high", to}})},
              {"same", last.contains("same_period")
                           ? signed_percent(last.at("same_period").at("change").get<double>(), lang)
                           : "-"}};
        });
    f.headline = s == headline;
  }
}

// Without a year in progress: the last complete year against the one
// before, for the largest series of each touchpoint.
void year_change_findings(const json& volumes, Findings& out) {
  const auto [largest, headline] = largest_by_touchpoint(
      volumes,
      [](const json& s) {
        const json& last = s.at("years").back();
        return s.at("years").size() >= 2 && last.value("complete", false) &&
               last.contains("change") && last.at("change").is_number();
      },
      [](const json& s) { return s.at("years").back().at("change").get<double>(); });
  // In touchpoint order, as the map of touchpoints gave them.
  std::vector<const json*> ordered(largest.begin(), largest.end());
  std::sort(ordered.begin(), ordered.end(), [](const json* a, const json* b) {
    return touchpoint(a->at("name").get<std::string>()) <
           touchpoint(b->at("name").get<std::string>());
  });
  for (const json* s : ordered) {
    const json& last = (*s).at("years").back();
    out.add("projections", "year_change",
            {{"series", (*s).at("name")},
             {"year", last.at("year")},
             {"total", last.at("total")},
             {"change", last.at("change")}},
            "year_change",
            [&](Lang lang) {
              return Values{{"series", (*s).at("name").get<std::string>()},
                            {"total", number(last.at("total").get<double>(), 0, lang)},
                            {"year", std::to_string(last.at("year").get<int>())},
                            {"previous", std::to_string(last.at("year").get<int>() - 1)},
                            {"change", signed_percent(last.at("change").get<double>(), lang)}};
            })
        .headline = s == headline;
  }
}

// "Sede · prenotazioni: " before a group's shifts; nothing for the one
// group of a wide table, which has no name.
std::string group_prefix(const std::string& name) {
  return name.empty() ? "" : name + ": ";
}

// A single year: each series' share of its group.
void mix_year_finding(const json& group, Findings& out) {
  const json& year = group.at("years").at(0);
  const std::string group_name = group.at("name").get<std::string>();
  json figures = {{"group", group_name}, {"year", year.at("year")}, {"shares", year.at("shares")}};
  out.add("mix", "mix_year", figures, "mix_year", [&](Lang lang) {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < group.at("series").size(); ++i)
      if (year.at("shares").at(i).is_number())
        parts.push_back(label_in_group(group.at("series").at(i).get<std::string>(), group_name) +
                        " " + percent(year.at("shares").at(i).get<double>(), 0, lang));
    return Values{{"group", group_prefix(group_name)},
                  {"year", std::to_string(year.at("year").get<int>())},
                  {"shares", listing(parts, lang)}};
  });
}

// Shifts in a group's mix of at least three points between the first and
// the last year.
void mix_findings(const json& volumes, Findings& out) {
  if (!volumes.contains("mix") || !volumes.at("mix").is_object()) return;
  for (const json& group : volumes.at("mix").at("groups")) {
    const json& years = group.at("years");
    if (years.size() == 1 && group.at("series").size() > 1) mix_year_finding(group, out);
    if (years.size() < 2) continue;
    const json &first = years.front(), &last = years.back();
    const std::string group_name = group.at("name").get<std::string>();
    struct Shift {
      std::string label;
      double from, to;
    };
    std::vector<Shift> shifts;
    for (std::size_t i = 0; i < group.at("series").size(); ++i) {
      if (!first.at("shares").at(i).is_number() || !last.at("shares").at(i).is_number()) continue;
      const double from = first.at("shares").at(i).get<double>(),
                   to = last.at("shares").at(i).get<double>();
      if (std::fabs(to - from) >= 0.03)
        shifts.push_back(
            {label_in_group(group.at("series").at(i).get<std::string>(), group_name), from, to});
    }
    if (shifts.empty()) continue;
    json figures = {{"group", group_name},
                    {"from_year", first.at("year")},
                    {"to_year", last.at("year")},
                    {"to_partial", last.at("partial")},
                    {"shifts", json::array()}};
    for (const Shift& s : shifts)
      figures.at("shifts").push_back({{"series", s.label}, {"from", s.from}, {"to", s.to}});
    out.add("mix", "mix_shift", figures, "mix_shift", [&](Lang lang) {
      std::vector<std::string> parts;
      const std::string from_year = std::to_string(first.at("year").get<int>());
      std::string to_year = std::to_string(last.at("year").get<int>());
      if (last.at("partial").get<bool>()) to_year += sentence("partial_year", lang, {});
      for (const Shift& s : shifts)
        parts.push_back(sentence("mix_item", lang,
                                 {{"series", s.label},
                                  {"from", articled("da", percent(s.from, 0, lang), lang)},
                                  {"to", articled("a", percent(s.to, 0, lang), lang)},
                                  {"from_year", from_year},
                                  {"to_year", to_year}}));
      return Values{{"group", group_prefix(group_name)}, {"shifts", listing(parts, lang)}};
    });
  }
}

}  // namespace

Findings volumes_findings(const json& volumes) {
  Findings out;
  out.guarded("projections", [&] {
    if (volumes.at("period").is_object() && volumes.at("period").value("partial_last_year", false))
      projection_findings(volumes, out);
    else
      year_change_findings(volumes, out);
  });
  out.guarded("mix", [&] { mix_findings(volumes, out); });
  return out;
}

}  // namespace ascolto::summary
