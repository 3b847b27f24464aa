#include "stats/ranks.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

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
  // Box-Muller: a standard normal.
  double normal() {
    constexpr double kTwoPi = 6.283185307179586;
    return std::sqrt(-2 * std::log(uniform())) * std::cos(kTwoPi * uniform());
  }
};

}  // namespace

std::vector<RankInterval> rank_intervals(const std::vector<double>& means,
                                         const std::vector<double>& ses, std::uint32_t draws,
                                         std::uint64_t seed) {
  const std::size_t k = means.size();
  std::vector<RankInterval> out(k);
  if (k == 0 || draws == 0) return out;
  // ranks[i * draws + d]: unit i's rank in draw d.
  std::vector<std::uint32_t> ranks(k * draws);
  std::vector<double> value(k);
  std::vector<std::uint32_t> order(k);
  SplitMix rng{seed};
  for (std::uint32_t d = 0; d < draws; ++d) {
    for (std::size_t i = 0; i < k; ++i) value[i] = means[i] + ses[i] * rng.normal();
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return value[a] != value[b] ? value[a] > value[b] : a < b;
    });
    for (std::size_t r = 0; r < k; ++r)
      ranks[order[r] * static_cast<std::size_t>(draws) + d] = static_cast<std::uint32_t>(r + 1);
  }
  for (std::size_t i = 0; i < k; ++i) {
    auto begin = ranks.begin() + static_cast<std::ptrdiff_t>(i * draws);
    auto end = begin + draws;
    std::sort(begin, end);
    const auto at = [&](double q) {
      return *(begin +
               static_cast<std::ptrdiff_t>(std::min<double>(draws - 1, std::floor(q * draws))));
    };
    out[i].low = at(0.025);
    out[i].high = at(0.975);
    out[i].p_first = static_cast<double>(std::count(begin, end, 1u)) / draws;
    out[i].p_last =
        static_cast<double>(std::count(begin, end, static_cast<std::uint32_t>(k))) / draws;
  }
  return out;
}

}  // namespace ascolto::stats
