// Estimates over a survey design with ids = ~1: weights (or none), and
// optionally a calibration by raking. Domain estimates (a group, a wave,
// the rows where an item is answered) follow svymean(na.rm = TRUE) and
// svyby: the other rows stay in the design with a zero estimating
// function; on a raked design the estimating functions are residualized on
// the raking margins, as survey:::svyrecvar does.
#pragma once

#include <cstdint>
#include <vector>

#include "stats/estimate.hpp"

namespace ascolto::stats {

/// What raking leaves for the variance: per margin, each row's category
/// and the row weights right after that margin's step of the last sweep.
struct RakingCalibration {
  std::vector<std::vector<std::uint32_t>> margin_codes;
  std::vector<std::vector<double>> step_weights;
  bool empty() const { return margin_codes.empty(); }
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

  /// Each row stands for `frequencies[row]` identical rows (a cells file);
  /// null: one each. The vector must outlive the design. Not with raking.
  void set_frequencies(const std::vector<std::uint64_t>* frequencies) {
    frequencies_ = frequencies && !frequencies->empty() ? frequencies : nullptr;
  }
  std::uint64_t frequency(std::size_t row) const { return frequencies_ ? (*frequencies_)[row] : 1; }

  bool weighted() const { return !weights_.empty(); }
  bool calibrated() const { return !calibration_.empty(); }
  std::size_t rows() const { return rows_; }
  double weight(std::size_t row) const { return weights_.empty() ? 1.0 : weights_[row]; }
  const std::vector<double>& weights() const { return weights_; }

  /// Mean of y (NaN = missing) over the rows where `domain` is non-zero
  /// (empty: every row), as svymean / svyby(svymean).
  Estimate mean(const std::vector<double>& y, const std::vector<char>& domain = {}) const;
  /// svyby in one pass: the mean (or, with `share`, the share of 1s) of y
  /// in each group of `codes` (`kNoGroup`: in none) among the rows where
  /// `restrict` is set (empty: all), and in the rest of the grouped rows.
  static constexpr std::uint32_t kNoGroup = 0xffffffffu;
  struct GroupEstimates {
    std::vector<Estimate> in, rest;
  };
  GroupEstimates group_estimates(const std::vector<double>& y,
                                 const std::vector<std::uint32_t>& codes, std::size_t groups,
                                 const std::vector<char>& restrict, bool share) const;

  /// Share of rows with indicator 1 among those with 0 or 1 (NaN = missing):
  /// Wilson interval unweighted, Korn-Graubard weighted (svyciprop "beta").
  Estimate share(const std::vector<double>& indicator, const std::vector<char>& domain = {}) const;

 private:
  Estimate domain_mean(const std::vector<double>& y, const std::vector<char>& domain) const;
  std::vector<double> weights_;
  std::size_t rows_;
  RakingCalibration calibration_;
  std::uint64_t rows_outside_ = 0;  ///< design rows not held (unweighted_subset)
  const std::vector<std::uint64_t>* frequencies_ = nullptr;
};

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

/// Kish's design effect of unequal weights: n * sum w^2 / (sum w)^2 (NaN skipped).
double kish_design_effect(const std::vector<double>& weights);

}  // namespace ascolto::stats
