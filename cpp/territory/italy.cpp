#include "territory/italy.hpp"

#include <charconv>
#include <unordered_map>

namespace ascolto::territory {

namespace {

constexpr std::string_view kRegionNames[kRegions + 1] = {"",
                                                         "Piemonte",
                                                         "Valle d'Aosta",
                                                         "Lombardia",
                                                         "Trentino-Alto Adige",
                                                         "Veneto",
                                                         "Friuli-Venezia Giulia",
                                                         "Liguria",
                                                         "Emilia-Romagna",
                                                         "Toscana",
                                                         "Umbria",
                                                         "Marche",
                                                         "Lazio",
                                                         "Abruzzo",
                                                         "Molise",
                                                         "Campania",
                                                         "Puglia",
                                                         "Basilicata",
                                                         "Calabria",
                                                         "Sicilia",
                                                         "Sardegna"};

// Folded variants beyond the official names: English and older forms,
// bilingual names, the autonomous provinces (counted in Trentino-Alto
// Adige, as ISTAT's 20 regions do).
const std::pair<std::string_view, int> kRegionVariants[] = {
    {"piedmont", 1},
    {"val d aosta", 2},
    {"valle aosta", 2},
    {"vallee d aoste", 2},
    {"valle d aosta vallee d aoste", 2},
    {"aosta valley", 2},
    {"aosta", 2},
    {"lombardy", 3},
    {"trentino alto adige sudtirol", 4},
    {"trentino alto adige suedtirol", 4},
    {"trentino sudtirol", 4},
    {"trentino south tyrol", 4},
    {"trentino aa", 4},
    {"trentino", 4},
    {"alto adige", 4},
    {"sudtirol", 4},
    {"south tyrol", 4},
    {"bolzano", 4},
    {"bozen", 4},
    {"bolzano bozen", 4},
    {"trento", 4},
    {"p a bolzano", 4},
    {"p a trento", 4},
    {"pa bolzano", 4},
    {"pa trento", 4},
    {"provincia autonoma bolzano", 4},
    {"provincia autonoma trento", 4},
    {"provincia autonoma di bolzano", 4},
    {"provincia autonoma di trento", 4},
    {"friuli venezia giulia", 6},
    {"friuli", 6},
    {"friuli v g", 6},
    {"fvg", 6},
    {"emilia", 8},
    {"tuscany", 9},
    {"the marches", 11},
    {"latium", 12},
    {"abruzzi", 13},
    {"puglie", 16},
    {"apulia", 16},
    {"lucania", 17},
    {"sicily", 19},
    {"sardinia", 20},
};

// NUTS-2 (2021) codes; ITH1/ITH2 are Bolzano and Trento.
const std::pair<std::string_view, int> kNuts2[] = {
    {"itc1", 1},  {"itc2", 2},  {"itc3", 7},  {"itc4", 3},  {"ith1", 4},  {"ith2", 4},
    {"ith3", 5},  {"ith4", 6},  {"ith5", 8},  {"iti1", 9},  {"iti2", 10}, {"iti3", 11},
    {"iti4", 12}, {"itf1", 13}, {"itf2", 14}, {"itf3", 15}, {"itf4", 16}, {"itf5", 17},
    {"itf6", 18}, {"itg1", 19}, {"itg2", 20}};

std::vector<Province> make_provinces() {
  std::vector<Province> out = {
#include "territory/provinces.inc"
  };
  // Sardinia's provinces of 2005-2016: older files still name them.
  out.push_back({104, 104, "OT", "Olbia-Tempio", 20});
  out.push_back({105, 105, "OG", "Ogliastra", 20});
  out.push_back({106, 106, "VS", "Medio Campidano", 20});
  out.push_back({107, 107, "CI", "Carbonia-Iglesias", 20});
  return out;
}

// Folded variants of province names beyond ISTAT's.
const std::pair<std::string_view, int> kProvinceVariants[] = {
    {"reggio emilia", 35},
    {"reggio nell emilia", 35},
    {"reggio di calabria", 80},
    {"monza brianza", 108},
    {"monza e brianza", 108},
    {"monza", 108},
    {"pesaro urbino", 41},
    {"pesaro", 41},
    {"forli", 40},
    {"massa carrara", 45},
    {"massa", 45},
    {"verbania", 103},
    {"barletta andria trani", 110},
    {"bat", 110},
    {"aosta", 7},
    {"valle d aosta", 7},
    {"bolzano", 21},
    {"bozen", 21},
    {"carbonia", 107},
    {"olbia tempio", 104},
    {"l aquila", 66},
    {"aquila", 66},
    {"la spezia", 11},
    {"spezia", 11},
};

// Words before a name that say what it is: "Regione Lazio", "Provincia di Roma".
const std::string_view kPrefixes[] = {"direzione regionale ",
                                      "direzione provinciale ",
                                      "sede provinciale di ",
                                      "sede provinciale ",
                                      "sede di ",
                                      "regione autonoma ",
                                      "regione ",
                                      "region ",
                                      "citta metropolitana di ",
                                      "citta metropolitana ",
                                      "libero consorzio comunale di ",
                                      "provincia di ",
                                      "provincia ",
                                      "prov di ",
                                      "prov "};

std::string strip_prefix(std::string key) {
  for (std::string_view prefix : kPrefixes)
    if (key.size() > prefix.size() && key.compare(0, prefix.size(), prefix) == 0)
      return key.substr(prefix.size());
  return key;
}

std::optional<int> whole_number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  // "8" and "08", and "8.0" as a spreadsheet may write a code.
  if (text.size() > 2 && text.substr(text.size() - 2) == ".0") text.remove_suffix(2);
  int value = 0;
  if (text.empty() || text.size() > 3) return {};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return {};
  return value;
}

// The parts of a bilingual name, "Bolzano/Bozen" -> "Bolzano", "Bozen".
std::vector<std::string_view> slash_parts(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i)
    if (i == text.size() || text[i] == '/') {
      if (i > start) out.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

}  // namespace

std::string fold(std::string_view text) {
  std::string out;
  auto letter = [&](char c) { out.push_back(c); };
  auto separator = [&] {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 'A' && c <= 'Z') {
      letter(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      letter(static_cast<char>(c));
    } else if (c == 0xC3 && i + 1 < text.size()) {
      // Latin-1 letters in UTF-8: the second byte, upper case folded to lower.
      auto d = static_cast<unsigned char>(text[++i]);
      if (d == 0x9F) {
        out += "ss";
        continue;
      }
      if (d < 0xA0) d = static_cast<unsigned char>(d + 0x20);
      if (d >= 0xA0 && d <= 0xA5)
        letter('a');
      else if (d == 0xA7)
        letter('c');
      else if (d >= 0xA8 && d <= 0xAB)
        letter('e');
      else if (d >= 0xAC && d <= 0xAF)
        letter('i');
      else if (d == 0xB1)
        letter('n');
      else if (d >= 0xB2 && d <= 0xB6)
        letter('o');
      else if (d >= 0xB9 && d <= 0xBC)
        letter('u');
      else if (d == 0xBD || d == 0xBF)
        letter('y');
      else
        separator();
    } else {
      // Anything else separates words: "P.A." -> "p a", "d'Aosta" -> "d aosta".
      separator();
      // Skip the continuation bytes of any other character (’, –).
      if (c >= 0xC0)
        while (i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) ++i;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string_view region_name(int code) {
  return code >= 1 && code <= kRegions ? kRegionNames[code] : std::string_view();
}

const std::vector<Province>& provinces() {
  static const std::vector<Province> all = make_provinces();
  return all;
}

const Province* province(int code) {
  for (const Province& p : provinces())
    if (p.code == code) return &p;
  return nullptr;
}

std::optional<int> region_code(std::string_view text) {
  static const std::unordered_map<std::string, int> keys = [] {
    std::unordered_map<std::string, int> m;
    for (int code = 1; code <= kRegions; ++code) m.emplace(fold(kRegionNames[code]), code);
    for (const auto& [variant, code] : kRegionVariants) m.emplace(std::string(variant), code);
    for (const auto& [nuts, code] : kNuts2) m.emplace(std::string(nuts), code);
    return m;
  }();
  if (const auto number = whole_number(text)) {
    if (*number >= 1 && *number <= kRegions) return *number;
    // Some tables number the autonomous provinces as regions 21/22 or 41/42.
    if (*number == 21 || *number == 22 || *number == 41 || *number == 42) return 4;
    return {};
  }
  const std::string key = fold(text);
  for (const std::string& candidate : {key, strip_prefix(key)})
    if (const auto it = keys.find(candidate); it != keys.end()) return it->second;
  const auto parts = slash_parts(text);
  if (parts.size() > 1)
    for (std::string_view part : parts)
      if (const auto code = region_code(part)) return code;
  return {};
}

const Province* find_province(std::string_view text, bool plate_codes) {
  static const std::unordered_map<std::string, int> names = [] {
    std::unordered_map<std::string, int> m;
    for (const Province& p : provinces()) {
      m.emplace(fold(p.name), p.code);
      for (std::string_view part : slash_parts(p.name)) m.emplace(fold(part), p.code);
    }
    for (const auto& [variant, code] : kProvinceVariants) m.emplace(std::string(variant), code);
    return m;
  }();
  if (const auto number = whole_number(text)) {
    for (const Province& p : provinces())
      if (p.code == *number || (p.unit == *number && p.unit > 200)) return &p;
    return nullptr;
  }
  const std::string key = fold(text);
  if (plate_codes && key.size() == 2)
    for (const Province& p : provinces())
      if (fold(p.sigla) == key) return &p;
  for (const std::string& candidate : {key, strip_prefix(key)})
    if (const auto it = names.find(candidate); it != names.end()) return province(it->second);
  return nullptr;
}

}  // namespace ascolto::territory
