#include "stats/funnel.hpp"

#include <algorithm>
#include <cmath>

namespace ascolto::stats {

namespace {

// Regularized lower incomplete gamma P(a, x) by its series (x < a + 1).
double gamma_series(double a, double x) {
  double term = 1 / a, sum = term;
  for (int k = 1; k < 1000; ++k) {
    term *= x / (a + k);
    sum += term;
    if (std::fabs(term) < std::fabs(sum) * 1e-16) break;
  }
  return sum * std::exp(-x + a * std::log(x) - std::lgamma(a));
}

// Regularized upper incomplete gamma Q(a, x) by its continued fraction
// (x >= a + 1; Lentz's method).
double gamma_continued_fraction(double a, double x) {
  constexpr double tiny = 1e-300;
  double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
  for (int i = 1; i < 1000; ++i) {
    const double an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (std::fabs(d) < tiny) d = tiny;
    c = b + an / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < 1e-16) break;
  }
  return std::exp(-x + a * std::log(x) - std::lgamma(a)) * h;
}

}  // namespace

const char* overdispersion_name(Overdispersion method) {
  switch (method) {
    case Overdispersion::none:
      return "none";
    case Overdispersion::multiplicative:
      return "multiplicative";
    case Overdispersion::additive:
      return "additive";
  }
  return "none";
}

double chi_square_upper(double x, double df) {
  if (!(df > 0) || std::isnan(x)) return kNaN;
  if (x <= 0) return 1;
  const double a = df / 2, half = x / 2;
  return half < a + 1 ? 1 - gamma_series(a, half) : gamma_continued_fraction(a, half);
}

double quantile_type7(const std::vector<double>& sorted, double probability) {
  if (sorted.empty()) return kNaN;
  const double h = (static_cast<double>(sorted.size()) - 1) * probability;
  const auto low = static_cast<std::size_t>(std::floor(h));
  const std::size_t high = std::min(low + 1, sorted.size() - 1);
  return sorted[low] + (h - static_cast<double>(low)) * (sorted[high] - sorted[low]);
}

double FunnelResult::se_at(double n) const {
  if (!(n >= 1)) return kNaN;
  return share ? std::sqrt(target * (1 - target) / n) : sd / std::sqrt(n);
}

double FunnelResult::half_width(double n, double z) const {
  const double se = se_at(n);
  if (!adjusted) return z * se;
  if (method == Overdispersion::multiplicative) return z * std::sqrt(phi) * se;
  return z * std::sqrt(se * se + tau * tau);
}

FunnelResult funnel(const FunnelInput& input) {
  FunnelResult out;
  out.target = input.target;
  out.sd = input.sd;
  out.share = input.share;
  out.units.resize(input.units.size());
  std::vector<double> z_scores, weights;
  for (std::size_t i = 0; i < input.units.size(); ++i) {
    const FunnelUnit& unit = input.units[i];
    FunnelUnitResult& r = out.units[i];
    r.se = out.se_at(unit.size);
    if (std::isnan(unit.value) || !(r.se > 0)) continue;
    r.z = (unit.value - input.target) / r.se;
    z_scores.push_back(r.z);
    weights.push_back(1 / (r.se * r.se));
  }
  const auto count = static_cast<double>(z_scores.size());
  if (z_scores.size() >= 2) {
    std::vector<double> sorted = z_scores;
    std::sort(sorted.begin(), sorted.end());
    const double low = quantile_type7(sorted, input.winsorize);
    const double high = quantile_type7(sorted, 1 - input.winsorize);
    double sum_squares = 0;
    for (double z : z_scores) {
      const double w = std::clamp(z, low, high);
      sum_squares += w * w;
    }
    out.phi = sum_squares / count;
    out.chi_square = count * out.phi;
    out.p_value = chi_square_upper(out.chi_square, count - 1);
    out.tau = 0;
    if (out.chi_square > count - 1) {
      double sum_w = 0, sum_w2 = 0;
      for (double w : weights) {
        sum_w += w;
        sum_w2 += w * w;
      }
      out.tau = std::sqrt((out.chi_square - (count - 1)) / (sum_w - sum_w2 / sum_w));
    }
    out.adjusted = input.method != Overdispersion::none && z_scores.size() >= input.min_units &&
                   out.p_value < input.test_level && out.phi > 1;
  }
  out.method = out.adjusted ? input.method : Overdispersion::none;
  for (std::size_t i = 0; i < input.units.size(); ++i) {
    FunnelUnitResult& r = out.units[i];
    if (std::isnan(r.z)) continue;
    const double deviation = input.units[i].value - input.target;
    r.z_adjusted = deviation / (out.half_width(input.units[i].size, 1.0));
    const double a = std::fabs(r.z_adjusted);
    const int sign = deviation > 0 ? 1 : -1;
    r.band = a > kZ998 ? 2 * sign : a > kZ95 ? sign : 0;
  }
  return out;
}

}  // namespace ascolto::stats
