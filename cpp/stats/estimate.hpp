// Point estimates with their uncertainty, computed as the field's reference
// tools do (R's survey package for design-based estimates).
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

namespace ascolto::stats {

/// qnorm(0.975): the normal quantile R's confint() uses for 95% intervals.
inline constexpr double kZ95 = 1.959963984540054;

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Estimate {
  double value = kNaN;
  double se = kNaN;
  double ci_low = kNaN;
  double ci_high = kNaN;
  std::uint64_t n = 0;  ///< respondents (rows) in the base
  double n_eff = kNaN;  ///< Kish effective sample size: (sum w)^2 / sum w^2
  const char* method = "";
};

/// A sample of values with optional weights (empty = all weights 1).
/// Cells where the value or the weight is NaN are not in the sample.
/// Refers to the vectors (a column's million values are not copied).
struct Sample {
  const std::vector<double>& values;
  const std::vector<double>& weights;
  /// Rows of the design when missing values stay in it, as
  /// svymean(na.rm = TRUE) keeps them (the n of n/(n-1)); 0: the present values.
  std::uint64_t design_rows = 0;
};

/// Mean with the standard error by linearization, as
/// survey::svymean(~y, svydesign(ids = ~1, weights = ~w)):
///   var = n/(n-1) * sum(w_i^2 (y_i - mean)^2) / (sum w)^2,
/// and a normal 95% interval, as confint() gives.
Estimate mean(const Sample& sample);

/// The sums a share and its linearized variance follow from. Mergeable, so
/// a group-by or a filter accumulates them in one pass over the rows.
struct ShareSums {
  std::uint64_t n = 0;         ///< rows in the base
  double w = 0, w2 = 0;        ///< sum of weights and of squared weights
  double w_in = 0, w2_in = 0;  ///< the same over the rows in the group

  /// `count`: identical rows this one stands for (a cells file's count).
  void add(double weight, bool in_group, std::uint64_t count = 1) {
    const double k = static_cast<double>(count);
    n += count;
    w += k * weight;
    w2 += k * weight * weight;
    if (in_group) {
      w_in += k * weight;
      w2_in += k * weight * weight;
    }
  }
  void merge(const ShareSums& o) {
    n += o.n;
    w += o.w;
    w2 += o.w2;
    w_in += o.w_in;
    w2_in += o.w2_in;
  }
};

/// The sums a mean and its linearized variance follow from, mergeable like
/// ShareSums. Expanding sum w^2 (y - mean)^2 from raw sums loses precision
/// when |mean| is large against the spread, so this is for bounded scales
/// (ratings); mean() on a Sample is exact for any data.
struct MeanSums {
  std::uint64_t n = 0;
  double w = 0, w2 = 0, wy = 0, w2y = 0, w2y2 = 0;

  /// `count`: identical rows this one stands for (a cells file's count).
  void add(double weight, double y, std::uint64_t count = 1) {
    const double k = static_cast<double>(count);
    n += count;
    w += k * weight;
    w2 += k * weight * weight;
    wy += k * weight * y;
    w2y += k * weight * weight * y;
    w2y2 += k * weight * weight * y * y;
  }
  void merge(const MeanSums& o) {
    n += o.n;
    w += o.w;
    w2 += o.w2;
    wy += o.wy;
    w2y += o.w2y;
    w2y2 += o.w2y2;
  }
  MeanSums minus(const MeanSums& o) const {
    return {n - o.n, w - o.w, w2 - o.w2, wy - o.wy, w2y - o.w2y, w2y2 - o.w2y2};
  }
};

/// The same estimate as mean() from accumulated sums.
/// `design_rows` as in Sample (0: sums.n).
Estimate mean_from_sums(const MeanSums& sums, bool weighted, std::uint64_t design_rows = 0);

/// The share of the group in the base, with the standard error of
/// svymean on the 0/1 indicator:
///   var = n/(n-1) * [w2_in (1-p)^2 + (w2 - w2_in) p^2] / w^2.
/// Interval: Wilson score when unweighted (prop.test(x, n, correct = FALSE)),
/// Korn-Graubard when weighted (svyciprop(method = "beta")).
/// `design_rows` as in Sample (0: sums.n).
Estimate share_from_sums(const ShareSums& sums, bool weighted, std::uint64_t design_rows = 0);

/// Share of the sample whose value satisfies `in_group`; cells where the
/// value or the weight is NaN are not in the base.
template <typename Predicate>
Estimate share(const Sample& sample, Predicate in_group);

/// Wilson score interval for x successes in n trials.
void wilson_interval(double successes, double n, double& low, double& high);

/// Korn-Graubard (Clopper-Pearson with the effective sample size) interval
/// for a proportion p with variance var: survey::svyciprop(method = "beta").
/// `n_eff_factor` scales the effective sample size as svyciprop does with
/// (qt(0.025, nrow - 1) / qt(0.025, degf))^2; 1 for a design with ids = ~1.
void korn_graubard_interval(double p, double variance, double& low, double& high,
                            double n_eff_factor = 1);

/// Student's t quantile qt(0.975, df).
double t_quantile_975(double df);

/// Regularized incomplete beta I_x(a, b), and its inverse (R's pbeta/qbeta).
double incomplete_beta(double a, double b, double x);
double inverse_incomplete_beta(double a, double b, double probability);

template <typename Predicate>
Estimate share(const Sample& sample, Predicate in_group) {
  ShareSums sums;
  const bool weighted = !sample.weights.empty();
  for (std::size_t i = 0; i < sample.values.size(); ++i) {
    const double v = sample.values[i];
    const double w = weighted ? sample.weights[i] : 1.0;
    if (v != v || w != w) continue;  // NaN: not in the base
    sums.add(w, in_group(v));
  }
  return share_from_sums(sums, weighted);
}

}  // namespace ascolto::stats
