// Survey cells (format ascolto-cells v1): the keys are the wave, the
// profile dimensions, the raking margins and the territorial columns; each cell has the count
// column, and with weights `ascolto_w` and `ascolto_w2` (sum of the
// records' weights and of their squares). Every variable of the report
// comes as sums named `<part>__<name>__<sum>`:
//   - a rating (part `overall` or `item`), per level L of its scale:
//     `L_n`, `L_w`, `L_w2` (records at L, their weight sum and squares);
//   - any other variable y (yes/no, a choice's category, an option, an
//     index, a phase's or channel's pooled mean): `n`, `y`, `y2`, and with
//     weights `w`, `wy`, `w2`, `w2y`, `w2y2`, `wy2`, over the records where y is present.
// An item with the overall outcome, for the drivers' correlation:
// `pair__<item>__<sum>` (see pair_sums).
// A two-valued overall outcome ("satisfied" / "neutral or dissatisfied")
// is the 0/1 variable `outcome__<column>__<positive value>__<sum>`.
// A choice or option adds the category: `choice__<column>__<value>__<sum>`,
// `option__<question>__<value>__<sum>` (a delimited list), or
// `optioncol__<question>__<column>__<sum>` (one 0/1 column per option).
// All sums add, so cells merge by addition.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/warnings.hpp"
#include "report/config.hpp"
#include "report/survey_structure.hpp"
#include "table/table.hpp"

namespace ascolto::cells {

inline constexpr const char* kWeightSum = "ascolto_w";
inline constexpr const char* kWeightSquares = "ascolto_w2";

enum class SurveyPart {
  overall,
  outcome,
  item,
  yes_no,
  choice,
  option,
  option_column,
  index,
  phase,
  channel,
  pair,  ///< an item with the overall outcome, for the drivers
};

/// A sum column's header, taken apart.
struct SumColumn {
  SurveyPart part = SurveyPart::item;
  std::string name;   ///< the column, question, index, phase or channel
  std::string value;  ///< a choice's category or an option
  std::string sum;    ///< "n", "y", ..., or a rating level's "L_n", "L_w", "L_w2"
};

std::string sum_column_name(SurveyPart part, const std::string& name, const std::string& value,
                            const std::string& sum);
std::optional<SumColumn> parse_sum_column(const std::string& header);
/// Whether a header is a survey cells sum (or a weight sum): not data to describe.
bool is_survey_sum(const std::string& header);
/// The sums of a variable y, in this order.
const std::vector<std::string>& moment_sums(bool weighted);
/// The sums of an item x with the overall outcome y, over the records that
/// answered both: n, x, y, x2, y2, xy; with weights n, w, wx, wy, wx2, wy2, wxy.
const std::vector<std::string>& pair_sums(bool weighted);

/// The survey structure of a cells file: the wave and profile from its
/// keys, the variables from its sums (as survey_structure reads microdata).
report::SurveyStructure survey_structure_of_cells(const table::Table& table,
                                                  const std::vector<report::ColumnRole>& roles,
                                                  const report::Config& config, Warnings& warnings);

/// Whether the cells carry the weight sums (`ascolto_w`, `ascolto_w2`), so
/// every variable comes with its weighted sums.
bool has_weight_sums(const table::Table& table);

/// Per cell, the records' weight sum and squares: the weight sums of the
/// cells, or with `record_weights` (a weight kept as a key: NaN out) the
/// count times the weight, or the counts when unweighted; `weighted` says
/// whether there were weights.
void cell_weight_sums(const table::Table& table, const std::vector<double>* record_weights,
                      std::vector<double>& sum_w, std::vector<double>& sum_w2, bool& weighted);

}  // namespace ascolto::cells
