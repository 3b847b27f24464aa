// The media section of the Sintesi: the crises and the negative share.
#include "summary/findings.hpp"

namespace ascolto::summary {

namespace {

using json = nlohmann::ordered_json;

// The newest crises first, as a press office reads them.
void crisis_findings(json& media, Findings& out) {
  json& alerts = array_at(media, "alerts");
  for (std::size_t i = 0; i < alerts.size() && i < 3; ++i) {
    json& a = alerts[alerts.size() - 1 - i];
    const bool titled = !a["items"].empty() && a["items"][0]["title"].is_string();
    out.add("crises", "crisis",
            {{"week", a["week"]}, {"count", a["count"]}, {"baseline_mean", a["baseline_mean"]}},
            titled ? "crisis_titled" : "crisis",
            [&](Lang lang) {
              return Values{
                  {"week", articled("di", day(a["week"].get<std::string>()), lang)},
                  {"count", number(a["count"].get<double>(), 0, lang)},
                  {"baseline", number(a["baseline_mean"].get<double>(), 1, lang)},
                  {"title", titled ? guillemets(a["items"][0]["title"].get<std::string>()) : ""}};
            })
        .headline = i == 0;
  }
}

void negative_finding(json& media, Findings& out) {
  json& negative = media["negative"];
  if (!negative.is_object() || !(negative["with_sentiment"].get<double>() > 0)) return;
  out.add("negative", "negative_share", negative, "media_negative",
          [&](Lang lang) {
            return Values{
                {"share", percent(negative["share"].get<double>(), 2, lang)},
                {"negative", number(negative["items"].get<double>(), 0, lang)},
                {"with_sentiment", number(negative["with_sentiment"].get<double>(), 0, lang)}};
          })
      .headline = array_at(media, "alerts").empty();
}

}  // namespace

Findings media_findings(json media) {
  Findings out;
  out.guarded("crises", [&] { crisis_findings(media, out); });
  out.guarded("negative", [&] { negative_finding(media, out); });
  return out;
}

}  // namespace ascolto::summary
