// Funnel plots for comparing units of very different size (regions,
// offices) with a national value, after Spiegelhalter (2005), "Handling
// over-dispersion of performance indicators", Qual Saf Health Care 14:347:
// each unit's z-score under the null of no true difference, control limits
// at 95% and 99.8%, and an over-dispersion estimate from z-scores
// winsorized at 10% per tail, so that real but small between-unit
// variation in a large dataset does not flag half the units.
#pragma once

#include <cstdint>
#include <vector>

#include "stats/estimate.hpp"

namespace ascolto::stats {

/// qnorm(0.999): the two-sided 99.8% limit.
inline constexpr double kZ998 = 3.090232306167813;

enum class Overdispersion : std::uint8_t {
  none,            ///< limits from sampling variation only
  multiplicative,  ///< limits widened by sqrt(phi)
  additive,        ///< a between-unit variance tau^2 added (random effects)
};
const char* overdispersion_name(Overdispersion method);

struct FunnelUnit {
  double value = kNaN;
  double size = kNaN;  ///< n, or Kish's effective n for a weighted design
};

struct FunnelInput {
  double target = kNaN;  ///< the national value
  bool share = false;    ///< a proportion: s = sqrt(p0 (1-p0) / n); else s = sd / sqrt(n)
  double sd = kNaN;      ///< unit-level standard deviation, for means
  Overdispersion method = Overdispersion::additive;
  double winsorize = 0.1;    ///< share winsorized in each tail
  double test_level = 0.05;  ///< adjust only when the chi-square test rejects at this level
  /// Over-dispersion is estimated from the units themselves: with fewer
  /// than this, tau and phi are too unstable to widen the limits with.
  std::size_t min_units = 10;
  std::vector<FunnelUnit> units;
};

struct FunnelUnitResult {
  double se = kNaN;          ///< sampling SE at the unit's size, under the null
  double z = kNaN;           ///< (value - target) / se
  double z_adjusted = kNaN;  ///< after the over-dispersion adjustment (= z when none)
  int band = 0;              ///< -2 below 99.8%, -1 below 95%, 0 within, 1 above 95%, 2 above 99.8%
};

struct FunnelResult {
  std::vector<FunnelUnitResult> units;
  double phi = kNaN;         ///< mean squared winsorized z
  double chi_square = kNaN;  ///< units * phi, on units - 1 degrees of freedom
  double p_value = kNaN;     ///< of the over-dispersion test
  double tau = kNaN;         ///< additive between-unit SD (0 when not over-dispersed)
  bool adjusted = false;     ///< the test rejected and the method widened the limits
  Overdispersion method = Overdispersion::none;
  /// Sampling SE at size n under the null, before any adjustment.
  double se_at(double n) const;
  /// Half-width of the control limits at size n for normal quantile z.
  double half_width(double n, double z) const;

  double target = kNaN, sd = kNaN;
  bool share = false;
};

/// Units with a missing value or size < 1 get NaN z and band 0 and are
/// left out of the over-dispersion estimate.
FunnelResult funnel(const FunnelInput& input);

/// P(X > x) for X chi-square with `df` degrees of freedom (pchisq(x, df, lower = FALSE)).
double chi_square_upper(double x, double df);

/// The quantile of sorted values by R's default (type 7) definition.
double quantile_type7(const std::vector<double>& sorted, double probability);

}  // namespace ascolto::stats
