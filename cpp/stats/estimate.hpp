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
struct Sample {
  std::vector<double> values;
  std::vector<double> weights;
};

/// Mean with the standard error by linearization, as
/// survey::svymean(~y, svydesign(ids = ~1, weights = ~w)):
///   var = n/(n-1) * sum(w_i^2 (y_i - mean)^2) / (sum w)^2,
/// and a normal 95% interval, as confint() gives. Unweighted, this is s/sqrt(n).
Estimate mean(const Sample& sample);

/// Share of the sample whose value satisfies `in_group`, with the same
/// linearized standard error (svymean of the 0/1 indicator). Interval:
/// Wilson score when unweighted (prop.test(x, n, correct = FALSE)),
/// Korn-Graubard when weighted (svyciprop(method = "beta")).
template <typename Predicate>
Estimate share(const Sample& sample, Predicate in_group);

/// Share of a 0/1 indicator sample (the implementation of share()).
Estimate share_of_indicator(const Sample& indicator);

/// Wilson score interval for x successes in n trials.
void wilson_interval(double successes, double n, double& low, double& high);

/// Korn-Graubard (Clopper-Pearson with the effective sample size) interval
/// for a proportion p with variance var: survey::svyciprop(method = "beta").
void korn_graubard_interval(double p, double variance, double& low, double& high);

/// Regularized incomplete beta I_x(a, b), and its inverse (R's pbeta/qbeta).
double incomplete_beta(double a, double b, double x);
double inverse_incomplete_beta(double a, double b, double probability);

template <typename Predicate>
Estimate share(const Sample& sample, Predicate in_group) {
  Sample indicator;
  indicator.values.reserve(sample.values.size());
  for (double v : sample.values) indicator.values.push_back(v != v ? v : (in_group(v) ? 1.0 : 0.0));
  indicator.weights = sample.weights;
  return share_of_indicator(indicator);
}

}  // namespace ascolto::stats
