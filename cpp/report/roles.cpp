#include "report/roles.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>

#include "cells/contract.hpp"
#include "cells/survey_sums.hpp"
#include "territory/italy.hpp"
#include "text/privacy.hpp"

namespace ascolto::report {

std::string box_text(const std::array<double, 2>& box) {
  const auto point = [](double v) {
    std::ostringstream out;
    out << v;  // whole points, written "4" and not "4.000000"
    return out.str();
  };
  return box[0] == box[1] ? point(box[0]) : point(box[0]) + "-" + point(box[1]);
}

namespace {

using table::Column;
using table::ColumnType;

// Header words that name a role, in Italian and English. A header matches
// when one of its words starts with one of these stems.
const std::vector<std::string> kRatingStems = {"voto",    "rating",   "soddisf",   "giudizi",
                                               "valutaz", "score",    "stell",     "star",
                                               "satisf",  "punteggi", "gradiment", "stars"};
const std::vector<std::string> kWeightNames = {
    "peso", "pesi", "weight", "weights", "wt", "peso_campionario", "coef_riporto", "w"};
const std::vector<std::string> kPeriodStems = {"anno",  "year",    "wave",   "ondata",   "mese",
                                               "month", "periodo", "period", "trimestre"};
const std::vector<std::string> kApplicationStems = {
    "applicativ", "applicazion", "application", "app", "servizio", "service", "portale"};
const std::vector<std::string> kChannelStems = {"canale",     "channel",    "device",  "dispositiv",
                                                "touchpoint", "piattaform", "platform"};
const std::vector<std::string> kIdentifierNames = {
    "id", "codice", "cod", "progressivo", "respondent_id", "id_rispondente"};
// A header with one of these words names a code ("Codice Ripartizione
// Geografica", "Cod. ISTAT", "ID utente", "Sigla automobilistica"): its
// values are labels, never a rating or a measure.
const std::vector<std::string> kCodeWords = {"codice", "codici", "cod",       "id",
                                             "sigla",  "sigle",  "matricola", "progressivo"};
// Headers over names of places or people, which are not comments.
const std::vector<std::string> kNameStems = {"denominazion", "nome",    "comune", "comuni",
                                             "localit",      "citt",    "name",   "municipal",
                                             "city",         "frazion", "luogo",  "indirizz"};
const std::vector<std::string> kCommentStems = {"comment",     "commento",    "commenti",
                                                "testo",       "text",        "note",
                                                "suggeriment", "osservazion", "review"};
// Territorial headers by level; the value check below also finds region
// columns under any header.
const std::vector<std::string> kRegionStems = {"region", "reg"};
const std::vector<std::string> kProvinceStems = {"provinc", "prov"};
const std::vector<std::string> kOfficeStems = {"sede",   "sedi",    "ufficio", "uffici",
                                               "office", "agenzia", "filiale", "branch"};
const std::vector<std::string> kMediaStems = {"testata", "titolo", "outlet", "headline", "fonte"};
const std::vector<std::string> kVolumeStems = {
    "valore",  "value",       "volume",   "contatti", "contacts", "visualizzazioni", "views",
    "accessi", "prenotazion", "download", "login",    "calls",    "chiamate"};

}  // namespace

std::vector<std::string> header_words(const std::string& normalized) {
  std::vector<std::string> out;
  std::string word;
  for (char c : normalized) {
    if (c == '_') {
      if (!word.empty()) out.push_back(word);
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) out.push_back(word);
  return out;
}

bool header_has_stem(const std::string& normalized, const std::vector<std::string>& stems) {
  for (const std::string& word : header_words(normalized))
    for (const std::string& stem : stems)
      if (word.compare(0, stem.size(), stem) == 0 && (stem.size() > 3 || word == stem)) return true;
  return false;
}

namespace {

bool is_one_of(const std::string& normalized, const std::vector<std::string>& names) {
  return std::find(names.begin(), names.end(), normalized) != names.end();
}

// Headers that name personal data; "mobile" is left out (a device).
const std::vector<std::string> kPersonalStems = {"email",    "mail", "pec",          "telefon",
                                                 "cellular", "iban", "cognom",       "nominativ",
                                                 "fiscal",   "cf",   "codicefiscale"};
const std::vector<std::string> kBirthStems = {"nascit", "birth", "dob"};
const std::vector<std::string> kPostcodeStems = {"cap", "postcode", "postal", "postale", "zip"};

bool is_birth_date(const Column& c, const std::string& name) {
  return (c.type == ColumnType::date || c.type == ColumnType::datetime) &&
         header_has_stem(name, kBirthStems);
}

// Whether the file has a date of birth and a postcode: each is personal
// only next to the other.
struct BirthAndPostcode {
  bool birth_date = false, postcode = false;
  explicit BirthAndPostcode(const table::Table& table) {
    for (const Column& c : table.columns) {
      const std::string name = normalize_header(c.name);
      birth_date = birth_date || is_birth_date(c, name);
      postcode = postcode || header_has_stem(name, kPostcodeStems);
    }
  }
};

// Personal data, decided before any other role: values that are e-mail
// addresses, phone numbers, IBANs or tax codes (with a valid check
// character) in at least half of up to 500 filled cells; a personal-data
// header over mostly distinct text; a date of birth next to a postcode.
std::optional<ColumnRole> personal_role(const BirthAndPostcode& file, const Column& c,
                                        const std::string& name) {
  const bool textual = c.type == ColumnType::categorical || c.type == ColumnType::text;
  if (textual) {
    std::map<std::string, std::uint64_t> kinds;
    std::uint64_t sampled = 0, personal = 0;
    for (std::size_t row = 0; row < c.size() && sampled < 500; ++row) {
      if (c.is_missing(row)) continue;
      ++sampled;
      if (const char* kind = text::personal_value_kind(c.text(row))) {
        ++personal;
        ++kinds[kind];
      }
    }
    if (sampled > 0 && personal * 2 >= sampled) {
      const auto top =
          std::max_element(kinds.begin(), kinds.end(),
                           [](const auto& a, const auto& b) { return a.second < b.second; });
      return ColumnRole{Role::personal,
                        "values are personal data (" + top->first + ": " +
                            std::to_string(personal) + " of " + std::to_string(sampled) +
                            " sampled)",
                        {}};
    }
    const std::uint64_t filled = c.size() - c.missing;
    const bool mostly_distinct =
        c.type == ColumnType::text || (filled > 0 && c.labels.size() * 2 > filled);
    if (header_has_stem(name, kPersonalStems) && mostly_distinct)
      return ColumnRole{Role::personal, "a personal-data header over distinct values", {}};
  }
  if ((is_birth_date(c, name) && file.postcode) ||
      (header_has_stem(name, kPostcodeStems) && file.birth_date))
    return ColumnRole{
        Role::personal, "a date of birth next to a postcode: together they identify a person", {}};
  return {};
}

// The share of a categorical column's filled rows whose value names an
// Italian region, and how many regions they name.
std::pair<double, std::size_t> region_names_share(const Column& c) {
  std::vector<std::optional<int>> region_of(c.labels.size());
  for (std::size_t label = 0; label < c.labels.size(); ++label)
    region_of[label] = territory::region_code(c.labels[label]);
  // No value names a region (an application, a channel): no row to count.
  if (std::none_of(region_of.begin(), region_of.end(), [](const auto& r) { return r.has_value(); }))
    return {0.0, 0};
  std::vector<std::uint64_t> rows(c.labels.size());
  std::uint64_t filled = 0, named = 0;
  for (std::uint32_t code : c.codes)
    if (code < rows.size()) ++rows[code], ++filled;
  std::vector<bool> seen(territory::kRegions + 1);
  for (std::size_t label = 0; label < c.labels.size(); ++label)
    if (const auto region = region_of[label]; region && rows[label] > 0) {
      named += rows[label];
      seen[static_cast<std::size_t>(*region)] = true;
    }
  const auto regions = static_cast<std::size_t>(std::count(seen.begin(), seen.end(), true));
  return {filled ? static_cast<double>(named) / static_cast<double>(filled) : 0.0, regions};
}

// A region, province or office column: by its header (codes under a
// region or province header must be ISTAT codes), or by values that are
// region names under any header.
std::optional<ColumnRole> territory_role(const Column& c, const std::string& name) {
  const bool categorical = c.type == ColumnType::categorical;
  const bool integer = c.type == ColumnType::integer;
  if (!categorical && !integer) return {};
  auto level = [](TerritoryLevel l, std::string reason) {
    ColumnRole role{Role::territory, std::move(reason), {}};
    role.level = l;
    return role;
  };
  auto codes_within = [&](double max) {
    return std::all_of(c.numbers.begin(), c.numbers.end(),
                       [&](double v) { return std::isnan(v) || (v >= 1 && v <= max); });
  };
  if (header_has_stem(name, kProvinceStems) && (categorical || codes_within(292)))
    return level(TerritoryLevel::province, "a province header");
  if (header_has_stem(name, kRegionStems) && (categorical || codes_within(42)))
    return level(TerritoryLevel::region, "a region header");
  if (categorical && header_has_stem(name, kOfficeStems))
    return level(TerritoryLevel::office, "an office header over categories");
  if (categorical && c.labels.size() <= 200) {
    const auto [share, regions] = region_names_share(c);
    if (share >= 0.9 && regions >= 3)
      return level(TerritoryLevel::region, "values are Italian region names");
  }
  return {};
}

// Reads a rating scale off the values of a numeric column.
std::optional<ColumnRole> rating_from_values(const Column& c, bool name_hint) {
  if (c.type != ColumnType::integer && c.type != ColumnType::decimal) return {};
  // Counts of the whole points 0..10; anything else is "stray".
  std::uint64_t counts[11] = {};
  std::uint64_t filled = 0, stray = 0;
  for (double v : c.numbers) {
    if (std::isnan(v)) continue;
    ++filled;
    if (v != std::floor(v) || v < 0 || v > 10)
      ++stray;
    else
      ++counts[static_cast<int>(v)];
  }
  if (filled == 0) return {};
  // Under a rating header a few values off the scale (a 6 or a 55 among
  // 1-5 answers) are typing errors, reported later with their lines;
  // without one, every value must fit.
  const std::uint64_t tolerated = name_hint ? filled / 50 : 0;
  auto fits = [&](int lo, int hi, std::uint64_t& outside, std::size_t& distinct) {
    outside = stray;
    distinct = 0;
    for (int level = 0; level <= 10; ++level) {
      if (level < lo || level > hi)
        outside += counts[level];
      else if (counts[level] > 0)
        ++distinct;
    }
    return outside <= tolerated;
  };
  ColumnRole role;
  role.role = Role::rating;
  const std::string hint = name_hint ? " and the header names a rating" : "";
  std::uint64_t outside = 0;
  std::size_t distinct = 0;
  auto describe = [&](const std::string& what) {
    std::string reason = what + hint;
    if (outside > 0)
      reason += "; " + std::to_string(outside) + " value(s) off the scale are left out";
    return reason;
  };
  if (fits(1, 5, outside, distinct) && (distinct >= 3 || name_hint)) {
    role.scale = RatingScale{1, 5, {}};
    role.reason = describe("whole values within 1-5");
    return role;
  }
  const std::uint64_t zeros = counts[0];
  if (fits(0, 5, outside, distinct) && zeros > 0 && distinct >= 4) {
    // 0 on a 0-5 item is "not applicable" in many questionnaires: when it
    // is rare, a real 0 point is unlikely.
    if (zeros * 5 < filled) {
      role.scale = RatingScale{1, 5, {0}};
      role.reason = describe("whole values within 0-5, with 0 rare (" + std::to_string(zeros) +
                             " of " + std::to_string(filled) + "): 0 read as 'not applicable'");
    } else {
      role.scale = RatingScale{0, 5, {}};
      role.reason = describe("whole values within 0-5");
    }
    return role;
  }
  if (fits(0, 10, outside, distinct) && (distinct >= 8 || (name_hint && distinct >= 3))) {
    const bool any_above_five = counts[6] + counts[7] + counts[8] + counts[9] + counts[10] > 0;
    if (any_above_five) {
      role.scale = RatingScale{counts[0] > 0 ? 0.0 : 1.0, 10, {}};
      role.reason = describe("whole values within 0-10");
      return role;
    }
  }
  return {};
}

bool has_code_word(const std::string& normalized) {
  for (const std::string& word : header_words(normalized))
    if (is_one_of(word, kCodeWords)) return true;
  return false;
}

bool is_upper_letter(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || c == 0xC3;  // 0xC3: the lead byte of À..Ý (and à..ý)
}

// "Torino", "San Giorgio Canavese", "Reggio nell'Emilia", "Mario Rossi":
// at most five words, the first capitalised, every word of four letters or
// more capitalised, no digits and no sentence punctuation.
bool looks_like_name(std::string_view value) {
  if (value.empty() || value.size() > 60 || !is_upper_letter(static_cast<unsigned char>(value[0])))
    return false;
  std::size_t words = 0, start = 0;
  for (std::size_t i = 0; i <= value.size(); ++i) {
    const bool end = i == value.size() || value[i] == ' ' || value[i] == '-' || value[i] == '/';
    if (i < value.size()) {
      const char c = value[i];
      if ((c >= '0' && c <= '9') || c == '.' || c == ',' || c == '!' || c == '?' || c == ';' ||
          c == ':')
        return false;
    }
    if (!end) continue;
    if (i > start) {
      ++words;
      std::string_view word = value.substr(start, i - start);
      if (const std::size_t apostrophe = word.rfind('\''); apostrophe != std::string_view::npos)
        word = word.substr(apostrophe + 1);  // "nell'Emilia"
      if (word.size() >= 4 && !is_upper_letter(static_cast<unsigned char>(word[0]))) return false;
    }
    start = i + 1;
  }
  return words >= 1 && words <= 5;
}

// A text column of names (places, people): under a name header, or when
// nearly every sampled value looks like a name.
bool holds_names(const Column& c, const std::string& name) {
  if (c.type != ColumnType::text && c.type != ColumnType::categorical) return false;
  std::size_t sampled = 0, names = 0, length = 0;
  for (std::size_t row = 0; row < c.size() && sampled < 400; ++row) {
    if (c.is_missing(row)) continue;
    const std::string_view v = c.text(row);
    ++sampled;
    length += v.size();
    names += looks_like_name(v);
  }
  if (sampled == 0) return false;
  if (header_has_stem(name, kNameStems) && length <= 40 * sampled) return true;
  return names * 10 >= sampled * 9;
}

// 0, 1, 2, ... or 1, 2, 3, ...: a row number exported with the data.
bool is_row_counter(const Column& c) {
  if (c.type != ColumnType::integer || c.numbers.size() < 10 || c.missing > 0) return false;
  const double start = c.numbers[0];
  if (start != 0 && start != 1) return false;
  for (std::size_t i = 1; i < c.numbers.size(); ++i)
    if (c.numbers[i] != start + static_cast<double>(i)) return false;
  return true;
}

}  // namespace

std::string normalize_header(const std::string& name) {
  std::string out;
  bool separator = false;
  for (unsigned char c : name) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
      if (separator && !out.empty()) out.push_back('_');
      separator = false;
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    } else {
      separator = true;
    }
  }
  return out;
}

