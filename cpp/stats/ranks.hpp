// Ranks with their uncertainty: units whose true values are estimated
// (a posterior mean and standard error each, independent normals) are
// ranked in each of many seeded draws from their posteriors; each unit's
// 95% rank interval is the 2.5th-97.5th percentile of its ranks, and its
// chance of being first the share of draws where it is. "1st (rank
// interval 1st-9th)" tells a reader what "first" is worth.
#pragma once

#include <cstdint>
#include <vector>

namespace ascolto::stats {

struct RankInterval {
  std::uint32_t low = 0, high = 0;  ///< 1 = the highest value
  double p_first = 0, p_last = 0;
};

/// Rank intervals for units with posterior `means` and `ses`, highest
/// first, from `draws` draws of a generator seeded with `seed` (the same
/// inputs give the same intervals).
std::vector<RankInterval> rank_intervals(const std::vector<double>& means,
                                         const std::vector<double>& ses, std::uint32_t draws = 4000,
                                         std::uint64_t seed = 20261201);

}  // namespace ascolto::stats
