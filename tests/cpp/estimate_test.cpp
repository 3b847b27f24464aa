// Values checked against R's survey package: tests/fixtures/r/reference.R
// computes them on tests/fixtures/r/weighted_ratings.csv (reference.txt).
#include <catch2/catch.hpp>

#include <map>

#include "helpers.hpp"
#include "stats/design.hpp"
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

TEST_CASE("a design holding only a filter's rows estimates as the whole design over that domain",
          "[stats]") {
  // svyby on a subset keeps every row of the design: n in n/(n-1) is the
  // design's. The subset design holds 4 of the 10 rows and counts the rest.
  const std::vector<std::uint32_t> kept = {1, 4, 6, 9};
  std::vector<char> domain(kRatings.size(), 0);
  std::vector<double> values, top;
  for (std::uint32_t row : kept) {
    domain[row] = 1;
    values.push_back(kRatings[row]);
    top.push_back(kRatings[row] >= 4 ? 1.0 : 0.0);
  }
  std::vector<double> all_top;
  for (double r : kRatings) all_top.push_back(r >= 4 ? 1.0 : 0.0);
  const Design whole({}, kRatings.size());
  const Design subset = Design::unweighted_subset(kept.size(), kRatings.size());
  const Estimate a = whole.mean(kRatings, domain), b = subset.mean(values);
  CHECK(b.value == a.value);
  CHECK(b.se == a.se);
  CHECK(b.n == a.n);
  CHECK(subset.share(top).se == whole.share(all_top, domain).se);
  const std::vector<std::uint32_t> groups_whole = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
  std::vector<std::uint32_t> groups_subset;
  for (std::uint32_t row : kept) groups_subset.push_back(groups_whole[row]);
  const auto g = whole.group_estimates(kRatings, groups_whole, 2, domain, false);
  const auto h = subset.group_estimates(values, groups_subset, 2, {}, false);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(h.in[i].value == g.in[i].value);
    CHECK(h.in[i].se == g.in[i].se);
  }
  // Without the rows outside, the se would differ: the count matters.
  CHECK(Design({}, kept.size()).mean(values).se != a.se);
}
