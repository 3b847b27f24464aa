// Estimates over a survey design with ids = ~1: weights (or none), and
// optionally a calibration by raking. Domain estimates (a group, a wave,
// the rows where an item is answered) follow svymean(na.rm = TRUE) and
// svyby: the other rows stay in the design with a zero estimating
// function; on a raked design the estimating functions are residualized on
// the raking margins, as survey:::svyrecvar does.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "stats/estimate.hpp"

namespace ascolto::stats {

/// What raking leaves for the variance: the weights it started from, and
/// the joint cells of the margins (rows with the same category in every
/// margin), which raking scales alike at every step. Per margin, each
/// cell's category and its gain (weight over start weight) right after that
/// margin's step of the last sweep.
struct RakingCalibration {
  static constexpr std::uint32_t kNoCell = 0xffffffffu;
  std::vector<double> start_weights;
  std::vector<std::uint32_t> cell_of_row;                 ///< kNoCell for rows out of the design
  std::vector<std::size_t> categories;                    ///< per margin
  std::vector<std::vector<std::uint32_t>> cell_category;  ///< [margin][cell]
  std::vector<std::vector<double>> cell_step_gain;        ///< [margin][cell]
  std::size_t cells() const { return cell_of_row.empty() ? 0 : cell_category[0].size(); }
  bool empty() const { return categories.empty(); }
};

/// A survey cells file's sums of a variable y, per row, over the records
/// the row stands for where y is present: the count and sum of y, and with
/// the records' weights (before any raking) sum w, w y, w^2, w^2 y, w^2 y^2.
/// They are what svymean's estimate and linearized variance follow from;
/// the unweighted ones serve the raking residuals.
struct RowSums {
  std::vector<double> n, y, w, wy, w2, w2y, w2y2;
  /// Σwy², for a mean's record-level spread (the territorial funnels);
  /// empty when the cells do not carry it.
  std::vector<double> wy2;
  bool empty() const { return n.empty(); }
  void resize(std::size_t rows) {
    for (auto* v : {&n, &y, &w, &wy, &w2, &w2y, &w2y2, &wy2}) v->assign(rows, 0.0);
  }
};

/// What an estimate reads: per row a value (NaN: missing) that every
/// record the row stands for shares (microdata; a cells file's key), or a
/// cells file's per-row sums.
class Variable {
 public:
  Variable(const std::vector<double>& values) : values_(&values) {}
  Variable(const RowSums& sums) : sums_(&sums) {}
  const std::vector<double>* values() const { return values_; }
  const RowSums* sums() const { return sums_; }

 private:
  const std::vector<double>* values_ = nullptr;
  const RowSums* sums_ = nullptr;
};

/// A variable's sums over one row's records where it is present, with the
/// design's (final) weights.
struct Moments {
  double n = 0, y = 0, w = 0, wy = 0, w2 = 0, w2y = 0, w2y2 = 0;
  double wy2 = 0;  ///< NaN when the cells do not carry it
};

class Design {
 public:
  /// `weights`: one per row, NaN for a row out of the design; empty for an
  /// unweighted design. `rows`: the number of rows.
  Design(std::vector<double> weights, std::size_t rows);
  Design(std::vector<double> weights, std::size_t rows, RakingCalibration calibration);
  /// An unweighted design of which only `rows` rows are held (a filter's
  /// rows, compacted so that estimates touch nothing else); the other rows,
  /// up to `design_rows`, are in no domain but count in n/(n-1), as svyby
  /// on a subset of a design keeps them.
  /// With `frequencies` (of the held rows; must outlive the design), rows
  /// and design_rows count records.
  static Design unweighted_subset(std::size_t rows, std::uint64_t design_rows,
                                  const std::vector<std::uint64_t>* frequencies = nullptr);

  /// A survey cells file's design: row r stands for `frequencies[r]` records
  /// (must outlive the design) whose weights sum to `sum_w[r]` (NaN: out of
  /// the design) and their squares to `sum_w2[r]`; `weighted`: whether the
  /// records had weights (else both sums are the count). With a
  /// `calibration` from raking the rows' `sum_w`, `weights` are the raked
  /// sums and every record of a row is scaled alike.
  static Design cells(const std::vector<std::uint64_t>* frequencies, std::vector<double> sum_w,
                      std::vector<double> sum_w2, bool weighted,
                      RakingCalibration calibration = {});

  /// Each row stands for `frequencies[row]` identical rows (a feedback cells file);
  /// null: one each. The vector must outlive the design. Not with raking.
  void set_frequencies(const std::vector<std::uint64_t>* frequencies) {
    frequencies_ = frequencies && !frequencies->empty() ? frequencies : nullptr;
  }
  std::uint64_t frequency(std::size_t row) const { return frequencies_ ? (*frequencies_)[row] : 1; }

  bool weighted() const { return cells_ ? cells_weighted_ : !weights_.empty(); }
  bool calibrated() const { return !calibration_.empty(); }
  bool from_cells() const { return cells_; }
  std::size_t rows() const { return rows_; }
  /// A record's weight (NaN: out of the design); for cells, the row's sum.
  double weight(std::size_t row) const { return weights_.empty() ? 1.0 : weights_[row]; }
  bool in_design(std::size_t row) const { return !std::isnan(weight(row)); }
  const std::vector<double>& weights() const { return weights_; }
  /// Records in the design (sum of frequencies over rows with a weight).
  std::uint64_t design_records() const;
  /// Sum of weights and of squared weights over the design's records.
  double weight_total() const;
  double weight_squares_total() const;

