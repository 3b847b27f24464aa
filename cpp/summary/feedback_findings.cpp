// The feedback section of the Sintesi.
#include "summary/findings.hpp"

#include <cmath>

namespace ascolto::summary {

namespace {

using json = nlohmann::ordered_json;

void alert_findings(const json& feedback, Findings& out) {
  if (!feedback.contains("alerts")) return;
  // The newest three: an owner reads the latest incident first.
  for (std::size_t i = 0; i < feedback.at("alerts").size() && i < 3; ++i) {
    const json& a = feedback.at("alerts").at(i);
    const bool drop = a.at("kind") == "drop";
    Finding& f = out.add("alerts", "alert", a, drop ? "alert_drop" : "alert_burst", [&](Lang lang) {
      const double value = a.at("value").get<double>(), baseline = a.at("baseline").get<double>();
      return Values{
          {"week", articled("di", day(a.at("week").get<std::string>()), lang)},
          {"application", a.at("application").is_string() ? a.at("application").get<std::string>()
                                                          : sentence("all_applications", lang, {})},
          {"value", drop ? number(value, 2, lang) : articled("a", percent(value, 2, lang), lang)},
          {"baseline",
           drop ? number(baseline, 2, lang) : articled("", percent(baseline, 2, lang), lang)},
          {"bottom_box", box(feedback.at("scale").at("bottom_box"))}};
    });
    f.headline = i == 0;
  }
}

void overall_finding(const json& feedback, Findings& out) {
  if (!feedback.contains("overall")) return;
  const json& overall = feedback.at("overall");
  const json* mean = shown(overall.at("mean"));
  if (!mean) return;
  const json& ci = overall.at("mean").at("ci95");
  Finding& f = out.add(
      "overall", "overall", {{"count", overall.at("count")}, {"mean", *mean}, {"ci95", ci}},
      "overall", [&](Lang lang) {
        return Values{{"n", number(overall.at("count").get<double>(), 0, lang)},
                      {"mean", number(mean->get<double>(), 2, lang)},
                      {"max", number(feedback.at("scale").at("max").get<double>(), 0, lang)},
                      {"low", number(ci.at(0).get<double>(), 2, lang)},
                      {"high", number(ci.at(1).get<double>(), 2, lang)}};
      });
  f.headline = true;
}

// The trend: the mean of the last four periods against the four before,
// each a count-weighted mean of independent period means, compared by a
// Wald z test. Within the noise it is called stable.
void trend_finding(const json& feedback, Findings& out) {
  if (!feedback.contains("trend") || !feedback.at("trend").is_object()) return;
  const json& periods = feedback.at("trend").at("periods");
  constexpr std::size_t kWindow = 4;
  if (periods.size() < 2 * kWindow) return;
  struct Window {
    double mean = 0, se = 0, count = 0;
    std::string from, to;
  };
  const auto window = [&](std::size_t first) {
    Window w;
    double sum = 0, variance = 0;
    for (std::size_t i = first; i < first + kWindow; ++i) {
      const json& p = periods.at(i);
      const json* mean = shown(p.at("mean"));
      if (!mean || !p.at("mean").at("se").is_number()) return Window{};
      const double count = p.at("count").get<double>(), se = p.at("mean").at("se").get<double>();
      sum += count * mean->get<double>();
      variance += count * count * se * se;
      w.count += count;
    }
    w.mean = sum / w.count;
    w.se = std::sqrt(variance) / w.count;
    w.from = periods.at(first).at("start").get<std::string>();
    w.to = periods.at(first + kWindow - 1).at("start").get<std::string>();
    return w;
  };
  const Window before = window(periods.size() - 2 * kWindow),
               last = window(periods.size() - kWindow);
  if (before.count == 0 || last.count == 0) return;
  const double difference = last.mean - before.mean;
  const double se = std::sqrt(before.se * before.se + last.se * last.se);
  const bool significant = se > 0 && std::fabs(difference / se) > 1.959963984540054;
  const json change = {{"value", difference}, {"se", se}, {"significant", significant}};
  // The periods are the trend's own: days, weeks or months by the span of the dates.
  const std::string granularity = feedback.at("trend").value("granularity", "week");
  if (granularity != "day" && granularity != "week" && granularity != "month") return;
  out.add("trend", "trend",
          {{"before", before.mean},
           {"last", last.mean},
           {"change", change},
           {"periods", kWindow},
           {"granularity", granularity}},
          "trend_" + granularity, [&](Lang lang) {
            return Values{
                {"from", granularity == "month" ? month(last.from, lang) : day(last.from)},
                {"before", number(before.mean, 2, lang)},
                {"last", number(last.mean, 2, lang)},
                {"change", change_words(change, lang)}};
          });
}

void ranking_findings(const json& feedback, Findings& out) {
  if (!feedback.contains("ranking") || !feedback.at("ranking").is_object()) return;
  std::vector<RankedUnit> units;
  for (const json& item : feedback.at("ranking").at("items")) {
    if (!item.contains("rank_ci95")) continue;
    units.push_back({item.at("value").get<std::string>(), item.at("adjusted").get<double>(),
                     item.at("adjusted_ci95").at(0).get<double>(),
                     item.at("adjusted_ci95").at(1).get<double>(),
                     item.at("rank_ci95").at(0).get<std::size_t>(),
                     item.at("rank_ci95").at(1).get<std::size_t>()});
  }
  edge_findings(units, "ranking", "application", out);
}

void comment_findings(const json& feedback, Findings& out) {
  if (!feedback.contains("text") || !feedback.at("text").is_object()) return;
  const json& text = feedback.at("text");
  if (text.contains("keyness")) {
    // What the low ratings' comments are about: their three most distinctive terms.
    std::vector<std::string> terms;
    for (const json& t : text.at("keyness").at("low")) {
      const std::string term = t.at("term").get<std::string>();
      if (term == "non") continue;  // a negation is no topic
      terms.push_back(guillemets(term));
      if (terms.size() == 3) break;
    }
    if (!terms.empty())
      out.add("comments", "low_comments", {{"terms", terms}}, "low_comments", [&](Lang lang) {
        return Values{{"terms", listing(terms, lang)},
                      {"bottom_box", box(feedback.at("scale").at("bottom_box"))}};
      });
  }
  if (text.contains("sentiment") && text.at("sentiment").at("negative_share").is_number()) {
    const json& s = text.at("sentiment");
    out.add("comments", "negative_comments",
            {{"share", s.at("negative_share")}, {"method", s.at("method")}}, "negative_comments",
            [&](Lang lang) {
              return Values{
                  {"share", percent(s.at("negative_share").get<double>(), 2, lang)},
                  {"method", sentence(s.at("method") == "model" ? "method_model" : "method_lexicon",
                                      lang, {})}};
            });
  }
}

}  // namespace

Findings feedback_findings(const json& feedback) {
  Findings out;
  out.guarded("alerts", [&] { alert_findings(feedback, out); });
  out.guarded("overall", [&] { overall_finding(feedback, out); });
  out.guarded("trend", [&] { trend_finding(feedback, out); });
  out.guarded("ranking", [&] { ranking_findings(feedback, out); });
  out.guarded("comments", [&] { comment_findings(feedback, out); });
  if (feedback.contains("territory") && feedback.at("territory").is_object())
    territory_findings(feedback.at("territory"), out);
  return out;
}

}  // namespace ascolto::summary
