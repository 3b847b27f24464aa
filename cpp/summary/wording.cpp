#include "summary/wording.hpp"

#include <cmath>
#include <cstdio>

#include "report/roles.hpp"

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

}  // namespace

std::string box(const nlohmann::ordered_json& points) {
  return report::box_text({points.at(0).get<double>(), points.at(1).get<double>()});
}

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

std::string share(double value, Lang lang) {
  std::string text = number(value * 100, 2, lang);
  const char point = lang == Lang::it ? ',' : '.';
  if (text.find(point) != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == point) text.pop_back();
  }
  return text + "%";
}

std::string signed_percent(double change, Lang lang) {
  const std::string text = number(change * 100, 0, lang);
  return (text[0] == '-' || text == "0" ? "" : "+") + text + "%";
}

std::string articled(std::string_view preposition, const std::string& figure, Lang lang) {
  if (lang == Lang::en) return figure;
  const auto digits = figure.find_first_not_of("0123456789");
  const std::string whole = figure.substr(0, digits);
  // "otto", "ottanta", "ottocento"..., "uno" and "undici" start with a vowel.
  const bool vowel = !whole.empty() && (whole[0] == '8' || whole == "1" || whole == "11");
  struct Form {
    std::string_view preposition, plain, elided;
  };
  static constexpr Form kForms[] = {{"", "il ", "l\u2019"},
                                    {"a", "al ", "all\u2019"},
                                    {"da", "dal ", "dall\u2019"},
                                    {"di", "del ", "dell\u2019"}};
  for (const Form& form : kForms)
    if (form.preposition == preposition)
      return std::string(vowel ? form.elided : form.plain) + figure;
  return figure;
}

std::string month(std::string_view iso_month, Lang lang) {
  if (iso_month.size() < 7) return std::string(iso_month);
  const int m = (iso_month[5] - '0') * 10 + (iso_month[6] - '0');
  if (m < 1 || m > 12) return std::string(iso_month);
  return sentence("month_" + std::to_string(m), lang, {}) + " " +
         std::string(iso_month.substr(0, 4));
}

std::string day(std::string_view iso) {
  if (iso.size() < 10) return std::string(iso);
  return std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) + "/" +
         std::string(iso.substr(0, 4));
}

std::string words(std::string_view name) {
  std::string out(name);
  for (char& c : out)
    if (c == '_') c = ' ';
  return out;
}

std::string guillemets(std::string_view text) {
  return "\u00ab" + std::string(text) + "\u00bb";
}

std::string listing(const std::vector<std::string>& items, Lang lang) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? sentence("and", lang, {}) : ", ";
    out += items[i];
  }
  return out;
}

std::string capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

std::string sentence(std::string_view key, Lang lang, const Values& values) {
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

std::vector<std::string> template_keys(Lang lang) {
  std::vector<std::string> keys;
  for (const Template& t : lang == Lang::it ? kItalian : kEnglish) keys.emplace_back(t.key);
  return keys;
}

std::string change_words(const json& difference, Lang lang) {
  if (!difference.value("significant", false)) return sentence("change_stable", lang, {});
  return sentence(difference["value"].get<double>() > 0 ? "change_up" : "change_down", lang, {});
}

json findings_json(const std::vector<Finding>& findings) {
  json out = json::array();
  for (const Finding& f : findings)
    out.push_back({{"section", f.section},
                   {"kind", f.kind},
                   {"figures", f.figures},
                   {"it", f.it},
                   {"en", f.en},
                   {"headline", f.headline}});
  return out;
}

const json& array_at(const json& object, const char* key) {
  static const json empty = json::array();
  if (!object.is_object() || !object.contains(key) || !object.at(key).is_array()) return empty;
  return object.at(key);
}

const json* shown(const json& estimate) {
  if (!estimate.is_object() || !estimate.contains("value") || !estimate.at("value").is_number())
    return nullptr;
  return &estimate.at("value");
}

}  // namespace ascolto::summary
