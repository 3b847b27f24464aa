// Values checked against R's survey package: tests/fixtures/r/reference.R
// computes them on tests/fixtures/r/weighted_ratings.csv (reference.txt).
#include <catch2/catch.hpp>

#include <map>

#include "helpers.hpp"
#include "stats/estimate.hpp"

using namespace ascolto::stats;
using Catch::Matchers::WithinRel;

namespace {
std::map<std::string, double> reference() {
  return test::r_reference("reference.txt");
}
const std::vector<double> kRatings = {5, 4, 3, 5, 2, 4, 1, 4, 5, 3};
const std::vector<double> kWeights = {1.2, 0.8, 1.5, 0.5, 2.0, 1.0, 0.7, 1.3, 0.9, 1.1};
constexpr double kTolerance = 1e-9;  // far tighter than the 6 significant digits required
}  // namespace

TEST_CASE("unweighted mean, se and interval match svymean and confint", "[stats]") {
  auto r = reference();
  REQUIRE(r.size() >= 18);
  const Estimate e = mean({kRatings, {}});
  CHECK(e.n == 10);
  CHECK_THAT(e.value, WithinRel(r["unweighted_mean"], kTolerance));
  CHECK_THAT(e.se, WithinRel(r["unweighted_se"], kTolerance));
  CHECK_THAT(e.ci_low, WithinRel(r["unweighted_ci_low"], kTolerance));
  CHECK_THAT(e.ci_high, WithinRel(r["unweighted_ci_high"], kTolerance));
}

TEST_CASE("weighted mean and linearized se match svymean with weights", "[stats]") {
  auto r = reference();
  const Estimate e = mean({kRatings, kWeights});
  CHECK_THAT(e.value, WithinRel(r["weighted_mean"], kTolerance));
  CHECK_THAT(e.se, WithinRel(r["weighted_se"], kTolerance));
  CHECK_THAT(e.ci_low, WithinRel(r["weighted_ci_low"], kTolerance));
  CHECK_THAT(e.ci_high, WithinRel(r["weighted_ci_high"], kTolerance));
  CHECK_THAT(e.n_eff, WithinRel(r["kish_n_eff"], kTolerance));
}

TEST_CASE("shares: Wilson unweighted, Korn-Graubard weighted", "[stats]") {
  auto r = reference();
  const Estimate u = share({kRatings, {}}, [](double v) { return v >= 4; });
  CHECK(u.value == 0.6);
  CHECK_THAT(u.se, WithinRel(r["unweighted_top2_se"], kTolerance));
  CHECK_THAT(u.ci_low, WithinRel(r["unweighted_top2_wilson_low"], kTolerance));
  CHECK_THAT(u.ci_high, WithinRel(r["unweighted_top2_wilson_high"], kTolerance));
  const Estimate w = share({kRatings, kWeights}, [](double v) { return v >= 4; });
  CHECK_THAT(w.value, WithinRel(r["weighted_top2"], kTolerance));
  CHECK_THAT(w.se, WithinRel(r["weighted_top2_se"], kTolerance));
  CHECK_THAT(w.ci_low, WithinRel(r["weighted_top2_kg_low"], 1e-7));
  CHECK_THAT(w.ci_high, WithinRel(r["weighted_top2_kg_high"], 1e-7));
}

TEST_CASE("incomplete beta and its inverse match pbeta and qbeta", "[stats]") {
  auto r = reference();
  CHECK_THAT(incomplete_beta(2.5, 3.5, 0.4), WithinRel(r["pbeta_2.5_3.5_0.4"], 1e-10));
  CHECK_THAT(inverse_incomplete_beta(7.2, 3.1, 0.025), WithinRel(r["qbeta_0.025_7.2_3.1"], 1e-9));
}

TEST_CASE("missing values are outside the sample", "[stats]") {
  const Estimate e = mean({{1, kNaN, 3}, {}});
  CHECK(e.n == 2);
  CHECK(e.value == 2);
  CHECK(mean({{}, {}}).n == 0);
}

TEST_CASE("accumulated sums give the same estimates as the samples", "[stats]") {
  MeanSums sums;
  ShareSums top2;
  for (std::size_t i = 0; i < kRatings.size(); ++i) {
    sums.add(kWeights[i], kRatings[i]);
    top2.add(kWeights[i], kRatings[i] >= 4);
  }
  const Estimate direct = mean({kRatings, kWeights});
  const Estimate from_sums = mean_from_sums(sums, true);
  CHECK_THAT(from_sums.value, WithinRel(direct.value, 1e-12));
  CHECK_THAT(from_sums.se, WithinRel(direct.se, 1e-9));
  CHECK_THAT(share_from_sums(top2, true).se,
             WithinRel(reference()["weighted_top2_se"], kTolerance));
}

TEST_CASE("merging share sums equals accumulating the concatenation", "[stats]") {
  ShareSums left, right, all;
  for (std::size_t i = 0; i < kRatings.size(); ++i) {
    (i < 4 ? left : right).add(kWeights[i], kRatings[i] == 5);
    all.add(kWeights[i], kRatings[i] == 5);
  }
  left.merge(right);
  CHECK(left.n == all.n);
  CHECK_THAT(share_from_sums(left, true).value, WithinRel(share_from_sums(all, true).value, 1e-12));
  CHECK_THAT(share_from_sums(left, true).se, WithinRel(share_from_sums(all, true).se, 1e-12));
}
