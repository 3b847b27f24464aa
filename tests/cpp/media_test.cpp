// The media report: the crisis rule by hand, and a week of negative news
// found among steady weeks.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "report/media_report.hpp"
#include "table/value_parse.hpp"

using Catch::Matchers::WithinRel;
using nlohmann::json;

TEST_CASE("crisis rule: z against the previous weeks, with a Poisson floor", "[media]") {
  using ascolto::report::crisis_check;
  // Mean 10, sd 2.138 (below sqrt(10) = 3.162): z = (25 - 10) / 3.162.
  const auto c = crisis_check({8, 12, 10, 9, 11, 13, 7, 10}, 25);
  CHECK_THAT(c.baseline_mean, WithinRel(10.0, 1e-12));
  CHECK_THAT(c.z, WithinRel(15 / std::sqrt(10.0), 1e-12));
  CHECK(c.flagged);
  CHECK_FALSE(crisis_check({8, 12, 10, 9, 11, 13, 7, 10}, 19).flagged);  // z = 2.85
  CHECK_FALSE(crisis_check({0, 0, 0, 0, 0, 0}, 4).flagged);              // fewer than 5 items
  CHECK_FALSE(crisis_check({3, 4}, 40).flagged);                         // too short a baseline
}

TEST_CASE("a week of negative news is a crisis alert, with its items", "[media]") {
  std::string csv = "data;tipo_testata;testata;titolo;sentiment\n";
  const std::int64_t monday = *ascolto::table::days_from_civil(2023, 1, 2);
  for (int day = 0; day < 84; ++day) {
    const std::string date = ascolto::table::format_date(monday + day);
    const bool crisis = day >= 70 && day < 77;
    for (int k = 0; k < (crisis ? 12 : 4); ++k) {
      const bool negative = crisis ? k % 4 != 0 : k == 0 && day % 3 == 0;
      csv += date + ";" + (k % 2 ? "web" : "agenzie") + ";ANSA;\"INPS, " +
             (negative ? "portale in tilt" : "nuove istruzioni") + "\";" +
             (negative ? "negativo" : "neutro") + "\n";
    }
  }
  const json d = test::analyze(csv)["datasets"][0];
  REQUIRE(d["kind"]["value"] == "media");
  const json& m = d["media"];
  CHECK(m["outlet_types"].size() == 2);
  REQUIRE(m["alerts"].size() == 1);
  CHECK(m["alerts"][0]["week"] == "2023-03-13");  // the Monday of the crisis week
  CHECK(m["alerts"][0]["count"] == 63.0);         // 7 days x 9 negative items
  CHECK(m["alerts"][0]["items"].size() == 10);
  CHECK(m["alerts"][0]["items"][0]["title"] == "INPS, portale in tilt");
}
