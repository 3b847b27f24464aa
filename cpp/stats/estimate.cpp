#include "stats/estimate.hpp"

#include <algorithm>
#include <cmath>

namespace ascolto::stats {

namespace {

struct WeightedMoments {
  std::uint64_t n = 0;
  double sum_w = 0, sum_w2 = 0, mean = kNaN, sum_w2_dev2 = 0;
};

// Every weight 1: the same sums as below (w*y = y, w*w = 1, adding 0 for a
// missing value changes no sum), without a branch on each value.
WeightedMoments unweighted_moments(const std::vector<double>& values) {
  WeightedMoments m;
  double sum_y = 0;
  for (const double y : values) {
    const bool present = !std::isnan(y);
    m.n += present;
    sum_y += present ? y : 0.0;
  }
  if (m.n == 0) return m;
  m.sum_w = m.sum_w2 = static_cast<double>(m.n);
  m.mean = sum_y / m.sum_w;
  for (const double y : values) {
    const double d = y - m.mean;
    m.sum_w2_dev2 += std::isnan(y) ? 0.0 : d * d;
  }
  return m;
}

// Two passes: the mean, then the squared deviations (no cancellation).
WeightedMoments moments(const Sample& s) {
  if (s.weights.empty()) return unweighted_moments(s.values);
  WeightedMoments m;
  double sum_wy = 0;
  for (std::size_t i = 0; i < s.values.size(); ++i) {
    const double y = s.values[i];
    const double w = s.weights[i];
    if (std::isnan(y) || std::isnan(w)) continue;
    ++m.n;
    m.sum_w += w;
    m.sum_w2 += w * w;
    sum_wy += w * y;
  }
  if (m.n == 0 || m.sum_w <= 0) return m;
  m.mean = sum_wy / m.sum_w;
  for (std::size_t i = 0; i < s.values.size(); ++i) {
    const double y = s.values[i];
    const double w = s.weights[i];
    if (std::isnan(y) || std::isnan(w)) continue;
    const double d = w * (y - m.mean);
    m.sum_w2_dev2 += d * d;
  }
  return m;
}

// n/(n-1) with n the rows of the design: the domain's unless told otherwise.
double design_n(std::uint64_t domain_n, std::uint64_t design_rows) {
  return static_cast<double>(design_rows > domain_n ? design_rows : domain_n);
}

double linearized_variance(const WeightedMoments& m, std::uint64_t design_rows) {
  if (m.n < 2) return kNaN;
  const double n = design_n(m.n, design_rows);
  return n / (n - 1) * m.sum_w2_dev2 / (m.sum_w * m.sum_w);
}

// Continued fraction for the incomplete beta (Lentz's method, as in
// Numerical Recipes 6.4); converges fast for x < (a+1)/(a+b+2).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300, kEpsilon = 1e-15;
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < kEpsilon) break;
  }
  return h;
}

}  // namespace

Estimate mean(const Sample& sample) {
  const WeightedMoments m = moments(sample);
  Estimate e;
  e.method = sample.weights.empty() ? "mean, linearized se, normal interval"
                                    : "weighted mean, linearized se, normal interval";
  e.n = m.n;
  if (m.n == 0) return e;
  e.value = m.mean;
  e.n_eff = m.sum_w * m.sum_w / m.sum_w2;
  const double variance = linearized_variance(m, sample.design_rows);
  e.se = std::sqrt(variance);
  e.ci_low = e.value - kZ95 * e.se;
  e.ci_high = e.value + kZ95 * e.se;
  return e;
}

Estimate mean_from_sums(const MeanSums& s, bool weighted, std::uint64_t design_rows) {
  Estimate e;
  e.method = weighted ? "weighted mean, linearized se, normal interval"
                      : "mean, linearized se, normal interval";
  e.n = s.n;
  if (s.n == 0 || s.w <= 0) return e;
  const double mean = s.wy / s.w;
  e.value = mean;
  e.n_eff = s.w * s.w / s.w2;
  if (s.n >= 2) {
    const double n = design_n(s.n, design_rows);
    const double squares = std::max(0.0, s.w2y2 - 2 * mean * s.w2y + mean * mean * s.w2);
    e.se = std::sqrt(n / (n - 1) * squares / (s.w * s.w));
    e.ci_low = mean - kZ95 * e.se;
    e.ci_high = mean + kZ95 * e.se;
  }
  return e;
}

Estimate share_from_sums(const ShareSums& s, bool weighted, std::uint64_t design_rows) {
  Estimate e;
  e.n = s.n;
  e.method = weighted ? "weighted share, linearized se, Korn-Graubard interval"
                      : "share, Wilson score interval";
  if (s.n == 0 || s.w <= 0) return e;
  const double p = s.w_in / s.w;
  e.value = p;
  e.n_eff = s.w * s.w / s.w2;
  double variance = kNaN;
  if (s.n >= 2) {
    const double n = design_n(s.n, design_rows);
    const double squares = s.w2_in * (1 - p) * (1 - p) + (s.w2 - s.w2_in) * p * p;
    variance = n / (n - 1) * squares / (s.w * s.w);
  }
  e.se = std::sqrt(variance);
  if (weighted) {
    korn_graubard_interval(p, variance, e.ci_low, e.ci_high);
  } else {
    wilson_interval(s.w_in, static_cast<double>(s.n), e.ci_low, e.ci_high);
  }
  return e;
}

void wilson_interval(double x, double n, double& low, double& high) {
  if (n <= 0) {
    low = high = kNaN;
    return;
  }
  const double p = x / n, z2 = kZ95 * kZ95;
  const double denominator = 1 + z2 / n;
  const double center = (p + z2 / (2 * n)) / denominator;
  const double half = kZ95 * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
  low = std::max(0.0, center - half);
  high = std::min(1.0, center + half);
}

double incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1) / (a + b + 2)) return front * beta_continued_fraction(a, b, x) / a;
  return 1 - front * beta_continued_fraction(b, a, 1 - x) / b;
}

double inverse_incomplete_beta(double a, double b, double probability) {
  if (probability <= 0) return 0;
  if (probability >= 1) return 1;
  // Bisection: I_x(a, b) is increasing in x; 200 halvings reach the
  // resolution of a double.
  double low = 0, high = 1;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (low + high);
    if (mid == low || mid == high) break;
    if (incomplete_beta(a, b, mid) < probability)
      low = mid;
    else
      high = mid;
  }
  return 0.5 * (low + high);
}

double t_quantile_975(double df) {
  // P(|T| > t) = I_{df / (df + t^2)}(df / 2, 1 / 2): invert at 0.05.
  const double x = inverse_incomplete_beta(df / 2, 0.5, 0.05);
  return std::sqrt(df * (1 - x) / x);
}

void korn_graubard_interval(double p, double variance, double& low, double& high,
                            double n_eff_factor) {
  // survey::svyciprop(method = "beta"): n_eff = p(1-p)/var, then the
  // Clopper-Pearson bounds with n_eff * p successes in n_eff trials.
  // (The degrees-of-freedom factor is 1 for a design with ids = ~1.)
  if (!(variance > 0)) {
    low = high = p;
    return;
  }
  const double n_eff = p * (1 - p) / variance * n_eff_factor;
  const double alpha = 0.05;
  low = p <= 0 ? 0 : inverse_incomplete_beta(n_eff * p, n_eff * (1 - p) + 1, alpha / 2);
  high = p >= 1 ? 1 : inverse_incomplete_beta(n_eff * p + 1, n_eff * (1 - p), 1 - alpha / 2);
}

}  // namespace ascolto::stats
