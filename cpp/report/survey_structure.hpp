// What a survey file's columns are, read off names and values: the wave,
// the profile dimensions, the overall-satisfaction outcome, the rating
// items with their journey phase and channel, yes/no, single-choice and
// multi-response questions, composite indices, free text. Every decision
// carries its reason; the configuration can force each one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/warnings.hpp"
#include "report/config.hpp"
#include "report/roles.hpp"
#include "stats/design.hpp"
#include "table/table.hpp"

namespace ascolto::report {

/// Rows split into categories: a categorical column, a wave, or a
/// numeric column cut into classes (age).
struct Grouping {
  std::string name;
  std::string reason;
  std::vector<std::string> labels;
  std::vector<std::uint32_t> codes;  ///< per row; table::kMissingCode when missing
  /// A question of a survey cells file that is not a key: per category,
  /// the sums of its 0/1 indicator (codes then empty).
  std::vector<stats::RowSums> member_sums;
  /// 0/1 mask per category, built on demand for domain estimates.
  std::vector<char> mask(std::uint32_t code) const;
  std::vector<char> mask_except(std::uint32_t code) const;
};

/// A rating in a survey cells file: per level of the scale, per row, the
/// records at that level and the sums of their weights and squared weights.
struct RatingLevels {
  std::vector<double> levels;
  std::vector<std::vector<double>> n, w, w2;  ///< [level][row]
  bool empty() const { return levels.empty(); }
  /// The rating's sums, or those of the 0/1 indicator of a level in [from, to].
  stats::RowSums sums() const;
  stats::RowSums indicator(double from, double to) const;
};

/// What an estimate reads: the per-row values, or a cells file's sums.
inline stats::Variable variable_of(const std::vector<double>& values, const stats::RowSums& sums) {
  return sums.empty() ? stats::Variable(values) : stats::Variable(sums);
}

/// From cells: per row, an item x and the overall outcome y over the
/// records that answered both (x: the item), for the drivers' correlation.
struct PairSums {
  std::vector<double> n, w, wx, wy, wx2, wy2, wxy;
  bool empty() const { return n.empty(); }
};

struct SurveyItem {
  std::string column;
  std::string phase, channel;  ///< empty channel: the item is not per channel
  RatingScale scale;
  std::vector<double> values;  ///< valid ratings, NaN elsewhere
  RatingLevels levels;         ///< from cells: the levels' sums, and
  stats::RowSums sums;         ///< the rating's sums
  PairSums pair;               ///< and its sums with the overall outcome
  stats::Variable variable() const { return variable_of(values, sums); }
};

/// The overall-satisfaction outcome: a rating, or a two-valued column
/// ("satisfied" / "neutral or dissatisfied") read as 1/0.
struct Outcome {
  std::string column;
  std::string reason;
  bool binary = false;
  std::string positive;  ///< for a binary outcome, the value counted as 1
  RatingScale scale;     ///< for a rating
  std::vector<double> values;
  RatingLevels levels;  ///< from cells, as SurveyItem
  stats::RowSums sums;
  stats::Variable variable() const { return variable_of(values, sums); }
};

struct YesNoItem {
  std::string column;
  std::vector<double> indicator;  ///< 1 yes, 0 no, NaN missing
  stats::RowSums sums;            ///< from cells
  stats::Variable variable() const { return variable_of(indicator, sums); }
};

struct MultiResponse {
  std::string name;
  std::string source;  ///< "columns" (one 0/1 column per option) or "delimited"
  std::vector<std::string> options;
  std::vector<std::string> columns;             ///< for "columns": the column of each option
  std::vector<std::vector<double>> indicators;  ///< per option, per row: 1/0, NaN out of the base
  /// For "delimited": per option, the column's values (lists) that name it.
  std::vector<std::vector<std::string>> option_labels;
  std::vector<stats::RowSums> option_sums;  ///< from cells, per option
  stats::Variable variable(std::size_t option) const {
    return option_sums.empty() ? stats::Variable(indicators[option])
                               : stats::Variable(option_sums[option]);
  }
};

struct CompositeIndex {
  std::string name;
  std::string reason;
  std::vector<std::string> items;
  std::vector<double> weights;
  double min_answered = 0.5;
  std::vector<double> values;  ///< per respondent; NaN when too few items answered
  stats::RowSums sums;         ///< from cells
  stats::Variable variable() const { return variable_of(values, sums); }
};

struct SurveyStructure {
  std::optional<Grouping> wave;
  std::vector<Grouping> profile;
  std::optional<Outcome> overall;
  std::vector<SurveyItem> items;  ///< rating items other than the overall one, in file order
  std::vector<Grouping> single_choice;
  std::vector<YesNoItem> yes_no;
  std::vector<MultiResponse> multi_response;
  std::vector<CompositeIndex> indices;
  std::vector<std::string> free_text;
  std::string journey_source;  ///< how phases and channels were found
  /// Read from a survey cells file: the rows are cells, the variables sums;
  /// each phase's and channel's pooled respondent means come as sums too.
  bool from_cells = false;
  std::vector<std::pair<std::string, stats::RowSums>> phase_sums, channel_sums;
};

/// Reads the survey structure; problems with the configuration (unknown
/// columns, an index on non-rating items) go to `warnings`.
SurveyStructure survey_structure(const table::Table& table, const std::vector<ColumnRole>& roles,
                                 const Config& config, Warnings& warnings);

/// An item's journey phase and channel: from the configuration, or its header.
void assign_phase_channel(SurveyItem& item, const Config& config);
/// How phases and channels were found, for the report.
std::string journey_source(const std::vector<SurveyItem>& items);
/// The composite indices over `items` (configured, or the default ones
/// found by item name), without their values.
std::vector<CompositeIndex> index_definitions(const std::vector<SurveyItem>& items,
                                              const Config& config, Warnings& warnings);
/// The option group and label of a 0/1 column's header: "fonte_tv" -> ("fonte", "tv").
std::pair<std::string, std::string> option_of_header(const std::string& header);

/// A column as a grouping: its categories, or its distinct numbers in
/// ascending order (a year); nothing for text or for more than `max` values.
std::optional<Grouping> grouping_of_column(const table::Column& column, std::string reason,
                                           std::size_t max = 120);

/// Splits an item header into journey phase and channel: "Informazione -
/// Web", "informazione_web", "fase:canale". False when the header names no
/// known channel and has no explicit separator.
bool split_phase_channel(const std::string& header, std::string& phase, std::string& channel);

}  // namespace ascolto::report
