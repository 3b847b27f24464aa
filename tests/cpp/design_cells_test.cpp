// A survey design over cells (stats::Design::cells) gives the estimates of
// the design over the records the cells sum: means, shares, domains, group
// estimates and, after raking the cells, the residualized variance that
// survey:::svyrecvar computes on the raked records (itself checked against
// R in survey_test.cpp).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "stats/design.hpp"
#include "stats/raking.hpp"

using ascolto::stats::Design;
using ascolto::stats::Estimate;
using ascolto::stats::kNaN;
using ascolto::stats::RowSums;
using Catch::Matchers::WithinRel;

namespace {

// Records: sex (2) x age class (3) x wave (2), a weight, a 1-5 rating with
// gaps and a 0/1 answer. Deterministic.
struct Records {
  std::vector<std::uint32_t> sex, age, wave;
  std::vector<double> weight, rating, yes;
};

Records records(std::size_t n) {
  Records r;
  std::uint64_t state = 99;
  auto next = [&](std::uint64_t k) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % k;
  };
  for (std::size_t i = 0; i < n; ++i) {
    r.sex.push_back(static_cast<std::uint32_t>(next(2)));
    r.age.push_back(static_cast<std::uint32_t>(next(3)));
    r.wave.push_back(static_cast<std::uint32_t>(next(2)));
    r.weight.push_back(0.4 + static_cast<double>(next(1000)) / 400.0);
    const double rating = 1 + static_cast<double>(next(5)) + (r.age.back() == 2 && next(3) == 0);
    r.rating.push_back(next(7) == 0 ? kNaN : std::min(rating, 5.0));
    r.yes.push_back(next(9) == 0 ? kNaN : static_cast<double>(next(10) < 3 + r.sex.back() * 4));
  }
  return r;
}

// The cells of the records by (sex, age, wave): counts, weight sums, and
// each variable's sums, as the reduction query writes them.
struct Cells {
  std::vector<std::uint32_t> sex, age, wave;
  std::vector<std::uint64_t> count;
  std::vector<double> sum_w, sum_w2;
  RowSums rating, yes;
};

void add(RowSums& s, std::size_t cell, double w, double y) {
  if (std::isnan(y)) return;
  s.n[cell] += 1;
  s.y[cell] += y;
  s.w[cell] += w;
  s.wy[cell] += w * y;
  s.w2[cell] += w * w;
  s.w2y[cell] += w * w * y;
  s.w2y2[cell] += w * w * y * y;
}

Cells cells_of(const Records& r) {
  Cells c;
  std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>, std::size_t> index;
  std::vector<std::size_t> cell_of;
  for (std::size_t i = 0; i < r.weight.size(); ++i) {
    auto [it, inserted] =
        index.emplace(std::make_tuple(r.sex[i], r.age[i], r.wave[i]), index.size());
    cell_of.push_back(it->second);
    if (!inserted) continue;
    c.sex.push_back(r.sex[i]);
    c.age.push_back(r.age[i]);
    c.wave.push_back(r.wave[i]);
  }
  const std::size_t cells = index.size();
  c.count.assign(cells, 0);
  c.sum_w.assign(cells, 0);
  c.sum_w2.assign(cells, 0);
  c.rating.resize(cells);
  c.yes.resize(cells);
  for (std::size_t i = 0; i < r.weight.size(); ++i) {
    const std::size_t k = cell_of[i];
    const double w = r.weight[i];
    ++c.count[k];
    c.sum_w[k] += w;
    c.sum_w2[k] += w * w;
    add(c.rating, k, w, r.rating[i]);
    add(c.yes, k, w, r.yes[i]);
  }
  return c;
}

template <typename Codes>
std::vector<char> mask(const Codes& codes, std::uint32_t code) {
  std::vector<char> out(codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) out[i] = codes[i] == code;
  return out;
}

void check_same(const Estimate& records, const Estimate& cells) {
  CHECK(records.n == cells.n);
  CHECK_THAT(cells.value, WithinRel(records.value, 1e-12));
  CHECK_THAT(cells.se, WithinRel(records.se, 1e-9));
  CHECK_THAT(cells.ci_low, WithinRel(records.ci_low, 1e-9));
  CHECK_THAT(cells.ci_high, WithinRel(records.ci_high, 1e-9));
  CHECK_THAT(cells.n_eff, WithinRel(records.n_eff, 1e-12));
  CHECK(std::string(cells.method) == records.method);
}

// The rows' raking margins: sex and age, within each wave.
std::vector<ascolto::stats::RakingMargin> margins(const std::vector<std::uint32_t>& sex,
                                                  const std::vector<std::uint32_t>& age,
                                                  const std::vector<std::uint32_t>& wave,
                                                  const std::vector<double>& totals) {
  ascolto::stats::RakingMargin by_sex, by_age;
  for (std::size_t i = 0; i < sex.size(); ++i) {
    by_sex.codes.push_back(wave[i] * 2 + sex[i]);
    by_age.codes.push_back(wave[i] * 3 + age[i]);
  }
  for (std::uint32_t w = 0; w < 2; ++w) {
    by_sex.targets.insert(by_sex.targets.end(), {0.48 * totals[w], 0.52 * totals[w]});
    by_age.targets.insert(by_age.targets.end(),
                          {0.3 * totals[w], 0.45 * totals[w], 0.25 * totals[w]});
  }
  return {by_sex, by_age};
}

}  // namespace

