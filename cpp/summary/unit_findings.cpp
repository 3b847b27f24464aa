// Findings about units compared with each other: the best and worst by rank
// interval (applications, journey phases, channels), and the territory's
// units against the funnel limits.
#include "summary/findings.hpp"

namespace ascolto::summary {

namespace {

using json = nlohmann::ordered_json;

// A spread is called narrowing (widening) when its last value is at most
// 0.8 (at least 1.25) times its first and no step goes the other way by
// more than 10%: a spread estimated from a few units moves by chance too.
const char* spread_direction(const std::vector<double>& sd) {
  if (sd.size() < 2 || sd.front() <= 0) return "spread_unclear";
  bool up_steps = false, down_steps = false;
  for (std::size_t i = 1; i < sd.size(); ++i) {
    if (sd[i] > sd[i - 1] * 1.1) up_steps = true;
    if (sd[i] < sd[i - 1] / 1.1) down_steps = true;
  }
  if (sd.back() <= 0.8 * sd.front() && !up_steps) return "spread_narrowing";
  if (sd.back() >= 1.25 * sd.front() && !down_steps) return "spread_widening";
  return "spread_unclear";
}

void level_findings(const json& level, Findings& out) {
  if (!level.contains("metrics") || level.at("metrics").empty()) return;
  const json& metric = level.at("metrics").at(0);  // the overall measure comes first
  const std::string level_key = "level_" + level.at("level").get<std::string>();
  const bool share_metric = metric.at("type") == "share";
  // Each unit outside, and whether it is outside the 99.8% limits too.
  std::vector<std::pair<std::string, bool>> low, high;
  for (const json& unit : array_at(metric, "outside")) {
    const std::string band = unit.at("band").get<std::string>();
    (band.rfind("low", 0) == 0 ? low : high)
        .emplace_back(unit.at("name").get<std::string>(), band.find("998") != std::string::npos);
  }
  const auto names = [](const std::vector<std::pair<std::string, bool>>& units) {
    json list = json::array();
    for (const auto& unit : units) list.push_back(unit.first);
    return list;
  };
  const auto named = [](const std::vector<std::pair<std::string, bool>>& units, Lang lang) {
    std::vector<std::string> texts;
    for (const auto& [name, far] : units)
      texts.push_back(far ? name + sentence("funnel_998", lang, {}) : name);
    return listing(texts, lang);
  };
  const std::string label = words(metric.at("label").get<std::string>());
  const auto sides = [&](Lang lang) {
    std::vector<std::string> parts;
    if (!low.empty())
      parts.push_back(sentence("funnel_below", lang, {{"units", named(low, lang)}}));
    if (!high.empty())
      parts.push_back(sentence("funnel_above", lang, {{"units", named(high, lang)}}));
    std::string text;
    for (const std::string& part : parts) text += (text.empty() ? "" : "; ") + part;
    return text;
  };
  out.add("territory", "funnel",
          {{"level", level.at("level")},
           {"metric", metric.at("id")},
           {"below", names(low)},
           {"above", names(high)}},
          low.empty() && high.empty() ? "funnel_none" : "funnel_outside", [&](Lang lang) {
            return Values{{"level", sentence(level_key, lang, {})},
                          {"metric", label},
                          {"sides", sides(lang)}};
          });
  if (!metric.contains("spread") || !metric.at("spread").is_object()) return;
  const json& periods = metric.at("spread").at("periods");
  std::vector<double> sd;
  for (const json& p : periods)
    if (p.at("sd_beyond_noise").is_number()) sd.push_back(p.at("sd_beyond_noise").get<double>());
  if (sd.size() < 2 || sd.size() != periods.size()) return;
  const char* direction = spread_direction(sd);
  const auto spread_value = [&](double v, Lang lang) {
    return share_metric ? sentence("points", lang, {{"value", number(v * 100, 1, lang)}})
                        : number(v, 2, lang);
  };
  out.add("territory", "spread",
          {{"level", level.at("level")},
           {"metric", metric.at("id")},
           {"sd_beyond_noise", sd},
           {"direction", direction}},
          direction, [&](Lang lang) {
            return Values{{"level", sentence(level_key, lang, {})},
                          {"metric", label},
                          {"first", spread_value(sd.front(), lang)},
                          {"first_period", periods.front().at("period").get<std::string>()},
                          {"last", spread_value(sd.back(), lang)},
                          {"last_period", periods.back().at("period").get<std::string>()}};
          });
}

}  // namespace

void edge_findings(const std::vector<RankedUnit>& units, const std::string& section,
                   const std::string& what, Findings& out) {
  const std::size_t k = units.size();
  if (k < 2) return;
  for (const bool best : {true, false}) {
    const std::size_t edge = best ? 1 : k;
    std::vector<const RankedUnit*> candidates;
    for (const RankedUnit& unit : units)
      if (unit.rank_low <= edge && edge <= unit.rank_high) candidates.push_back(&unit);
    const std::string kind = best ? "best" : "worst";
    // Named first (last) only when its whole rank interval is that rank; a
    // lone candidate with a wider interval is "probably", with its interval.
    const bool certain = candidates.size() == 1 && candidates.front()->rank_low == edge &&
                         candidates.front()->rank_high == edge;
    if (candidates.size() == 1 && !certain) {
      const RankedUnit& u = *candidates.front();
      out.add(section, kind + "_uncertain",
              {{"unit", u.name}, {"value", u.value}, {"rank_ci95", {u.rank_low, u.rank_high}}},
              kind + "_uncertain", [&](Lang lang) {
                return Values{{"name", u.name},
                              {"among", sentence("among_" + what, lang, {})},
                              {"mean", number(u.value, 2, lang)},
                              {"rank_low", std::to_string(u.rank_low)},
                              {"rank_high", std::to_string(u.rank_high)}};
              });
    } else if (certain) {
      const RankedUnit& u = *candidates.front();
      Finding& f = out.add(section, kind,
                           {{"unit", u.name},
                            {"value", u.value},
                            {"ci95", {u.low, u.high}},
                            {"rank_ci95", {u.rank_low, u.rank_high}}},
                           kind + "_" + what, [&](Lang lang) {
                             return Values{{"name", u.name},
                                           {"mean", number(u.value, 2, lang)},
                                           {"low", number(u.low, 2, lang)},
                                           {"high", number(u.high, 2, lang)}};
                           });
      f.headline = what == "application";
    } else if (candidates.size() > 1) {
      std::vector<std::string> names;
      for (const RankedUnit* u : candidates) names.push_back(u->name);
      out.add(section, kind + "_group", {{"units", names}}, kind + "_group", [&](Lang lang) {
        return Values{{"names", listing(names, lang)},
                      {"what", sentence("what_" + what, lang, {})}};
      });
    }
  }
}

void territory_findings(const json& territory, Findings& out) {
  for (const json& level : array_at(territory, "levels"))
    out.guarded("territory", [&] { level_findings(level, out); });
}

}  // namespace ascolto::summary
