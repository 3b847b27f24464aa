#include "stats/ranks.hpp"

#include <algorithm>
#include <cmath>

namespace ascolto::stats {

namespace {

// SplitMix64: small, fast and the same on every platform (std::normal_distribution is not).
struct SplitMix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
  // Box-Muller: two standard normals from two uniforms, the second kept
  // for the next call (half the logarithms and square roots).
  double normal() {
    if (has_spare) {
      has_spare = false;
      return spare;
    }
    constexpr double kTwoPi = 6.283185307179586;
    const double radius = std::sqrt(-2 * std::log(uniform())), angle = kTwoPi * uniform();
    spare = radius * std::sin(angle);
    has_spare = true;
    return radius * std::cos(angle);
  }
  double spare = 0;
  bool has_spare = false;
};

}  // namespace

std::vector<RankInterval> rank_intervals(const std::vector<double>& means,
                                         const std::vector<double>& ses, std::uint32_t draws,
                                         std::uint64_t seed) {
  const std::size_t k = means.size();
  std::vector<RankInterval> out(k);
  if (k == 0 || draws == 0) return out;
  // counts[i * k + r]: how many draws put unit i at rank r + 1. Ranks are
  // 1..k, so a histogram gives the percentiles without sorting the draws.
  std::vector<std::uint32_t> counts(k * k, 0);
  // One draw: (value, unit) pairs sorted highest first, ties by unit.
  std::vector<std::pair<double, std::uint32_t>> drawn(k);
  // The generator's numbers go to the units in the order of their (mean,
  // se), not of the input: the same units listed in another order (another
  // file's row order, cells instead of rows) get the same intervals.
  std::vector<std::uint32_t> order(k);
  for (std::size_t i = 0; i < k; ++i) order[i] = static_cast<std::uint32_t>(i);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return means[a] != means[b] ? means[a] < means[b] : ses[a] < ses[b];
  });
  SplitMix rng{seed};
  for (std::uint32_t d = 0; d < draws; ++d) {
    // Stored from the end: units by increasing mean give values by
    // decreasing -value, so a draw is nearly in order already and an
    // insertion sort has little to move (std::sort took half of a
    // territorial filter's ranking). The pairs are distinct (the unit
    // breaks ties), so any sort gives the same order.
    for (std::size_t j = 0; j < k; ++j) {
      const std::uint32_t i = order[j];
      drawn[k - 1 - j] = {-(means[i] + ses[i] * rng.normal()), i};
    }
    for (std::size_t j = 1; j < k; ++j) {
      const std::pair<double, std::uint32_t> item = drawn[j];
      std::size_t at = j;
      for (; at > 0 && item < drawn[at - 1]; --at) drawn[at] = drawn[at - 1];
      drawn[at] = item;
    }
    for (std::size_t r = 0; r < k; ++r) ++counts[drawn[r].second * k + r];
  }
  // The rank at sorted position floor(q * draws), as if the draws were sorted.
  const auto percentile = [&](const std::uint32_t* histogram, double q) {
    const auto index =
        static_cast<std::uint64_t>(std::min<double>(draws - 1, std::floor(q * draws)));
    std::uint64_t seen = 0;
    for (std::size_t r = 0; r < k; ++r) {
      seen += histogram[r];
      if (seen > index) return static_cast<std::uint32_t>(r + 1);
    }
    return static_cast<std::uint32_t>(k);
  };
  for (std::size_t i = 0; i < k; ++i) {
    const std::uint32_t* histogram = counts.data() + i * k;
    out[i].low = percentile(histogram, 0.025);
    out[i].high = percentile(histogram, 0.975);
    out[i].p_first = static_cast<double>(histogram[0]) / draws;
    out[i].p_last = static_cast<double>(histogram[k - 1]) / draws;
  }
  return out;
}

}  // namespace ascolto::stats
