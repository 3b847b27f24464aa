// Rank intervals (issue 22): checked against a simulation with known true
// means, where the truth is known and the intervals must cover it.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "stats/ranks.hpp"

using ascolto::stats::rank_intervals;

TEST_CASE("rank intervals: exact when units are far apart, wide when they are not, seeded",
          "[ranks]") {
  const auto far = rank_intervals({4.5, 3.0, 1.5}, {0.01, 0.01, 0.01});
  CHECK(far[0].low == 1);
  CHECK(far[0].high == 1);
  CHECK(far[2].low == 3);
  CHECK(far[0].p_first == 1.0);
  CHECK(far[2].p_last == 1.0);
  // Four units with one value: any rank is possible for each.
  const auto tied = rank_intervals({4, 4, 4, 4}, {0.1, 0.1, 0.1, 0.1});
  for (const auto& r : tied) {
    CHECK(r.low == 1);
    CHECK(r.high == 4);
    CHECK(r.p_first == Approx(0.25).margin(0.03));
  }
  // The case: 15 feedbacks at 4.37 (3.95-4.80) against 20,608 at 4.23 (4.21-4.24).
  const auto small = rank_intervals({4.37, 4.23, 4.10}, {0.2168, 0.0077, 0.01});
  CHECK(small[0].low == 1);
  CHECK(small[0].high == 3);  // "first" may be third
  CHECK(small[0].p_first < 0.8);
  const auto again = rank_intervals({4.37, 4.23, 4.10}, {0.2168, 0.0077, 0.01});
  CHECK(again[0].p_first == small[0].p_first);  // the same seed, the same answer
}

TEST_CASE("rank intervals cover the true ranks about 95% of the time", "[ranks]") {
  // Twelve units with known true means; each is estimated with its own
  // standard error, and the interval comes from that estimate.
  std::mt19937_64 rng(7);
  std::normal_distribution<double> noise(0, 1);
  const std::vector<double> truth = {4.4, 4.3, 4.25, 4.2, 4.0, 3.9, 3.85, 3.6, 3.5, 3.45, 3.2, 3.0};
  const std::vector<double> ses = {0.05, 0.2, 0.05, 0.1,  0.02, 0.15,
                                   0.05, 0.3, 0.05, 0.05, 0.1,  0.02};
  std::size_t covered = 0, total = 0;
  for (int replication = 0; replication < 300; ++replication) {
    std::vector<double> estimate(truth.size());
    for (std::size_t i = 0; i < truth.size(); ++i) estimate[i] = truth[i] + ses[i] * noise(rng);
    const auto intervals = rank_intervals(estimate, ses, 1000, 42 + replication);
    for (std::size_t i = 0; i < truth.size(); ++i) {
      const auto true_rank = static_cast<std::uint32_t>(i + 1);  // truth is sorted, highest first
      covered += intervals[i].low <= true_rank && true_rank <= intervals[i].high;
      ++total;
    }
  }
  const double coverage = static_cast<double>(covered) / static_cast<double>(total);
  INFO("coverage " << coverage);
  CHECK(coverage >= 0.93);
}

#include "helpers.hpp"

TEST_CASE("the feedback ranking gives each application its rank interval and flags low bases",
          "[ranks]") {
  // A small application with a high raw mean, and two large ones apart.
  std::string csv = "applicativo;voto\n";
  for (int i = 0; i < 15; ++i) csv += "Piccola;" + std::to_string(i % 3 ? 4 : 5) + "\n";
  for (int i = 0; i < 2000; ++i) csv += "Grande;" + std::to_string(i % 4 ? 4 : 5) + "\n";
  for (int i = 0; i < 2000; ++i) csv += "Media;" + std::to_string(i % 2 ? 4 : 3) + "\n";
  const auto report = test::analyze(csv);
  const auto& items = report["datasets"][0]["feedback"]["ranking"]["items"];
  REQUIRE(items.size() == 3);
  for (const auto& i : items) {
    const auto rank = i["adjusted_rank"].get<int>();
    CHECK(i["rank_ci95"][0].get<int>() <= rank);
    CHECK(rank <= i["rank_ci95"][1].get<int>());
    CHECK(i["low_base"] == (i["value"] == "Piccola"));
    if (i["value"] == "Media") CHECK(i["rank_ci95"] == nlohmann::json::array({3, 3}));
    if (i["value"] == "Piccola") CHECK(i["rank_ci95"][1].get<int>() >= 2);  // first is not a fact
  }
}
