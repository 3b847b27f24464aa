#include "stats/design.hpp"

#include <cmath>

namespace ascolto::stats {

namespace {

bool in_domain(const std::vector<char>& domain, std::size_t row) {
  return domain.empty() || domain[row] != 0;
}

// n/(n-1) * sum (x - mean x)^2 over the design rows; with a raking
// calibration, each estimating function is first replaced by its residual
// on the margins, as survey:::svyrecvar does (ten passes over the margins).
double design_variance(std::vector<double> x, const std::vector<std::size_t>& design_rows,
                       const RakingCalibration& calibration) {
  const std::size_t n = design_rows.size();
  if (n < 2) return kNaN;
  for (int pass = 0; pass < 10; ++pass) {
    for (std::size_t m = 0; m < calibration.margin_codes.size(); ++m) {
      const auto& codes = calibration.margin_codes[m];
      const auto& psw = calibration.step_weights[m];
      std::vector<double> sum;
      std::vector<std::uint64_t> count;
      for (std::size_t k = 0; k < n; ++k) {
        const std::size_t row = design_rows[k];
        const std::uint32_t c = codes[row];
        if (c >= sum.size()) {
          sum.resize(c + 1, 0.0);
          count.resize(c + 1, 0);
        }
        sum[c] += x[k] / psw[row];
        ++count[c];
      }
      for (std::size_t k = 0; k < n; ++k) {
        const std::size_t row = design_rows[k];
        const std::uint32_t c = codes[row];
        x[k] -= psw[row] * sum[c] / static_cast<double>(count[c]);
      }
    }
  }
  double mean = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(n);
  double squares = 0;
  for (double v : x) squares += (v - mean) * (v - mean);
  const double dn = static_cast<double>(n);
  return dn / (dn - 1) * squares;
}

}  // namespace

Design::Design(std::vector<double> weights, std::size_t rows)
    : weights_(std::move(weights)), rows_(rows) {}

Design::Design(std::vector<double> weights, std::size_t rows, RakingCalibration calibration)
    : weights_(std::move(weights)), rows_(rows), calibration_(std::move(calibration)) {}

Design Design::unweighted_subset(std::size_t rows, std::uint64_t design_rows,
                                 const std::vector<std::uint64_t>* frequencies) {
  Design d({}, rows);
  d.set_frequencies(frequencies);
  std::uint64_t held = 0;
  for (std::size_t row = 0; row < rows; ++row) held += d.frequency(row);
  d.rows_outside_ = design_rows > held ? design_rows - held : 0;
  return d;
}

Estimate Design::mean(const std::vector<double>& y, const std::vector<char>& domain) const {
  Estimate e = domain_mean(y, domain);
  e.method = calibrated()
                 ? "weighted mean, linearized se after raking (survey::rake), normal interval"
             : weighted() ? "weighted mean, linearized se, normal interval"
                          : "mean, linearized se, normal interval";
  return e;
}

Estimate Design::share(const std::vector<double>& indicator,
                       const std::vector<char>& domain) const {
  Estimate e = domain_mean(indicator, domain);
  if (e.n == 0) return e;
  if (weighted()) {
    e.method = calibrated() ? "weighted share, linearized se after raking, Korn-Graubard interval"
                            : "weighted share, linearized se, Korn-Graubard interval";
    // svyciprop on a subset of a raked design: the subset keeps every row
    // (nrow) but its degrees of freedom are those of the domain's rows.
    double factor = 1;
    if (calibrated() && !domain.empty()) {
      std::uint64_t design_rows = 0, domain_rows = 0;
      for (std::size_t row = 0; row < rows_; ++row) {
        if (std::isnan(weight(row))) continue;
        ++design_rows;
        domain_rows += domain[row] != 0;
      }
      if (domain_rows >= 2 && domain_rows < design_rows) {
        const double ratio = t_quantile_975(static_cast<double>(design_rows - 1)) /
                             t_quantile_975(static_cast<double>(domain_rows - 1));
        factor = ratio * ratio;
      }
    }
    korn_graubard_interval(e.value, e.se * e.se, e.ci_low, e.ci_high, factor);
  } else {
    e.method = "share, Wilson score interval";
    const double n = static_cast<double>(e.n);
    wilson_interval(e.value * n, n, e.ci_low, e.ci_high);
  }
  return e;
}

// The domain's estimating functions over every row of the design (zero
// outside the domain and where y is missing), as svymean(na.rm = TRUE) and
// svyby do: the n in n/(n-1) is the design's, not the domain's.
Estimate Design::domain_mean(const std::vector<double>& y, const std::vector<char>& domain) const {
  Estimate e;
  std::uint64_t design_rows = rows_outside_;
  double sum_w = 0, sum_w2 = 0, sum_wy = 0;
  for (std::size_t row = 0; row < rows_; ++row) {
    const double w = weight(row);
    if (std::isnan(w)) continue;
    const std::uint64_t count = frequency(row);
    const double k = static_cast<double>(count);
    design_rows += count;
    if (!in_domain(domain, row) || std::isnan(y[row])) continue;
    e.n += count;
    sum_w += k * w;
    sum_w2 += k * w * w;
    sum_wy += k * w * y[row];
  }
  if (e.n == 0 || sum_w <= 0) return e;
  e.value = sum_wy / sum_w;
  e.n_eff = sum_w * sum_w / sum_w2;
  double variance = kNaN;
  if (calibrated()) {
    std::vector<std::size_t> rows_in_design;
    rows_in_design.reserve(design_rows);
    std::vector<double> x;
    x.reserve(design_rows);
    for (std::size_t row = 0; row < rows_; ++row) {
      if (std::isnan(weight(row))) continue;
      rows_in_design.push_back(row);
      const bool in = in_domain(domain, row) && !std::isnan(y[row]);
      x.push_back(in ? weight(row) * (y[row] - e.value) / sum_w : 0.0);
    }
    variance = design_variance(std::move(x), rows_in_design, calibration_);
  } else if (design_rows >= 2) {
    // The estimating functions sum to zero, so their centring drops out.
    double squares = 0;
    for (std::size_t row = 0; row < rows_; ++row) {
      const double w = weight(row);
      if (std::isnan(w) || !in_domain(domain, row) || std::isnan(y[row])) continue;
      const double d = w * (y[row] - e.value);
      squares += static_cast<double>(frequency(row)) * d * d;
    }
    const double n = static_cast<double>(design_rows);
    variance = n / (n - 1) * squares / (sum_w * sum_w);
  }
  e.se = std::sqrt(variance);
  e.ci_low = e.value - kZ95 * e.se;
  e.ci_high = e.value + kZ95 * e.se;
  return e;
}

Design::GroupEstimates Design::group_estimates(const std::vector<double>& y,
                                               const std::vector<std::uint32_t>& codes,
                                               std::size_t groups,
                                               const std::vector<char>& restrict,
                                               bool share) const {
  GroupEstimates out;
  if (calibrated()) {  // residualized variances: one domain at a time
    for (std::uint32_t g = 0; g < groups; ++g) {
      std::vector<char> in(rows_, 0), rest(rows_, 0);
      for (std::size_t row = 0; row < rows_; ++row) {
        if (!in_domain(restrict, row) || codes[row] == kNoGroup) continue;
        (codes[row] == g ? in : rest)[row] = 1;
      }
      out.in.push_back(share ? this->share(y, in) : mean(y, in));
      out.rest.push_back(share ? this->share(y, rest) : mean(y, rest));
    }
    return out;
  }
  // Sums per group; the rest is the total minus the group (ratings and 0/1
  // values are bounded, so the expanded variance is exact to rounding).
  std::vector<MeanSums> sums(groups);
  std::uint64_t design_rows = rows_outside_;
  for (std::size_t row = 0; row < rows_; ++row) {
    const double w = weight(row);
    if (std::isnan(w)) continue;
    const std::uint64_t count = frequency(row);
    design_rows += count;
    if (!in_domain(restrict, row) || codes[row] == kNoGroup || std::isnan(y[row])) continue;
    sums[codes[row]].add(w, y[row], count);
  }
  MeanSums total;
  for (const MeanSums& g : sums) total.merge(g);
  auto to_estimate = [&](const MeanSums& m) {
    if (!share) return mean_from_sums(m, weighted(), design_rows);
    ShareSums s;  // for 0/1 values, sum w y = sum w over the 1s (and y^2 = y)
    s.n = m.n;
    s.w = m.w;
    s.w2 = m.w2;
    s.w_in = m.wy;
    s.w2_in = m.w2y;
    return share_from_sums(s, weighted(), design_rows);
  };
  for (const MeanSums& g : sums) {
    out.in.push_back(to_estimate(g));
    out.rest.push_back(to_estimate(total.minus(g)));
  }
  return out;
}

double normal_p_value(double z) {
  return std::erfc(std::fabs(z) / std::sqrt(2.0));
}

Difference difference(const Estimate& a, const Estimate& b) {
  Difference d;
  d.value = a.value - b.value;
  d.se = std::sqrt(a.se * a.se + b.se * b.se);
  if (d.se > 0) {
    d.z = d.value / d.se;
    d.p = normal_p_value(d.z);
  }
  return d;
}

Correlation correlation(const std::vector<double>& x, const std::vector<double>& y,
                        const std::vector<double>& weights) {
  Correlation out;
  double sw = 0, sx = 0, sy = 0;
  auto usable = [&](std::size_t i, double& w) {
    w = weights.empty() ? 1.0 : weights[i];
    return !std::isnan(x[i]) && !std::isnan(y[i]) && !std::isnan(w);
  };
  for (std::size_t i = 0; i < x.size(); ++i) {
    double w;
    if (!usable(i, w)) continue;
    ++out.n;
    sw += w;
    sx += w * x[i];
    sy += w * y[i];
  }
  if (out.n < 3 || sw <= 0) return out;
  const double mx = sx / sw, my = sy / sw;
  double sxy = 0, sxx = 0, syy = 0;  // second pass: no cancellation
  for (std::size_t i = 0; i < x.size(); ++i) {
    double w;
    if (!usable(i, w)) continue;
    sxy += w * (x[i] - mx) * (y[i] - my);
    sxx += w * (x[i] - mx) * (x[i] - mx);
    syy += w * (y[i] - my) * (y[i] - my);
  }
  if (sxx > 0 && syy > 0) out.r = sxy / std::sqrt(sxx * syy);
  return out;
}

double kish_design_effect(const std::vector<double>& weights) {
  double n = 0, sw = 0, sw2 = 0;
  for (double w : weights) {
    if (std::isnan(w)) continue;
    ++n;
    sw += w;
    sw2 += w * w;
  }
  return sw > 0 ? n * sw2 / (sw * sw) : kNaN;
}

}  // namespace ascolto::stats