TEST_CASE("a design over cells gives the estimates of its records", "[cells][survey]") {
  const Records r = records(3000);
  const Cells c = cells_of(r);
  REQUIRE(c.count.size() == 12);
  for (bool weighted : {true, false}) {
    const Design micro(weighted ? r.weight : std::vector<double>{}, r.weight.size());
    RowSums rating = c.rating, yes = c.yes;
    std::vector<double> sum_w = c.sum_w, sum_w2 = c.sum_w2;
    if (!weighted) {  // unweighted cells: every weight sum is a count
      for (RowSums* s : {&rating, &yes}) {
        s->w = s->n;
        s->wy = s->y;
        s->w2 = s->n;
        s->w2y = s->y;
        s->w2y2.assign(s->n.size(), 0);
      }
      for (std::size_t k = 0; k < c.count.size(); ++k) sum_w[k] = sum_w2[k] = c.count[k];
      // sum y^2 of the ratings, for w2y2
      for (std::size_t i = 0; i < r.rating.size(); ++i) {
        std::size_t k = 0;
        while (!(c.sex[k] == r.sex[i] && c.age[k] == r.age[i] && c.wave[k] == r.wave[i])) ++k;
        if (!std::isnan(r.rating[i])) rating.w2y2[k] += r.rating[i] * r.rating[i];
      }
      yes.w2y2 = yes.y;
    }
    const Design cells = Design::cells(&c.count, sum_w, sum_w2, weighted);
    INFO("weighted " << weighted);
    check_same(micro.mean(r.rating), cells.mean(rating));
    check_same(micro.share(r.yes), cells.share(yes));
    check_same(micro.mean(r.rating, mask(r.wave, 1)), cells.mean(rating, mask(c.wave, 1)));
    check_same(micro.share(r.yes, mask(r.age, 2)), cells.share(yes, mask(c.age, 2)));
    // A key's indicator, the same for each record of a cell.
    std::vector<double> female_micro(r.sex.begin(), r.sex.end()),
        female_cells(c.sex.begin(), c.sex.end());
    check_same(micro.share(female_micro), cells.share(female_cells));
    // svyby in one pass: each age class against the rest, in wave 1.
    const auto g_micro = micro.group_estimates(r.rating, r.age, 3, mask(r.wave, 1), false);
    const auto g_cells = cells.group_estimates(rating, c.age, 3, mask(c.wave, 1), false);
    for (std::size_t g = 0; g < 3; ++g) {
      check_same(g_micro.in[g], g_cells.in[g]);
      check_same(g_micro.rest[g], g_cells.rest[g]);
    }
    CHECK(cells.design_records() == 3000);
    const Design::Tally t = cells.tally(yes, mask(c.wave, 0), true);
    const Design::Tally u = micro.tally(r.yes, mask(r.wave, 0), true);
    CHECK(t.records == u.records);
    CHECK(t.sum == u.sum);
  }
}

TEST_CASE("raking the cells gives the raked records' estimates and residualized variances",
          "[cells][survey]") {
  const Records r = records(3000);
  const Cells c = cells_of(r);
  std::vector<double> totals(2, 0.0);
  for (std::size_t i = 0; i < r.weight.size(); ++i) totals[r.wave[i]] += r.weight[i];
  const auto raked_records = ascolto::stats::rake(r.weight, margins(r.sex, r.age, r.wave, totals));
  const auto raked_cells = ascolto::stats::rake(c.sum_w, margins(c.sex, c.age, c.wave, totals));
  REQUIRE(raked_records.converged);
  REQUIRE(raked_cells.converged);
  CHECK(raked_cells.sweeps == raked_records.sweeps);
  const Design micro(raked_records.weights, r.weight.size(), raked_records.calibration);
  const Design cells =
      Design::cells(&c.count, raked_cells.weights, c.sum_w2, true, raked_cells.calibration);
  CHECK_THAT(cells.weight_total(), WithinRel(micro.weight_total(), 1e-12));
  CHECK_THAT(cells.weight_squares_total(), WithinRel(micro.weight_squares_total(), 1e-10));
  check_same(micro.mean(r.rating), cells.mean(c.rating));
  check_same(micro.share(r.yes), cells.share(c.yes));
  check_same(micro.mean(r.rating, mask(r.wave, 0)), cells.mean(c.rating, mask(c.wave, 0)));
  check_same(micro.share(r.yes, mask(r.sex, 1)), cells.share(c.yes, mask(c.sex, 1)));
  // The margin hits its target, so the share of a raked category has no
  // variance left but the domain's: the residuals must have been taken.
  const Estimate unraked =
      Design::cells(&c.count, c.sum_w, c.sum_w2, true).mean(c.rating, mask(c.wave, 0));
  CHECK(unraked.se != cells.mean(c.rating, mask(c.wave, 0)).se);
  // svyby in one pass on the raked design: each age class and its rest, in
  // wave 1, are the estimates of their own domains (means and shares).
  for (const bool share : {false, true}) {
    const auto& y_micro = share ? r.yes : r.rating;
    const auto& y_cells = share ? c.yes : c.rating;
    const auto g_micro = micro.group_estimates(y_micro, r.age, 3, mask(r.wave, 1), share);
    const auto g_cells = cells.group_estimates(y_cells, c.age, 3, mask(c.wave, 1), share);
    for (std::uint32_t g = 0; g < 3; ++g) {
      std::vector<char> in = mask(r.wave, 1), rest = in;
      for (std::size_t i = 0; i < in.size(); ++i) {
        in[i] = in[i] && r.age[i] == g;
        rest[i] = rest[i] && r.age[i] != g;
      }
      const Estimate own_in = share ? micro.share(y_micro, in) : micro.mean(y_micro, in);
      const Estimate own_rest = share ? micro.share(y_micro, rest) : micro.mean(y_micro, rest);
      check_same(own_in, g_micro.in[g]);
      check_same(own_rest, g_micro.rest[g]);
      check_same(own_in, g_cells.in[g]);
      check_same(own_rest, g_cells.rest[g]);
    }
  }
}
