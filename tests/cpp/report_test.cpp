#include <catch2/catch.hpp>

#include "helpers.hpp"

using test::analyze;

TEST_CASE("the report of a small feedback file", "[report]") {
  const auto bytes = test::read_file(std::string(ASCOLTO_FIXTURES) + "/feedback_small.csv");
  const auto report = analyze(bytes);
  REQUIRE(report["format"] == "ascolto-report");
  const auto& d = report["datasets"][0];
  CHECK(d["kind"]["value"] == "feedback");
  CHECK(d["file"]["delimiter"] == ";");
  CHECK(d["rows"]["read"] == 10);
  CHECK(d["rows"]["used"] == 10);
  REQUIRE(d["ratings"].size() == 1);
  const auto& rating = d["ratings"][0];
  CHECK(rating["column"] == "voto");
  CHECK(rating["mean"]["value"] == Approx(3.6));
  CHECK(rating["mean"]["n"] == 10);
  CHECK(rating["mean"]["low_base"] == true);
  CHECK(rating["distribution"][0]["count"] == 1);
  CHECK(rating["top2"]["value"] == Approx(0.6));
}

TEST_CASE("the same report whatever the chunk size", "[report]") {
  const auto bytes = test::read_file(std::string(ASCOLTO_FIXTURES) + "/feedback_small.csv");
  const auto whole = analyze(bytes, bytes.size());
  CHECK(analyze(bytes, 1) == whole);
  CHECK(analyze(bytes, 7) == whole);
}

TEST_CASE("bases under the disclosure threshold are suppressed", "[report]") {
  const auto report = analyze("voto\n5\n4\n3\n", 64);
  const auto& rating = report["datasets"][0]["ratings"][0];
  CHECK(rating["mean"]["suppressed"] == true);
  CHECK_FALSE(rating["mean"].contains("value"));
  CHECK(rating["distribution"][0]["count"].is_null());
  CHECK(report["datasets"][0]["disclosure"] == nlohmann::json({{"min_base", 5}, {"low_base", 30}}));
}

TEST_CASE("configured disclosure thresholds are applied and stated in the report", "[report]") {
  const auto report = analyze("voto\n5\n4\n3\n", 64, R"({"min_base": 3, "low_base": 10})");
  const auto& d = report["datasets"][0];
  CHECK(d["disclosure"] == nlohmann::json({{"min_base", 3}, {"low_base", 10}}));
  CHECK(d["ratings"][0]["mean"]["value"] == Approx(4.0));
  CHECK(d["ratings"][0]["mean"]["low_base"] == true);
}

TEST_CASE("a rating outside its configured scale is left out and reported", "[report]") {
  const auto report =
      analyze("voto\n5\n4\n6\n3\n2\n1\n", 64, R"({"columns": {"voto": {"scale": [1, 5]}}})");
  const auto& d = report["datasets"][0];
  CHECK(d["ratings"][0]["out_of_scale"] == 1);
  CHECK(d["ratings"][0]["mean"]["n"] == 5);
  CHECK(test::warning_lines(d, "rating_out_of_scale") == nlohmann::json({4}));
}

TEST_CASE("a configured scale of more than eleven points, or of half points, is refused",
          "[report]") {
  // A 0-100 scale overflowed the feedback report's counts per point (a crash).
  const std::string csv = "data,applicativo,voto\n2024-01-01,A,50\n2024-01-02,B,99\n";
  for (const char* scale : {"[0, 100]", "[0, 11]", "[0.5, 5]"}) {
    const auto report =
        analyze(csv, 64, std::string(R"({"columns": {"voto": {"scale": )") + scale + "}}}");
    REQUIRE(report.contains("config_error"));
    CHECK(report["config_error"].get<std::string>().find("at most eleven") != std::string::npos);
  }
  const auto eleven = analyze(csv, 64, R"({"columns": {"voto": {"scale": [0, 10]}}})");
  CHECK(eleven["datasets"][0]["ratings"][0]["scale"]["max"] == 10.0);
}

TEST_CASE("file-level errors are reported with code and line", "[report]") {
  CHECK(analyze("")["error"]["code"] == "empty_file");
  CHECK(analyze("a,b\n")["error"]["code"] == "header_only");
  CHECK(analyze(std::string("\0\0\0\x01garbage", 11))["error"]["code"] == "binary_data");
  const auto open_quote = analyze("a,b\n1,\"x\n", 3);
  CHECK(open_quote["error"]["code"] == "unterminated_quote");
  CHECK(open_quote["error"]["line"] == 2);
  CHECK(open_quote["datasets"][0]["name"] == "test.csv");
}

TEST_CASE("a bad configuration is refused with a reason", "[report]") {
  CHECK(analyze("a\n1\n", 4, R"({"delimter": ";"})").contains("config_error"));
  CHECK(analyze("a\n1\n", 4, R"({"min_base": 2})").contains("config_error"));
  CHECK(analyze("a\n1\n", 4, "not json").contains("config_error"));
}

