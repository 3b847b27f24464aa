#include "summary/findings.hpp"

#include <cmath>
#include <cstdio>

namespace ascolto::summary {

namespace {

using json = nlohmann::ordered_json;

struct Template {
  const char* key;
  const char* text;
};
constexpr Template kItalian[] = {
#include "summary/templates_it.inc"
};
constexpr Template kEnglish[] = {
#include "summary/templates_en.inc"
};

std::string with_thousands(std::string digits, char separator) {
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3)
    digits.insert(static_cast<std::size_t>(at), 1, separator);
  return digits;
}

// "A, B e C" / "A, B and C".
std::string listing(const std::vector<std::string>& items, Lang lang) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? sentence("and", lang, {}) : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace

std::string number(double value, int decimals, Lang lang) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::fabs(value));
  std::string text = buffer;
  const std::size_t point = text.find('.');
  std::string whole = text.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
  whole = with_thousands(whole, lang == Lang::it ? '.' : ',');
  std::string out = (value < 0 && std::stod(text) != 0 ? "-" : "") + whole;
  if (!fraction.empty()) out += (lang == Lang::it ? "," : ".") + fraction;
  return out;
}

std::string percent(double share, int decimals, Lang lang) {
  return number(share * 100, decimals, lang) + "%";
}

std::string day(std::string_view iso) {
  if (iso.size() < 10) return std::string(iso);
  return std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) + "/" +
         std::string(iso.substr(0, 4));
}

std::string sentence(std::string_view key, Lang lang,
                     const std::vector<std::pair<std::string, std::string>>& values) {
  std::string text;
  for (const Template& t : lang == Lang::it ? kItalian : kEnglish)
    if (key == t.key) text = t.text;
  for (const auto& [name, value] : values) {
    const std::string mark = "{" + name + "}";
    for (std::size_t at = text.find(mark); at != std::string::npos;
         at = text.find(mark, at + value.size()))
      text.replace(at, mark.size(), value);
  }
  return text;
}

json findings_json(const std::vector<Finding>& findings) {
  json out = json::array();
  for (const Finding& f : findings)
    out.push_back({{"kind", f.kind}, {"figures", f.figures}, {"it", f.it}, {"en", f.en}});
  return out;
}

std::vector<Finding> feedback_findings(const json& feedback) {
  std::vector<Finding> out;
  const auto both = [&](const std::string& kind, const json& figures, const std::string& key,
                        const auto& values_of) {
    out.push_back({kind, figures, sentence(key, Lang::it, values_of(Lang::it)),
                   sentence(key, Lang::en, values_of(Lang::en))});
  };
  // Alerts first: the newest three.
  if (feedback.contains("alerts"))
    for (std::size_t i = 0; i < feedback["alerts"].size() && i < 3; ++i) {
      const json& a = feedback["alerts"][i];
      const bool drop = a["kind"] == "drop";
      both("alert", a, drop ? "alert_drop" : "alert_burst", [&](Lang lang) {
        const double value = a["value"].get<double>(), baseline = a["baseline"].get<double>();
        return std::vector<std::pair<std::string, std::string>>{
            {"week", day(a["week"].get<std::string>())},
            {"application", a["application"].is_string() ? a["application"].get<std::string>()
                                                         : sentence("all_applications", lang, {})},
            {"value", drop ? number(value, 2, lang) : percent(value, 2, lang)},
            {"baseline", drop ? number(baseline, 2, lang) : percent(baseline, 2, lang)}};
      });
    }
  // The overall mean, with its interval; never a suppressed figure.
  if (feedback.contains("overall") && feedback["overall"]["mean"].contains("value")) {
    const json& overall = feedback["overall"];
    const json& mean = overall["mean"];
    both("overall", {{"count", overall["count"]}, {"mean", mean["value"]}, {"ci95", mean["ci95"]}},
         "overall", [&](Lang lang) {
           return std::vector<std::pair<std::string, std::string>>{
               {"n", number(overall["count"].get<double>(), 0, lang)},
               {"mean", number(mean["value"].get<double>(), 2, lang)},
               {"max", number(feedback["scale"]["max"].get<double>(), 0, lang)},
               {"low", number(mean["ci95"][0].get<double>(), 2, lang)},
               {"high", number(mean["ci95"][1].get<double>(), 2, lang)}};
         });
  }
  // Best and worst by the adjusted ranking, named only when the rank interval allows.
  if (feedback.contains("ranking") && feedback["ranking"].is_object()) {
    const json& items = feedback["ranking"]["items"];
    const std::size_t k = items.size();
    for (const bool best : {true, false}) {
      const std::size_t edge = best ? 1 : k;
      std::vector<std::string> candidates;
      const json* only = nullptr;
      for (const json& item : items) {
        const auto low = item["rank_ci95"][0].get<std::size_t>(),
                   high = item["rank_ci95"][1].get<std::size_t>();
        if (low <= edge && edge <= high) {
          candidates.push_back(item["value"].get<std::string>());
          only = &item;
        }
      }
      if (candidates.size() == 1) {
        const json& item = *only;
        both(best ? "best" : "worst",
             {{"application", item["value"]},
              {"adjusted", item["adjusted"]},
              {"ci95", item["adjusted_ci95"]},
              {"rank_ci95", item["rank_ci95"]}},
             best ? "best" : "worst", [&](Lang lang) {
               return std::vector<std::pair<std::string, std::string>>{
                   {"application", item["value"].get<std::string>()},
                   {"mean", number(item["adjusted"].get<double>(), 2, lang)},
                   {"low", number(item["adjusted_ci95"][0].get<double>(), 2, lang)},
                   {"high", number(item["adjusted_ci95"][1].get<double>(), 2, lang)}};
             });
      } else if (candidates.size() > 1) {
        both(best ? "best_group" : "worst_group", {{"applications", candidates}},
             best ? "best_group" : "worst_group", [&](Lang lang) {
               return std::vector<std::pair<std::string, std::string>>{
                   {"applications", listing(candidates, lang)}};
             });
      }
    }
  }
  // What the low ratings' comments are about: their three most distinctive terms.
  if (feedback.contains("text") && feedback["text"].is_object()) {
    const json& text = feedback["text"];
    if (text.contains("keyness")) {
      std::vector<std::string> terms;
      for (const json& t : text["keyness"]["low"]) {
        const std::string term = t["term"].get<std::string>();
        if (term == "non") continue;  // a negation is no topic
        terms.push_back("«" + term + "»");
        if (terms.size() == 3) break;
      }
      if (!terms.empty())
        both("low_comments", {{"terms", terms}}, "low_comments", [&](Lang lang) {
          return std::vector<std::pair<std::string, std::string>>{{"terms", listing(terms, lang)}};
        });
    }
    if (text.contains("sentiment") && text["sentiment"]["negative_share"].is_number()) {
      const json& s = text["sentiment"];
      both("negative_comments", {{"share", s["negative_share"]}, {"method", s["method"]}},
           "negative_comments", [&](Lang lang) {
             return std::vector<std::pair<std::string, std::string>>{
                 {"share", percent(s["negative_share"].get<double>(), 2, lang)},
                 {"method",
                  sentence(s["method"] == "model" ? "method_model" : "method_lexicon", lang, {})}};
           });
    }
  }
  return out;
}

}  // namespace ascolto::summary
