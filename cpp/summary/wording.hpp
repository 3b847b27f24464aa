// How the Sintesi writes: figures as the agency writes them (two decimals
// for means, Italian separators: "3,74", "30.131", "51,24%"), sentences
// from the templates of one file per language (templates_it.inc,
// templates_en.inc), and the one rule that keeps a summary honest: a change
// that is not significant is never worded as a rise or a fall.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace ascolto::summary {

enum class Lang { it, en };
inline constexpr Lang kLanguages[] = {Lang::it, Lang::en};

using Values = std::vector<std::pair<std::string, std::string>>;

/// A number with `decimals` decimals: "3,74" / "3.74", thousands "30.131" / "30,131".
std::string number(double value, int decimals, Lang lang);
/// A share as a percentage: 0.5124 -> "51,24%" / "51.24%".
std::string percent(double share, int decimals, Lang lang);
/// A share as the agency's reports write it: at most two decimals, trailing
/// zeros dropped (0.687 -> "68,7%", 0.12004 -> "12%").
std::string share(double share, Lang lang);
/// A relative change with its sign and no decimals: 0.3 -> "+30%".
std::string signed_percent(double change, Lang lang);
/// A figure after an Italian article or articled preposition ("il", "al",
/// "dal", "del"; `preposition` "", "a", "da", "di"): "il 62%", "dall'83,6%" (with a typographic
/// apostrophe), elided before the numbers read with a vowel (8..., 1 and 11). English: the figure.
std::string articled(std::string_view preposition, const std::string& figure, Lang lang);
/// "2023-10" -> "ottobre 2023" / "October 2023".
std::string month(std::string_view iso_month, Lang lang);
/// "2023-10-23" -> "23/10/2023".
std::string day(std::string_view iso);
/// A column name as words: "classe_eta" -> "classe eta".
std::string words(std::string_view name);
/// The text in Italian quotes (guillemets).
std::string guillemets(std::string_view text);
/// A box of a rating scale (a scale's "top_box", "bottom_box"): "1-2", or
/// "1" when it is one point.
std::string box(const nlohmann::ordered_json& points);
/// "A, B e C" / "A, B and C".
std::string listing(const std::vector<std::string>& items, Lang lang);

/// A sentence that opens on a label from a file ("chiusa: ...") starts
/// with a capital letter, as a sentence does.
std::string capitalized(std::string text);

/// The template of `key` in `lang` with its {placeholders} filled; an
/// unknown key gives an empty string (a test checks every key exists).
std::string sentence(std::string_view key, Lang lang, const Values& values);
/// Every template key of `lang`, for the tests.
std::vector<std::string> template_keys(Lang lang);

/// The wording of a wave difference ({"value", "significant", ...} as the
/// survey report writes it): "aumento statisticamente significativo",
/// "diminuzione ...", or "stabile" when it is within the noise.
std::string change_words(const nlohmann::ordered_json& difference, Lang lang);

/// One sentence of the Sintesi: its section ("alerts", "overall",
/// "profile"...), its kind, the figures it uses, and its text in each language.
struct Finding {
  std::string section;
  std::string kind;
  nlohmann::ordered_json figures;
  std::string it, en;
  bool headline = false;  ///< carried into the combined summary of several datasets
};

/// Collects findings: the same template and values, written in each language.
class Findings {
 public:
  template <typename ValuesOf>
  Finding& add(std::string section, std::string kind, nlohmann::ordered_json figures,
               std::string_view key, const ValuesOf& values_of) {
    list_.push_back({std::move(section), std::move(kind), std::move(figures),
                     capitalized(sentence(key, Lang::it, values_of(Lang::it))),
                     capitalized(sentence(key, Lang::en, values_of(Lang::en)))});
    return list_.back();
  }
  /// Runs one step of the findings; a section of an unexpected shape
  /// loses only that step's sentences, and the step is named in `incomplete`.
  template <typename Step>
  void guarded(const char* name, const Step& step) {
    try {
      step();
    } catch (const nlohmann::ordered_json::exception&) {
      incomplete_.emplace_back(name);
    }
  }
  std::vector<Finding>& list() { return list_; }
  const std::vector<std::string>& incomplete() const { return incomplete_; }
  std::size_t size() const { return list_.size(); }
  const Finding& operator[](std::size_t i) const { return list_[i]; }
  std::vector<Finding>::const_iterator begin() const { return list_.begin(); }
  std::vector<Finding>::const_iterator end() const { return list_.end(); }

 private:
  std::vector<Finding> list_;
  std::vector<std::string> incomplete_;
};

nlohmann::ordered_json findings_json(const std::vector<Finding>& findings);

// The findings read the report section with .at() only: a missing key or
// index throws a json::exception (caught per part, see Findings::guarded),
// where operator[] would be undefined behaviour (const) or would insert keys
// and move the values that pointers still refer to (non-const).

/// The array under `key` of `object`, or an empty array.
const nlohmann::ordered_json& array_at(const nlohmann::ordered_json& object, const char* key);

/// An estimate's value if it is shown (not suppressed), else nullptr.
const nlohmann::ordered_json* shown(const nlohmann::ordered_json& estimate);

}  // namespace ascolto::summary