TEST_CASE("the weight column makes estimates weighted", "[report]") {
  const auto report =
      analyze(test::read_file(std::string(ASCOLTO_FIXTURES) + "/r/weighted_ratings.csv"));
  const auto& d = report["datasets"][0];
  CHECK(d["weight"] == "peso");
  CHECK(d["ratings"][0]["weighted"] == true);
  CHECK(d["ratings"][0]["mean"]["value"] == Approx(3.44545454545455).epsilon(1e-12));
}

TEST_CASE("aggregate: a rating grouped by a category, largest group first", "[report]") {
  ascolto::report::Workspace workspace;
  workspace.begin_dataset("f.csv");
  workspace.feed(test::read_file(std::string(ASCOLTO_FIXTURES) + "/feedback_small.csv"));
  REQUIRE_FALSE(workspace.finish_dataset());
  const auto report = nlohmann::json::parse(
      workspace.report(R"({"aggregate": {"by": "applicativo", "rating": "voto"}})"));
  const auto& groups = report["aggregates"][0]["groups"];
  REQUIRE(groups.size() == 2);
  CHECK(groups[0]["value"] == "NASpI");
  CHECK(groups[0]["mean"]["n"] == 7);
  CHECK(groups[0]["mean"]["value"] == Approx(27.0 / 7));  // 5+4+5+4+1+5+3
  CHECK(groups[0]["counts"] == nlohmann::json({1, 0, 1, 2, 3}));
  CHECK(groups[1]["mean"]["suppressed"] == true);  // 3 feedbacks: below the base of 5
  CHECK(groups[1]["counts"].is_null());
  const auto bad = nlohmann::json::parse(workspace.report(R"({"aggregate": {"by": "voto"}})"));
  CHECK(bad["error"]["code"] == "invalid_request");
}

TEST_CASE("a rating header tolerates a few typing errors, reported with their lines", "[report]") {
  std::string csv = "voto\n";
  for (int i = 0; i < 99; ++i) csv += std::to_string(1 + i % 5) + "\n";
  csv += "6\n";  // line 101
  const auto report = analyze(csv);
  const auto& d = report["datasets"][0];
  REQUIRE(d["ratings"].size() == 1);
  CHECK(d["ratings"][0]["scale"]["max"] == 5.0);
  CHECK(d["ratings"][0]["out_of_scale"] == 1);
  CHECK(d["ratings"][0]["mean"]["n"] == 99);
  CHECK(test::warning_lines(d, "rating_out_of_scale") == nlohmann::json({101}));
  // Without a rating header the same values are not taken for a rating.
  std::string plain = "numero\n";
  for (int i = 0; i < 99; ++i) plain += std::to_string(1 + i % 5) + "\n";
  plain += "6\n";
  CHECK(analyze(plain)["datasets"][0]["ratings"].empty());
}

TEST_CASE("a dataset's reading options lie over the workspace's configuration", "[report]") {
  ascolto::report::Workspace workspace;
  // The analyst's Italian setting: "," is the decimal mark.
  REQUIRE_FALSE(workspace.configure(R"({"decimal": ",", "min_base": 3})"));
  // A Parquet file converted to CSV says how it was written: "1.250" is one
  // and a quarter, not 1,250, whatever the configuration says.
  REQUIRE_FALSE(workspace.begin_dataset(
      "voti.parquet", 0, R"({"delimiter": ",", "decimal": ".", "source_format": "parquet"})"));
  REQUIRE_FALSE(workspace.feed("peso,voto\n1.250,4\n0.750,2\n1.000,5\n"));
  REQUIRE_FALSE(workspace.finish_dataset());
  // The next dataset is the analyst's again.
  REQUIRE_FALSE(workspace.begin_dataset("italiano.csv"));
  REQUIRE_FALSE(workspace.feed("peso;voto\n1,250;4\n0,750;2\n1,000;5\n"));
  REQUIRE_FALSE(workspace.finish_dataset());
  const auto report = nlohmann::json::parse(workspace.report("{}"));
  for (const auto& d : report["datasets"]) {
    INFO(d["name"]);
    CHECK(d["weight"] == "peso");
    CHECK(d["ratings"][0]["mean"]["value"].get<double>() ==
          Approx((1.25 * 4 + 0.75 * 2 + 1.0 * 5) / 3.0));
  }
  CHECK(report["datasets"][0]["file"]["format"] == "parquet");
  CHECK_FALSE(report["datasets"][1]["file"].contains("format"));
  // Options that are not an object, or a key no reader sets, are refused.
  CHECK(workspace.begin_dataset("x.parquet", 0, "[1]").code == ascolto::ErrorCode::invalid_config);
  CHECK(workspace.begin_dataset("x.parquet", 0, R"({"source_format": "orc"})").code ==
        ascolto::ErrorCode::invalid_config);
}