  /// `v`'s sums over one row's records where it is present.
  Moments moments(const Variable& v, std::size_t row) const;
  /// A row's weight over its start weight (1 unless raked): a cells row's
  /// weighted sums scale by it, its squared ones by its square.
  double gain(std::size_t row) const;
  /// Records where `v` is present in the domain (`design_only`: only rows
  /// in the design), and the unweighted sum of v over them (for 0/1 values:
  /// the records at 1).
  struct Tally {
    double records = 0, sum = 0;
  };
  Tally tally(const Variable& v, const std::vector<char>& domain, bool design_only) const;

  /// Mean of y (NaN = missing) over the rows where `domain` is non-zero
  /// (empty: every row), as svymean / svyby(svymean).
  Estimate mean(const Variable& y, const std::vector<char>& domain = {}) const;
  /// svyby in one pass: the mean (or, with `share`, the share of 1s) of y
  /// in each group of `codes` (`kNoGroup`: in none) among the rows where
  /// `restrict` is set (empty: all), and in the rest of the grouped rows.
  static constexpr std::uint32_t kNoGroup = 0xffffffffu;
  struct GroupEstimates {
    std::vector<Estimate> in, rest;
  };
  GroupEstimates group_estimates(const Variable& y, const std::vector<std::uint32_t>& codes,
                                 std::size_t groups, const std::vector<char>& restrict,
                                 bool share) const;

  /// Share of rows with indicator 1 among those with 0 or 1 (NaN = missing):
  /// Wilson interval unweighted, Korn-Graubard weighted (svyciprop "beta").
  Estimate share(const Variable& indicator, const std::vector<char>& domain = {}) const;

 private:
  Estimate domain_mean(const Variable& y, const std::vector<char>& domain) const;
  /// The method of a mean; a share's method and interval (`domain_rows`:
  /// the records of its domain, y present or not; none for the whole design).
  void finish_mean(Estimate& e) const;
  void finish_share(Estimate& e, std::optional<std::uint64_t> domain_rows) const;
  double calibrated_variance(const Variable& y, const std::vector<char>& domain, double mean,
                             double sum_w) const;
  struct CellDeviations {  ///< an estimate's sums per joint cell of the raking margins
    explicit CellDeviations(std::size_t cells) : deviation(cells, 0.0), cross(cells, 0.0) {}
    std::vector<double> deviation, cross;
  };
  double residualized_variance(const CellDeviations& d, double in_domain_total,
                               double own_squares) const;
  GroupEstimates calibrated_group_estimates(const Variable& y,
                                            const std::vector<std::uint32_t>& codes,
                                            std::size_t groups, const std::vector<char>& restrict,
                                            bool share) const;
  /// Sum of the weights the raking started from over a row's records, and of their squares.
  double start_sum(std::size_t row) const;
  double start_sum2(std::size_t row) const;
  void sum_calibration_cells();
  struct CalibrationSums {  ///< per joint cell of the raking margins
    std::vector<double> records, start_sum, start_sum2;
    double design_records = 0;
  };
  std::vector<double> weights_;
  std::size_t rows_;
  RakingCalibration calibration_;
  CalibrationSums calibration_sums_;
  bool cells_ = false, cells_weighted_ = false;
  std::vector<double> cell_sum_w2_;  ///< cells: per row, sum of squared weights before raking
  std::uint64_t rows_outside_ = 0;   ///< design rows not held (unweighted_subset)
  const std::vector<std::uint64_t>* frequencies_ = nullptr;
};

// Inline: they run once per row in every estimate's loop (a call per row,
// its eight sums returned through memory, was a fifth of a dashboard
// filter's time in WebAssembly).
inline double Design::gain(std::size_t row) const {
  return calibrated() ? weights_[row] / calibration_.start_weights[row] : 1.0;
}

[[gnu::always_inline]] inline Moments Design::moments(const Variable& v, std::size_t row) const {
  const double w = weight(row);
  if (std::isnan(w)) return {};
  const double k = static_cast<double>(frequency(row));
  if (const std::vector<double>* values = v.values()) {
    const double y = (*values)[row];
    if (std::isnan(y)) return {};
    if (!cells_)
      return {
          k, k * y, k * w, k * w * y, k * w * w, k * w * w * y, k * w * w * y * y, k * w * y * y};
    const double g = gain(row);
    const double w2 = g * g * cell_sum_w2_[row];
    return {k, k * y, w, w * y, w2, w2 * y, w2 * y * y, w * y * y};
  }
  const RowSums& s = *v.sums();
  const double g = gain(row), g2 = g * g;
  return {s.n[row],       s.y[row],        g * s.w[row],     g * s.wy[row],
          g2 * s.w2[row], g2 * s.w2y[row], g2 * s.w2y2[row], s.wy2.empty() ? kNaN : g * s.wy2[row]};
}

/// A difference of two independent domain estimates (svycontrast on svyby,
/// whose domains have zero covariance), with a two-sided Wald z test.
struct Difference {
  double value = kNaN, se = kNaN, z = kNaN, p = kNaN;
};
Difference difference(const Estimate& a, const Estimate& b);

/// Two-sided p-value of a standard normal statistic: 2 * pnorm(-|z|).
double normal_p_value(double z);

/// Weighted Pearson correlation over rows where x, y and the weight are
/// all present (cov.wt(cor = TRUE) with those weights), with the pairs counted.
struct Correlation {
  double r = kNaN;
  std::uint64_t n = 0;
};
Correlation correlation(const std::vector<double>& x, const std::vector<double>& y,
                        const std::vector<double>& weights);

}  // namespace ascolto::stats