const char* territory_level_name(TerritoryLevel level) {
  switch (level) {
    case TerritoryLevel::region:
      return "region";
    case TerritoryLevel::province:
      return "province";
    case TerritoryLevel::office:
      return "office";
  }
  return "region";
}

std::optional<TerritoryLevel> territory_level_from_name(const std::string& name) {
  for (TerritoryLevel l :
       {TerritoryLevel::region, TerritoryLevel::province, TerritoryLevel::office})
    if (name == territory_level_name(l)) return l;
  return {};
}

const char* role_name(Role role) {
  switch (role) {
    case Role::none:
      return "none";
    case Role::rating:
      return "rating";
    case Role::weight:
      return "weight";
    case Role::date:
      return "date";
    case Role::period:
      return "period";
    case Role::application:
      return "application";
    case Role::channel:
      return "channel";
    case Role::dimension:
      return "dimension";
    case Role::comment:
      return "comment";
    case Role::identifier:
      return "identifier";
    case Role::territory:
      return "territory";
    case Role::personal:
      return "personal";
    case Role::count:
      return "count";
  }
  return "none";
}

std::optional<Role> role_from_name(const std::string& name) {
  for (Role r : {Role::none, Role::rating, Role::weight, Role::date, Role::period,
                 Role::application, Role::channel, Role::dimension, Role::comment, Role::identifier,
                 Role::territory, Role::personal, Role::count})
    if (name == role_name(r)) return r;
  return {};
}

