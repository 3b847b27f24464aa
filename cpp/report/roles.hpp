// What each column is for (a rating, a weight, a date, ...) and what kind
// of dataset the file is, decided from values and from Italian and English
// header names; every decision carries its reason and can be overridden.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "table/table.hpp"

namespace ascolto::report {

enum class Role : std::uint8_t {
  none,         ///< nothing specific: described, not analysed
  rating,       ///< a rating scale (1-5, 0-10, ...)
  weight,       ///< survey weights
  date,         ///< when the row happened
  period,       ///< year, wave or month
  application,  ///< the web application a feedback belongs to
  channel,      ///< device, channel or touchpoint
  dimension,    ///< a categorical breakdown (gender, age class, region, ...)
  comment,      ///< free text
  identifier,   ///< a row id: never analysed
  territory,    ///< a region, province or office: compared on the map and the funnel plot
  personal,     ///< personal data (e-mail, tax code, ...): left out unless the user includes it
  count,        ///< the records a row stands for: a cells file's count column
};

enum class TerritoryLevel : std::uint8_t { region, province, office };
const char* territory_level_name(TerritoryLevel level);
std::optional<TerritoryLevel> territory_level_from_name(const std::string& name);

const char* role_name(Role role);
std::optional<Role> role_from_name(const std::string& name);

struct RatingScale {
  double min = 1, max = 5;
  std::vector<double> not_applicable;  ///< values meaning "does not apply" (0 on 0-5 items)

  bool not_applicable_value(double v) const {
    return std::find(not_applicable.begin(), not_applicable.end(), v) != not_applicable.end();
  }
  /// A whole number within [min, max].
  bool on_scale(double v) const { return v >= min && v <= max && v == std::floor(v); }
  /// A point of the scale: a whole number within [min, max] that is not
  /// missing and does not mean "does not apply".
  bool holds(double v) const { return on_scale(v) && !not_applicable_value(v); }
  /// The top and bottom boxes: the two highest and the two lowest points
  /// (4-5 and 1-2 of 1-5, 9-10 and 0-1 of 0-10), or one each on a scale of
  /// fewer than four points, where two would overlap (2 of 1-3 in both).
  /// Every top-2, bottom-2 and rating band of the reports is read from here.
  double top_box_from() const { return max - min >= 3 ? max - 1 : max; }
  double bottom_box_to() const { return max - min >= 3 ? min + 1 : min; }
  bool in_top_box(double v) const { return v >= top_box_from(); }
  bool in_bottom_box(double v) const { return v <= bottom_box_to(); }
  std::array<double, 2> top_box() const { return {top_box_from(), max}; }
  std::array<double, 2> bottom_box() const { return {min, bottom_box_to()}; }
};

/// A box as the reports name it: "4-5", or "3" when it is one point.
std::string box_text(const std::array<double, 2>& box);

struct ColumnRole {
  Role role = Role::none;
  std::string reason;
  std::optional<RatingScale> scale;               ///< for ratings
  TerritoryLevel level = TerritoryLevel::region;  ///< for territory
};

/// What the user may force for one column.
struct ColumnOverride {
  std::optional<Role> role;
  std::optional<RatingScale> scale;
  std::string phase, channel;           ///< journey position of a survey item; empty: from its name
  std::optional<TerritoryLevel> level;  ///< for a territory column; implies that role
  bool include_personal = false;        ///< the user confirmed: analyse it even if personal
};

/// What the configuration forces for a column, over the role detected.
void apply_override(const ColumnOverride& o, ColumnRole& role);

/// The role of each column, in table order.
std::vector<ColumnRole> detect_roles(
    const table::Table& table, const std::vector<std::pair<std::string, ColumnOverride>>& overrides,
    const std::string& weight_column);

enum class DatasetKind : std::uint8_t { unknown, survey, feedback, volumes, media };
const char* dataset_kind_name(DatasetKind kind);
std::optional<DatasetKind> dataset_kind_from_name(const std::string& name);

struct KindGuess {
  DatasetKind kind = DatasetKind::unknown;
  std::string reason;
};

KindGuess detect_kind(const table::Table& table, const std::vector<ColumnRole>& roles);

/// Lowercase ASCII letters and digits of a header, words joined by '_':
/// "Soddisfazione Globale" -> "soddisfazione_globale".
std::string normalize_header(const std::string& name);

/// The words of a normalized header ("soddisfazione_globale" -> 2 words).
std::vector<std::string> header_words(const std::string& normalized);

/// True when a word of the normalized header starts with one of `stems`
/// (stems of 3 letters or less must match a whole word).
bool header_has_stem(const std::string& normalized, const std::vector<std::string>& stems);

}  // namespace ascolto::report
