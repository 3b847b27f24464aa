#include "stats/design.hpp"

#include <algorithm>
#include <cmath>

namespace ascolto::stats {

namespace {

// A row's count rounded to a whole number, as llround does. Counts are
// whole already (a row's frequency, a cell's n), and llround is a call into
// libc in WebAssembly: per row of a 1M-row filter, 9% of its time.
std::uint64_t rounded_count(double n) {
  if (n >= 0 && n < 0x1p63) {
    const auto whole = static_cast<std::uint64_t>(n);
    if (static_cast<double>(whole) == n) return whole;
  }
  return static_cast<std::uint64_t>(std::llround(n));
}

bool in_domain(const std::vector<char>& domain, std::size_t row) {
  return domain.empty() || domain[row] != 0;
}

}  // namespace

Design::Design(std::vector<double> weights, std::size_t rows)
    : weights_(std::move(weights)), rows_(rows) {}

Design::Design(std::vector<double> weights, std::size_t rows, RakingCalibration calibration)
    : weights_(std::move(weights)), rows_(rows), calibration_(std::move(calibration)) {
  if (calibrated()) sum_calibration_cells();
}

Design Design::cells(const std::vector<std::uint64_t>* frequencies, std::vector<double> sum_w,
                     std::vector<double> sum_w2, bool weighted, RakingCalibration calibration) {
  const std::size_t rows = sum_w.size();
  Design d(std::move(sum_w), rows, std::move(calibration));
  d.cells_ = true;
  d.cells_weighted_ = weighted;
  d.cell_sum_w2_ = std::move(sum_w2);
  d.set_frequencies(frequencies);
  if (d.calibrated()) d.sum_calibration_cells();  // again, with the frequencies and sums
  return d;
}

Design Design::unweighted_subset(std::size_t rows, std::uint64_t design_rows,
                                 const std::vector<std::uint64_t>* frequencies) {
  Design d({}, rows);
  d.set_frequencies(frequencies);
  std::uint64_t held = 0;
  for (std::size_t row = 0; row < rows; ++row) held += d.frequency(row);
  d.rows_outside_ = design_rows > held ? design_rows - held : 0;
  return d;
}

std::uint64_t Design::design_records() const {
  std::uint64_t out = rows_outside_;
  for (std::size_t row = 0; row < rows_; ++row)
    if (in_design(row)) out += frequency(row);
  return out;
}

// Every record of a row is scaled alike by raking.
double Design::weight_total() const {
  double out = 0;
  for (std::size_t row = 0; row < rows_; ++row)
    if (in_design(row)) out += cells_ ? weights_[row] : frequency(row) * weight(row);
  return out;
}

double Design::weight_squares_total() const {
  double out = 0;
  for (std::size_t row = 0; row < rows_; ++row) {
    if (!in_design(row)) continue;
    const double g = cells_ ? gain(row) : 1.0;
    out += cells_ ? g * g * cell_sum_w2_[row] : frequency(row) * weight(row) * weight(row);
  }
  return out;
}

Design::Tally Design::tally(const Variable& v, const std::vector<char>& domain,
                            bool design_only) const {
  Tally out;
  for (std::size_t row = 0; row < rows_; ++row) {
    if (!in_domain(domain, row) || (design_only && !in_design(row))) continue;
    if (const std::vector<double>* values = v.values()) {
      const double y = (*values)[row];
      if (std::isnan(y)) continue;
      const double k = static_cast<double>(frequency(row));
      out.records += k;
      out.sum += k * y;
    } else {
      out.records += v.sums()->n[row];
      out.sum += v.sums()->y[row];
    }
  }
  return out;
}

double Design::start_sum(std::size_t row) const {
  const double s = calibration_.start_weights[row];
  return cells_ ? s : static_cast<double>(frequency(row)) * s;
}

double Design::start_sum2(std::size_t row) const {
  const double s = calibration_.start_weights[row];
  return cells_ ? cell_sum_w2_[row] : static_cast<double>(frequency(row)) * s * s;
}

Estimate Design::mean(const Variable& y, const std::vector<char>& domain) const {
  Estimate e = domain_mean(y, domain);
  finish_mean(e);
  return e;
}

void Design::finish_mean(Estimate& e) const {
  e.method = calibrated()
                 ? "weighted mean, linearized se after raking (survey::rake), normal interval"
             : weighted() ? "weighted mean, linearized se, normal interval"
                          : "mean, linearized se, normal interval";
}

Estimate Design::share(const Variable& indicator, const std::vector<char>& domain) const {
  Estimate e = domain_mean(indicator, domain);
  std::uint64_t domain_rows = 0;
  if (calibrated() && !domain.empty())
    for (std::size_t row = 0; row < rows_; ++row)
      if (in_design(row) && domain[row] != 0) domain_rows += frequency(row);
  finish_share(e, domain.empty() ? std::nullopt : std::optional<std::uint64_t>(domain_rows));
  return e;
}

void Design::finish_share(Estimate& e, std::optional<std::uint64_t> domain_rows) const {
  if (e.n == 0) return;
  if (weighted()) {
    e.method = calibrated() ? "weighted share, linearized se after raking, Korn-Graubard interval"
                            : "weighted share, linearized se, Korn-Graubard interval";
    // svyciprop on a subset of a raked design: the subset keeps every row
    // (nrow) but its degrees of freedom are those of the domain's rows.
    double factor = 1;
    if (calibrated() && domain_rows) {
      const auto design_rows = static_cast<std::uint64_t>(calibration_sums_.design_records);
      if (*domain_rows >= 2 && *domain_rows < design_rows) {
        const double ratio = t_quantile_975(static_cast<double>(design_rows - 1)) /
                             t_quantile_975(static_cast<double>(*domain_rows - 1));
        factor = ratio * ratio;
      }
    }
    korn_graubard_interval(e.value, e.se * e.se, e.ci_low, e.ci_high, factor);
  } else {
    e.method = "share, Wilson score interval";
    const double n = static_cast<double>(e.n);
    wilson_interval(e.value * n, n, e.ci_low, e.ci_high);
  }
}

namespace {

// Sum of w^2 (y - mean)^2 over a row's records: exact for a value every
// record shares, expanded from the sums for a cells file's variable.
double squared_deviations(const Variable& v, const Moments& m, double mean, std::size_t row,
                          double weight, double k, bool cells) {
  if (const std::vector<double>* values = v.values()) {
    const double y = (*values)[row];
    if (cells) return m.w2 * (y - mean) * (y - mean);
    const double d = weight * (y - mean);
    return k * d * d;
  }
  return m.w2y2 - 2 * mean * m.w2y + mean * mean * m.w2;
}

}  // namespace

// The domain's estimating functions over every record of the design (zero
// outside the domain and where y is missing), as svymean(na.rm = TRUE) and
// svyby do: the n in n/(n-1) is the design's, not the domain's.
Estimate Design::domain_mean(const Variable& y, const std::vector<char>& domain) const {
  Estimate e;
  std::uint64_t design_rows = rows_outside_;
  double n = 0, sum_w = 0, sum_w2 = 0, sum_wy = 0;
  for (std::size_t row = 0; row < rows_; ++row) {
    if (!in_design(row)) continue;
    design_rows += frequency(row);
    if (!in_domain(domain, row)) continue;
    const Moments m = moments(y, row);
    n += m.n;
    sum_w += m.w;
    sum_w2 += m.w2;
    sum_wy += m.wy;
  }
  e.n = static_cast<std::uint64_t>(std::llround(n));
  if (e.n == 0 || sum_w <= 0) return e;
  e.value = sum_wy / sum_w;
  e.n_eff = sum_w * sum_w / sum_w2;
  double variance = kNaN;
  if (calibrated()) {
    variance = calibrated_variance(y, domain, e.value, sum_w);
  } else if (design_rows >= 2) {
    // The estimating functions sum to zero, so their centring drops out.
    double squares = 0;
    for (std::size_t row = 0; row < rows_; ++row) {
      const double w = weight(row);
      if (std::isnan(w) || !in_domain(domain, row)) continue;
      const Moments m = moments(y, row);
      if (m.n == 0) continue;
      squares +=
          squared_deviations(y, m, e.value, row, w, static_cast<double>(frequency(row)), cells_);
    }
    const double dn = static_cast<double>(design_rows);
    variance = dn / (dn - 1) * squares / (sum_w * sum_w);
  }
  e.se = std::sqrt(variance);
  e.ci_low = e.value - kZ95 * e.se;
  e.ci_high = e.value + kZ95 * e.se;
  return e;
}

// The sums over each joint cell of the raking margins that no estimate
// changes: its records and the start weights' sums.
void Design::sum_calibration_cells() {
  const std::size_t cells = calibration_.cells();
  calibration_sums_.records.assign(cells, 0.0);
  calibration_sums_.start_sum.assign(cells, 0.0);
  calibration_sums_.start_sum2.assign(cells, 0.0);
  calibration_sums_.design_records = 0;
  for (std::size_t row = 0; row < rows_; ++row) {
    if (!in_design(row)) continue;
    const std::uint32_t cell = calibration_.cell_of_row[row];
    const double k = static_cast<double>(frequency(row));
    calibration_sums_.records[cell] += k;
    calibration_sums_.start_sum[cell] += start_sum(row);
    calibration_sums_.start_sum2[cell] += start_sum2(row);
    calibration_sums_.design_records += k;
  }
}

// n/(n-1) * sum (x - mean x)^2 over the design's records, where each
// estimating function x = w (y - mean) / W (zero outside the domain) is
// first replaced by its residual on the raking margins, as
// survey:::svyrecvar does (ten passes over the margins). Every record of a
// row is scaled alike by raking, so a row's residuals keep the form
// x = in * w (y - mean) / W + w0 * beta, w0 the start weight: one beta per
// row carries them, and the sums of a cells file suffice. The rows of a
// joint cell of the margins share their category and gain in every margin,
// so they share beta too: the passes run over the cells' sums, and the
// squares of x expand into sums per cell.
double Design::calibrated_variance(const Variable& y, const std::vector<char>& domain, double mean,
                                   double sum_w) const {
  CellDeviations d(calibration_.cells());
  double own = 0, in_domain_total = 0;
  for (std::size_t row = 0; row < rows_; ++row) {
    if (!in_design(row) || !in_domain(domain, row)) continue;
    const Moments m = moments(y, row);
    if (m.n == 0) continue;
    const std::uint32_t cell = calibration_.cell_of_row[row];
    const double g = gain(row);
    d.deviation[cell] += g * (m.y - mean * m.n) / sum_w;
    d.cross[cell] += (m.w2y - mean * m.w2) / (g * sum_w);
    in_domain_total += (m.wy - mean * m.w) / sum_w;
    own += squared_deviations(y, m, mean, row, weight(row), static_cast<double>(frequency(row)),
                              cells_);
  }
  return residualized_variance(d, in_domain_total, own / (sum_w * sum_w));
}

// From an estimate's sums per cell: sum of g (y - mean) / W over each cell's
// domain records, the deviation the passes residualize, and of
// w^2 (y - mean) / (g W), its cross term with beta in the squares; plus the
// sum of the estimating functions over the domain and of their squares.
double Design::residualized_variance(const CellDeviations& d, double in_domain_total,
                                     double own_squares) const {
  const RakingCalibration& cal = calibration_;
  const CalibrationSums& fixed = calibration_sums_;
  const double records = fixed.design_records;
  if (records < 2) return kNaN;
  const std::size_t cells = cal.cells();
  std::vector<double> beta(cells, 0.0), sum, count;
  for (int pass = 0; pass < 10; ++pass) {
    for (std::size_t margin = 0; margin < cal.categories.size(); ++margin) {
      const std::vector<std::uint32_t>& category = cal.cell_category[margin];
      const std::vector<double>& step_gain = cal.cell_step_gain[margin];
      sum.assign(cal.categories[margin], 0.0);
      count.assign(cal.categories[margin], 0.0);
      for (std::size_t c = 0; c < cells; ++c) {
        sum[category[c]] += (d.deviation[c] + beta[c] * fixed.records[c]) / step_gain[c];
        count[category[c]] += fixed.records[c];
      }
      for (std::size_t c = 0; c < cells; ++c)
        beta[c] -= step_gain[c] * sum[category[c]] / count[category[c]];
    }
  }
  double total = in_domain_total, squares = own_squares;
  for (std::size_t c = 0; c < cells; ++c) {
    total += beta[c] * fixed.start_sum[c];
    squares += 2 * beta[c] * d.cross[c] + beta[c] * beta[c] * fixed.start_sum2[c];
  }
  // A raking margin's own category has no variance left: what rounding
  // leaves of the cancellation (or a negative value) is zero.
  const double centred = squares - total * total / records;
  return centred <= 1e-9 * squares ? 0.0 : records / (records - 1) * centred;
}

// Every group's estimate, and its rest's, from one pass over the rows: the
// sums of each group and of all grouped rows per joint cell (the rest is
// the difference), then the residualized variance from the cells.
Design::GroupEstimates Design::calibrated_group_estimates(const Variable& y,
                                                          const std::vector<std::uint32_t>& codes,
                                                          std::size_t groups,
                                                          const std::vector<char>& restrict,
                                                          bool share) const {
  const std::size_t cells = calibration_.cells();
  // Index `groups` is every grouped row: a rest is it minus its group.
  std::vector<MeanSums> sums(groups + 1);
  std::vector<double> present(groups + 1, 0.0);           // records where y is present
  std::vector<std::uint64_t> domain_rows(groups + 1, 0);  // records, y present or not
  // Per domain and cell: sums of g y, g n, w2y / g, w2 / g.
  struct CellSums {
    double gy = 0, gn = 0, cy = 0, c2 = 0;
    CellSums minus(const CellSums& o) const { return {gy - o.gy, gn - o.gn, cy - o.cy, c2 - o.c2}; }
  };
  std::vector<CellSums> cell_sums((groups + 1) * cells);
  for (std::size_t row = 0; row < rows_; ++row) {
    if (!in_design(row) || !in_domain(restrict, row) || codes[row] == kNoGroup) continue;
    const std::size_t group = codes[row];
    const std::uint64_t k = frequency(row);
    domain_rows[group] += k;
    domain_rows[groups] += k;
    const Moments m = moments(y, row);
    if (m.n == 0) continue;
    const double g = gain(row);
    const std::size_t cell = calibration_.cell_of_row[row];
    for (const std::size_t d : {group, groups}) {
      MeanSums& s = sums[d];
      present[d] += m.n;
      s.w += m.w;
      s.w2 += m.w2;
      s.wy += m.wy;
      s.w2y += m.w2y;
      s.w2y2 += m.w2y2;
      CellSums& c = cell_sums[d * cells + cell];
      c.gy += g * m.y;
      c.gn += g * m.n;
      c.cy += m.w2y / g;
      c.c2 += m.w2 / g;
    }
  }
  auto estimate = [&](const MeanSums& s, double n, std::uint64_t rows, auto&& per_cell) {
    Estimate e;
    e.n = static_cast<std::uint64_t>(std::llround(n));
    if (e.n > 0 && s.w > 0) {
      e.value = s.wy / s.w;
      e.n_eff = s.w * s.w / s.w2;
      CellDeviations d(cells);
      for (std::size_t c = 0; c < cells; ++c) {
        const CellSums in_cell = per_cell(c);
        d.deviation[c] = (in_cell.gy - e.value * in_cell.gn) / s.w;
        d.cross[c] = (in_cell.cy - e.value * in_cell.c2) / s.w;
      }
      const double own = s.w2y2 - 2 * e.value * s.w2y + e.value * e.value * s.w2;
      e.se = std::sqrt(residualized_variance(d, (s.wy - e.value * s.w) / s.w, own / (s.w * s.w)));
      e.ci_low = e.value - kZ95 * e.se;
      e.ci_high = e.value + kZ95 * e.se;
    }
    if (share)
      finish_share(e, rows);
    else
      finish_mean(e);
    return e;
  };
  GroupEstimates out;
  const std::size_t all = groups * cells;
  for (std::size_t group = 0; group < groups; ++group) {
    const std::size_t at = group * cells;
    out.in.push_back(estimate(sums[group], present[group], domain_rows[group],
                              [&](std::size_t c) { return cell_sums[at + c]; }));
    out.rest.push_back(estimate(sums[groups].minus(sums[group]), present[groups] - present[group],
                                domain_rows[groups] - domain_rows[group], [&](std::size_t c) {
                                  return cell_sums[all + c].minus(cell_sums[at + c]);
                                }));
  }
  return out;
}

Design::GroupEstimates Design::group_estimates(const Variable& y,
                                               const std::vector<std::uint32_t>& codes,
                                               std::size_t groups,
                                               const std::vector<char>& restrict,
                                               bool share) const {
  GroupEstimates out;
  if (calibrated()) return calibrated_group_estimates(y, codes, groups, restrict, share);
  // Sums per group; the rest is the total minus the group (ratings and 0/1
  // values are bounded, so the expanded variance is exact to rounding).
  std::vector<MeanSums> sums(groups);
  std::uint64_t design_rows = rows_outside_;
  const std::vector<double>* values = y.values();
  const bool plain = values && !cells_ && !frequencies_ && weights_.empty();
  if (plain) {
    // Plain records (one each, weight 1: a feedback export), the dashboard's
    // every filter: the same sums as moments() gives, without its branches.
    design_rows += rows_;
    for (std::size_t row = 0; row < rows_; ++row) {
      const std::uint32_t code = codes[row];
      const double v = (*values)[row];
      if (code == kNoGroup || std::isnan(v) || !in_domain(restrict, row)) continue;
      MeanSums& s = sums[code];
      s.n += 1;
      s.w += 1;
      s.w2 += 1;
      s.wy += v;
      s.w2y += v;
      s.w2y2 += v * v;
    }
  } else {
    for (std::size_t row = 0; row < rows_; ++row) {
      if (!in_design(row)) continue;
      design_rows += frequency(row);
      if (!in_domain(restrict, row) || codes[row] == kNoGroup) continue;
      const Moments m = moments(y, row);
      if (m.n == 0) continue;
      MeanSums& s = sums[codes[row]];
      s.n += rounded_count(m.n);
      s.w += m.w;
      s.w2 += m.w2;
      s.wy += m.wy;
      s.w2y += m.w2y;
      s.w2y2 += m.w2y2;
    }
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

}  // namespace ascolto::stats