const char* dataset_kind_name(DatasetKind kind) {
  switch (kind) {
    case DatasetKind::unknown:
      return "unknown";
    case DatasetKind::survey:
      return "survey";
    case DatasetKind::feedback:
      return "feedback";
    case DatasetKind::volumes:
      return "volumes";
    case DatasetKind::media:
      return "media";
  }
  return "unknown";
}

std::optional<DatasetKind> dataset_kind_from_name(const std::string& name) {
  for (DatasetKind k : {DatasetKind::unknown, DatasetKind::survey, DatasetKind::feedback,
                        DatasetKind::volumes, DatasetKind::media})
    if (name == dataset_kind_name(k)) return k;
  return {};
}

void apply_override(const ColumnOverride& o, ColumnRole& role) {
  if (o.role) role = {*o.role, "set in the configuration", {}};
  if (o.level) {
    role = {Role::territory, "set in the configuration", {}};
    role.level = *o.level;
  }
  if (o.scale) {
    role.role = Role::rating;
    role.scale = o.scale;
    role.reason = "set in the configuration";
  } else if (role.role == Role::rating && !role.scale) {
    role.scale = RatingScale{};
  }
}

std::vector<ColumnRole> detect_roles(
    const table::Table& table, const std::vector<std::pair<std::string, ColumnOverride>>& overrides,
    const std::string& weight_column) {
  std::vector<ColumnRole> roles;
  const BirthAndPostcode birth_and_postcode(table);
  for (const Column& c : table.columns) {
    const std::string name = normalize_header(c.name);
    ColumnRole role;
    const bool numeric = table::is_numeric_type(c.type);
    const bool included = std::any_of(overrides.begin(), overrides.end(), [&](const auto& o) {
      return o.first == c.name && o.second.include_personal;
    });
    std::optional<ColumnRole> personal;
    if (!included) personal = personal_role(birth_and_postcode, c, name);
    if (c.name == cells::kCountColumn) {  // whatever its values: they are checked row by row
      role = {Role::count, "the count column of a cells file (format ascolto-cells v1)", {}};
    } else if (cells::is_survey_sum(
                   c.name)) {  // read by the survey report, not a column to describe
      role = {Role::identifier, "a sum of a survey cells file (format ascolto-cells v1)", {}};
    } else if (!weight_column.empty() && c.name == weight_column) {
      role = {Role::weight, "named as the weight in the configuration", {}};
    } else if (personal) {
      role = *personal;
    } else if (is_one_of(name, kIdentifierNames)) {
      role = {Role::identifier, "an identifier header", {}};
    } else if (is_row_counter(c)) {
      role = {Role::identifier, "values count the rows 0, 1, 2, ...", {}};
    } else if (auto territory = territory_role(c, name)) {
      role = *territory;
    } else if (has_code_word(name)) {
      role = {Role::identifier,
              "a code header (Codice, Cod., ID, Sigla): its values are codes, not ratings or "
              "measures",
              {}};
    } else if (numeric && c.type != ColumnType::boolean && weight_column.empty() &&
               is_one_of(name, kWeightNames)) {
      role = {Role::weight, "a weight header over numbers", {}};
    } else if (auto rating =
                   header_has_stem(name, kPeriodStems) && !header_has_stem(name, kRatingStems)
                       ? std::nullopt  // a quarter or a month 1-12 is not a rating
                       : rating_from_values(c, header_has_stem(name, kRatingStems))) {
      role = *rating;
    } else if (c.type == ColumnType::date || c.type == ColumnType::datetime) {
      role = {Role::date, "values are dates", {}};
    } else if (c.type == ColumnType::month ||
               ((c.type == ColumnType::integer || c.type == ColumnType::categorical) &&
                header_has_stem(name, kPeriodStems))) {
      role = {Role::period, "a period header or month values", {}};
    } else if (c.type == ColumnType::categorical && header_has_stem(name, kApplicationStems)) {
      role = {Role::application, "an application header over categories", {}};
    } else if (c.type == ColumnType::categorical && header_has_stem(name, kChannelStems)) {
      role = {Role::channel, "a channel or device header over categories", {}};
    } else if ((c.type == ColumnType::categorical || c.type == ColumnType::text) &&
               header_has_stem(name, kCommentStems) && !header_has_stem(name, kRatingStems)) {
      // "review_stars" names a rating written as text, not a comment.
      role = {Role::comment, "a comment header over text", {}};
    } else if (holds_names(c, name) &&
               (c.type == ColumnType::text || c.labels.size() * 2 > c.size() - c.missing)) {
      // Mostly distinct names label the rows; a few repeated ones are a breakdown.
      role = {Role::none, "names of places or people: described, not analysed as comments", {}};
    } else if (c.type == ColumnType::categorical || c.type == ColumnType::boolean) {
      role = {Role::dimension, "categories", {}};
    } else if (c.type == ColumnType::text) {
      role = {Role::comment, "free text", {}};
    }
    for (const auto& [column, o] : overrides)
      if (column == c.name) apply_override(o, role);
    roles.push_back(role);
  }
  return roles;
}

