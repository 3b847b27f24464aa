// The volumes report: periods found in a date, a month, or month and year
// columns; yearly totals and changes; the partial last year projected by
// run-rate and by the seasonality of earlier complete years.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "report/volumes_report.hpp"

using Catch::Matchers::WithinRel;
using nlohmann::json;

TEST_CASE("projection of a partial year: run-rate and seasonal, by hand", "[volumes]") {
  // 300 over the first 304 days (to 31 October) of a 365-day year; the same
  // stretch held 80% and 84% of two earlier years.
  const auto p = ascolto::report::project_year(300, 304, 365, {{2021, 0.80}, {2022, 0.84}});
  CHECK_THAT(p.run_rate, WithinRel(300.0 * 365 / 304, 1e-12));
  CHECK_THAT(p.seasonal_share, WithinRel(0.82, 1e-12));
  CHECK_THAT(p.seasonal, WithinRel(300 / 0.82, 1e-12));
  CHECK(p.seasonal_years == std::vector<int>{2021, 2022});
  CHECK(std::isnan(ascolto::report::project_year(300, 304, 365, {}).seasonal));
}

TEST_CASE("monthly long-form volumes: totals, same-period change, projection", "[volumes]") {
  // Contact-center contacts per month, 2021 and 2022 complete, 2023 to October.
  std::string csv = "periodo;canale;metrica;valore\n";
  double total2022 = 0, jan_oct_2022 = 0, jan_oct_2023 = 0, jan_oct_2021 = 0, total2021 = 0;
  for (int year = 2021; year <= 2023; ++year)
    for (int month = 1; month <= (year == 2023 ? 10 : 12); ++month) {
      const double v = 1000.0 * month + (year - 2021) * 300.0 + (month == 12 ? 5000 : 0);
      csv += std::to_string(month) + "/" + std::to_string(year) + ";contact center;contatti;" +
             std::to_string(static_cast<long>(v)) + "\n";
      csv += std::to_string(month) + "/" + std::to_string(year) + ";portale;visualizzazioni;" +
             std::to_string(static_cast<long>(v * 10)) + "\n";
      if (year == 2021) total2021 += v;
      if (year == 2022) total2022 += v;
      if (month <= 10)
        (year == 2021 ? jan_oct_2021 : year == 2022 ? jan_oct_2022 : jan_oct_2023) += v;
    }
  const json d = test::analyze(csv)["datasets"][0];
  REQUIRE(d["kind"]["value"] == "volumes");
  const json& v = d["volumes"];
  CHECK(v["form"] == "long");
  CHECK(v["period"]["granularity"] == "month");
  CHECK(v["period"]["partial_last_year"] == true);
  const json& contacts = v["series"][0];
  CHECK(contacts["name"] == "contact center · contatti");
  const json& y2022 = contacts["years"][1];
  CHECK(y2022["total"] == total2022);
  CHECK_THAT(y2022["change"].get<double>(), WithinRel((total2022 - total2021) / total2021, 1e-12));
  const json& y2023 = contacts["years"][2];
  CHECK(y2023["complete"] == false);
  CHECK_THAT(y2023["same_period"]["change"].get<double>(),
             WithinRel((jan_oct_2023 - jan_oct_2022) / jan_oct_2022, 1e-12));
  const json& p = y2023["projection"];
  CHECK(p["covered_days"] == 304);
  CHECK_THAT(p["run_rate"].get<double>(), WithinRel(jan_oct_2023 * 365 / 304, 1e-12));
  const double share = (jan_oct_2021 / total2021 + jan_oct_2022 / total2022) / 2;
  CHECK_THAT(p["seasonal"].get<double>(), WithinRel(jan_oct_2023 / share, 1e-12));
  CHECK(p["range"][0].get<double>() <= p["range"][1].get<double>());
  // Different metrics are not mixed: each series is alone in its group.
  CHECK(v["mix"]["groups"].empty());
}

