// The files in ../shared/data, written by others (see its SOURCES.md).
// Skipped, with a message, where that folder is absent.
#include <catch2/catch.hpp>

#include "helpers.hpp"

namespace {
nlohmann::json shared(const std::string& name) {
  const std::string path = std::string(ASCOLTO_SHARED_DATA) + "/" + name;
  if (!test::file_exists(path)) return nullptr;
  return test::analyze(test::read_file(path), 1 << 16)["datasets"][0];
}
}  // namespace

TEST_CASE("callcenter: BOM, ';', CRLF, unpadded day-first dates", "[real]") {
  const auto d = shared("callcenter_daily_calls.csv");
  if (d.is_null()) {
    WARN("../shared/data is absent: skipped");
    return;
  }
  CHECK(d["file"]["encoding"] == "utf-8-bom");
  CHECK(d["file"]["delimiter"] == ";");
  CHECK(d["file"]["line_ending"] == "crlf");
  CHECK(d["rows"]["read"] == 1155);
  CHECK(d["columns"][0]["name"] == "date");  // not "\ufeffdate"
  CHECK(d["columns"][0]["type"] == "date");
  CHECK(d["columns"][0]["min"] == "2013-01-01");
  CHECK(d["columns"][0]["max"] == "2016-02-29");
}

TEST_CASE("airline survey: empty first header, 0 as not applicable", "[real]") {
  const auto d = shared("airline_passenger_satisfaction_test.csv");
  if (d.is_null()) {
    WARN("../shared/data is absent: skipped");
    return;
  }
  CHECK(d["rows"]["read"] == 25976);
  CHECK(d["kind"]["value"] == "survey");
  CHECK(d["ratings"].size() == 14);
  const auto& wifi = d["ratings"][0];
  CHECK(wifi["column"] == "Inflight wifi service");
  CHECK(wifi["not_applicable"] == 813);
  CHECK(wifi["mean"]["n"] == 25976 - 813);
  CHECK(d["columns"][0]["role"] == "identifier");
  CHECK(d["columns"][23]["missing"] == 83);  // Arrival Delay in Minutes
}

TEST_CASE("alessandria: ';' with ISO dates and empty closing dates", "[real]") {
  const auto d = shared("alessandria_segnalazioni.csv");
  if (d.is_null()) {
    WARN("../shared/data is absent: skipped");
    return;
  }
  CHECK(d["rows"]["read"] == 4651);
  CHECK(d["columns"][4]["name"] == "Chiusa");
  CHECK(d["columns"][4]["type"] == "date");
  CHECK(d["columns"][4]["missing"] == 1968);
  CHECK(d["columns"][6]["missing"] == 36);
}

TEST_CASE("amazon reviews: quoted text with doubled quotes and emoji", "[real]") {
  const auto d = shared("amazon_it_reviews.csv");
  if (d.is_null()) {
    WARN("../shared/data is absent: skipped");
    return;
  }
  CHECK(d["rows"]["read"] == 50);
  CHECK(d["rows"]["rejected"] == 0);
  CHECK(d["columns"][0]["type"] == "text");
}

TEST_CASE("anpr: a wide table without final newline", "[real]") {
  const auto d = shared("anpr_cambi_residenza_canale.csv");
  if (d.is_null()) {
    WARN("../shared/data is absent: skipped");
    return;
  }
  CHECK(d["rows"]["read"] == 18);
  CHECK(d["columns"][2]["max"] == 131618.0);
}

TEST_CASE("amazon reviews: stars and written dates understood, a feedback report", "[real]") {
  const auto d = shared("amazon_it_reviews.csv");
  if (d.is_null()) {
    WARN("../shared/data is absent: skipped");
    return;
  }
  CHECK(d["kind"]["value"] == "feedback");
  CHECK(d["columns"][0]["role"] == "comment");  // review_text
  const auto& stars = d["columns"][3];
  CHECK(stars["name"] == "review_stars");
  CHECK(stars["role"] == "rating");
  CHECK(stars["invalid"] == 0);
  CHECK(stars["format"] == "stars in words (\"5,0 su 5 stelle\")");
  const auto& date = d["columns"][1];
  CHECK(date["type"] == "date");
  CHECK(date["invalid"] == 0);
  CHECK(date["max"] == "2024-02-07");           // "Recensito in Italia il 7 febbraio 2024"
  CHECK(d["columns"][2]["role"] == "comment");  // the title: stars followed by words
  REQUIRE(d["ratings"].size() == 1);
  // 32 of the 50 reviews give 5 stars.
  CHECK(d["ratings"][0]["distribution"][4]["count"] == 32);
}
