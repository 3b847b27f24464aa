// The media section of the Sintesi: the crises and the negative share.
#include "summary/findings.hpp"

namespace ascolto::summary {

namespace {

using json = nlohmann::ordered_json;

// The newest crises first, as a press office reads them.
void crisis_findings(const json& media, Findings& out) {
  const json& alerts = array_at(media, "alerts");
  for (std::size_t i = 0; i < alerts.size() && i < 3; ++i) {
    const json& a = alerts.at(alerts.size() - 1 - i);
    const bool titled = !a.at("items").empty() && a.at("items").at(0).at("title").is_string();
    out.add("crises", "crisis",
            {{"week", a.at("week")},
             {"count", a.at("count")},
             {"baseline_mean", a.at("baseline_mean")}},
            titled ? "crisis_titled" : "crisis",
            [&](Lang lang) {
              return Values{
                  {"week", articled("di", day(a.at("week").get<std::string>()), lang)},
                  {"count", number(a.at("count").get<double>(), 0, lang)},
                  {"baseline", number(a.at("baseline_mean").get<double>(), 1, lang)},
                  {"title",
                   titled ? guillemets(a.at("items").at(0).at("title").get<std::string>()) : ""}};
            })
        .headline = i == 0;
  }
}

void negative_finding(const json& media, Findings& out) {
  if (!media.contains("negative")) return;
  const json& negative = media.at("negative");
  if (!negative.is_object() || !(negative.at("with_sentiment").get<double>() > 0)) return;
  out.add("negative", "negative_share", negative, "media_negative",
          [&](Lang lang) {
            return Values{
                {"share", percent(negative.at("share").get<double>(), 2, lang)},
                {"negative", number(negative.at("items").get<double>(), 0, lang)},
                {"with_sentiment", number(negative.at("with_sentiment").get<double>(), 0, lang)}};
          })
      .headline = array_at(media, "alerts").empty();
}

}  // namespace

Findings media_findings(const json& media) {
  Findings out;
  out.guarded("crises", [&] { crisis_findings(media, out); });
  out.guarded("negative", [&] { negative_finding(media, out); });
  return out;
}

}  // namespace ascolto::summary