KindGuess detect_kind(const table::Table& table, const std::vector<ColumnRole>& roles) {
  std::size_t ratings = 0, weights = 0, applications = 0, dates = 0, periods = 0, media = 0,
              volumes = 0;
  for (const table::Column& c : table.columns)
    if (cells::parse_sum_column(c.name))
      return {DatasetKind::survey, "the sums of survey cells (ascolto-cells v1)"};
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const std::string name = normalize_header(table.columns[i].name);
    switch (roles[i].role) {
      case Role::rating:
        ++ratings;
        break;
      case Role::weight:
        ++weights;
        break;
      case Role::application:
        ++applications;
        break;
      case Role::date:
        ++dates;
        break;
      case Role::period:
        ++periods;
        break;
      default:
        break;
    }
    if (header_has_stem(name, kMediaStems)) ++media;
    if (table::is_numeric_type(table.columns[i].type) && roles[i].role == Role::none &&
        header_has_stem(name, kVolumeStems))
      ++volumes;
  }
  if (media >= 2) return {DatasetKind::media, "headers name outlets and titles"};
  if (ratings == 1 && (applications > 0 || dates > 0))
    return {DatasetKind::feedback, "one rating with an application or a date column"};
  if (ratings >= 2 || (ratings >= 1 && weights > 0))
    return {DatasetKind::survey,
            std::to_string(ratings) + " rating items" + (weights ? " and a weight" : "")};
  if (ratings == 1) return {DatasetKind::feedback, "one rating column"};
  if ((dates > 0 || periods > 0) && volumes > 0)
    return {DatasetKind::volumes, "a period and counts of contacts or views"};
  // Cells with a period and no rating: an event log's counts (a media
  // review's cells name their outlets, above).
  if ((dates > 0 || periods > 0) &&
      std::any_of(roles.begin(), roles.end(),
                  [](const ColumnRole& r) { return r.role == Role::count; }))
    return {DatasetKind::volumes, "cells of a period: the events they count"};
  if (dates > 0 || periods > 0) {
    for (std::size_t i = 0; i < roles.size(); ++i)
      if (roles[i].role == Role::none && table::is_numeric_type(table.columns[i].type))
        return {DatasetKind::volumes, "a period and numeric measures"};
  }
  // One row per contact or report (a date and categories, no counts): the
  // rows themselves are the volumes.
  if (dates > 0) {
    for (std::size_t i = 0; i < roles.size(); ++i)
      if (table.columns[i].type == table::ColumnType::categorical &&
          (roles[i].role == Role::channel || roles[i].role == Role::dimension))
        return {DatasetKind::volumes, "one row per event with a date: rows are counted"};
  }
  return {DatasetKind::unknown, "no rating, period or outlet columns recognized"};
}

}  // namespace ascolto::report