TEST_CASE("real volume files: a daily series and a monthly wide table", "[volumes][real]") {
  const std::string dir = ASCOLTO_SHARED_DATA;
  if (!test::file_exists(dir + "/callcenter_daily_calls.csv")) {
    WARN("../shared/data is absent: skipped");
    return;
  }
  const json calls =
      test::analyze(test::read_file(dir + "/callcenter_daily_calls.csv"))["datasets"][0];
  const json& v = calls["volumes"];
  CHECK(v["period"]["granularity"] == "day");
  CHECK(v["series"].size() == 1);  // weekday is not a volume
  CHECK(v["series"][0]["name"] == "calls");
  const json& last = v["series"][0]["years"].back();
  CHECK(last["year"] == 2016);
  CHECK(last["projection"]["covered_days"] == 60);  // to 29 February 2016
  CHECK(last["projection"]["seasonal_years"].size() == 3);
  const json anpr =
      test::analyze(test::read_file(dir + "/anpr_cambi_residenza_canale.csv"))["datasets"][0];
  const json& a = anpr["volumes"];
  CHECK(a["period"]["source"] == "a month column and a year column");
  CHECK(a["series"].size() == 2);
  CHECK(a["series"][0]["total"] == 855756.0);  // DA PORTALE ANPR, April to December 2022
  CHECK(a["series"][0]["years"][0]["complete"] == false);
  // An event log (one row per report, a date, categories) is counted.
  const json reports =
      test::analyze(test::read_file(dir + "/alessandria_segnalazioni.csv"))["datasets"][0];
  CHECK(reports["kind"]["value"] == "volumes");
  CHECK(reports["volumes"]["form"] == "events");
  double counted = 0;
  for (const json& s : reports["volumes"]["series"])
    for (const json& y : s["years"]) counted += y["total"].get<double>();
  CHECK(counted == 4651);  // every report, once
  // The channel mix of a wide table: portal against municipal counters.
  CHECK_THAT(a["mix"]["groups"][0]["years"][0]["shares"][0].get<double>(),
             WithinRel(855756.0 / (855756.0 + 707474.0), 1e-12));
}

TEST_CASE("levels are not summed; ratios come from both parts of a touchpoint", "[volumes]") {
  std::string csv = "mese;touchpoint;sottocanale;metrica;valore\n";
  for (int year = 2022; year <= 2023; ++year)
    for (int month = 1; month <= 12; ++month) {
      const std::string period =
          std::to_string(year) + "-" + (month < 10 ? "0" : "") + std::to_string(month);
      csv += period + ";Social;Facebook;follower;" +
             std::to_string(1000 * (year - 2021) + 10 * month) + "\n";
      csv += period + ";Social;Facebook;visualizzazioni;1000\n";
      csv += period + ";Social;Facebook;interazioni;50\n";
    }
  const json v = test::analyze(csv)["datasets"][0]["volumes"];
  const json& followers = v["series"][0];
  CHECK(followers["kind"] == "stock");
  CHECK(followers["years"][0]["total"] == 1120.0);  // December 2022, not the sum of the months
  CHECK(followers["years"][1]["total"] == 2120.0);
  CHECK_THAT(followers["years"][1]["change"].get<double>(), WithinRel(1000.0 / 1120, 1e-12));
  REQUIRE(v["ratios"].size() == 1);  // Facebook is the whole of Social: one scope
  CHECK(v["ratios"][0]["name"] == "engagement");
  CHECK_THAT(v["ratios"][0]["years"][1]["value"].get<double>(), WithinRel(0.05, 1e-12));
}

TEST_CASE("quarters: written as text, or a quarter and a year column", "[volumes]") {
  for (const char* header : {"trimestre;valore", "trimestre;anno;valore"}) {
    std::string csv = std::string(header) + "\n";
    const bool split = std::string(header) == "trimestre;anno;valore";
    const char* forms[] = {"Q%d %d", "%d° trimestre %d", "T%d-%d", "%d-Q%d"};
    int k = 0;
    for (int year = 2021; year <= 2023; ++year)
      for (int q = 1; q <= (year == 2023 ? 3 : 4); ++q, ++k) {
        char period[40];
        if (split)
          std::snprintf(period, sizeof period, "%d;%d", q, year);
        else if (k % 4 == 3)
          std::snprintf(period, sizeof period, forms[3], year, q);
        else
          std::snprintf(period, sizeof period, forms[k % 3], q, year);
        csv += std::string(period) + ";" + std::to_string(100 * q) + "\n";
      }
    INFO(header);
    const json v = test::analyze(csv)["datasets"][0]["volumes"];
    CHECK(v["period"]["granularity"] == "quarter");
    CHECK(v["series"].size() == 1);
    const json& years = v["series"][0]["years"];
    REQUIRE(years.size() == 3);
    CHECK(years[1]["total"] == 1000.0);
    CHECK(years[1]["complete"] == true);
    CHECK(years[2]["complete"] == false);
    CHECK(years[2]["projection"]["covered_days"] == 273);  // to 30 September
  }
}
