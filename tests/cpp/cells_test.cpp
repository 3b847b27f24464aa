// Cells (cpp/cells): a file reduced by an engine gives the report its rows
// would give, in every figure cells carry; what they cannot carry is named;
// the reduction query is written per dialect.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "cells/sql.hpp"
#include "helpers.hpp"

using Catch::Matchers::WithinRel;
using nlohmann::json;

namespace {

// Feedback rows over 140 days: six applications, three devices, eight
// offices; one application drops in one week (an alert), ratings skewed by
// application. Deterministic.
std::string feedback_rows() {
  const char* apps[] = {"NASpI", "Cedolino", "Estratto conto", "ISEE", "Riscatto", "Bonus"};
  const char* devices[] = {"desktop", "mobile", "tablet"};
  const char* offices[] = {"Direzione provinciale di Roma",   "Direzione provinciale di Milano",
                           "Direzione provinciale di Napoli", "Direzione provinciale di Torino",
                           "Direzione provinciale di Bari",   "Direzione provinciale di Palermo",
                           "Direzione provinciale di Genova", "Direzione provinciale di Firenze"};
  std::string csv = "data,applicativo,dispositivo,voto,sede,commento\n";
  std::uint64_t state = 12345;
  auto next = [&](std::uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  for (int i = 0; i < 9000; ++i) {
    const int day = i * 140 / 9000;
    const std::size_t app = next(6);
    int rating = 1 + static_cast<int>(next(5));
    if (rating < 5 && next(10) < 2 + app) ++rating;  // some applications rate higher
    if (app == 0 && day >= 98 && day < 105) rating = 1 + static_cast<int>(next(2));  // the drop
    char date[16];
    std::snprintf(date, sizeof date, "2024-%02d-%02d", 1 + day / 28, 1 + day % 28);
    csv += std::string(date) + "," + apps[app] + "," + devices[next(3)] + "," +
           std::to_string(rating) + "," + offices[next(8)] + "," +
           (next(4) == 0 ? "servizio lento" : "") + "\n";
  }
  return csv;
}

// The same rows as cells: one per (day, application, device, rating, office).
std::string cells_of(const std::string& rows) {
  std::map<std::tuple<std::string, std::string, std::string, std::string, std::string>,
           std::uint64_t>
      cells;
  std::istringstream in(rows);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string field; std::getline(fields, field, ',');) f.push_back(field);
    ++cells[{f[0], f[1], f[2], f[3], f[4]}];
  }
  std::string csv = "data,applicativo,dispositivo,voto,sede,ascolto_cells_v1\n";
  for (const auto& [k, n] : cells)
    csv += std::get<0>(k) + "," + std::get<1>(k) + "," + std::get<2>(k) + "," + std::get<3>(k) +
           "," + std::get<4>(k) + "," + std::to_string(n) + "\n";
  return csv;
}

// Field by field: numbers within 1e-9 relative, everything else equal.
void require_same(const json& a, const json& b, const std::string& path) {
  INFO(path);
  if (a.is_number() && b.is_number() && !a.is_boolean()) {
    const double x = a.get<double>(), y = b.get<double>();
    REQUIRE(std::fabs(x - y) <= 1e-9 * std::max({1.0, std::fabs(x), std::fabs(y)}));
  } else if (a.is_object() && b.is_object()) {
    REQUIRE(a.size() == b.size());
    for (const auto& [key, value] : a.items()) {
      REQUIRE(b.contains(key));
      require_same(value, b[key], path + "." + key);
    }
  } else if (a.is_array() && b.is_array()) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
      require_same(a[i], b[i], path + "[" + std::to_string(i) + "]");
  } else {
    REQUIRE(a == b);
  }
}

}  // namespace

TEST_CASE("feedback cells give the report of their rows, the comments named as missing",
          "[cells]") {
  const std::string rows = feedback_rows();
  const std::string cells = cells_of(rows);
  REQUIRE(cells.size() < rows.size());
  json micro = test::analyze(rows)["datasets"][0];
  json from_cells = test::analyze(cells)["datasets"][0];
  REQUIRE(from_cells["kind"]["value"] == "feedback");
  // Enough in the data for every section to be there.
  REQUIRE(micro["feedback"]["alerts"].size() > 0);
  REQUIRE(micro["feedback"]["territory"]["levels"].size() == 2);
  REQUIRE(micro["feedback"]["ranking"]["items"].size() == 6);

  const json& note = from_cells["aggregated"];
  CHECK(note["format"] == "ascolto-cells v1");
  CHECK(note["records"] == 9000);
  CHECK(note["cells"] == from_cells["rows"]["used"]);
  CHECK(note["unavailable"][0]["part"] == "comments");
  CHECK(from_cells["feedback"]["text"].is_null());
  CHECK(!micro["feedback"]["text"].is_null());

  // The comment column exists only in the rows.
  micro["feedback"].erase("text");
  micro["feedback"]["columns"]["comment"] = nullptr;
  from_cells["feedback"].erase("text");
  require_same(micro["feedback"], from_cells["feedback"], "feedback");
  require_same(micro["ratings"], from_cells["ratings"], "ratings");
  // Columns: the counts of each application are of records.
  CHECK(from_cells["columns"][1]["top"] == micro["columns"][1]["top"]);
  CHECK(from_cells["columns"][5]["role"] == "count");
  CHECK(from_cells["columns"][5]["sum"] == 9000);

  // A filter on a key (one application, a period) gives the same view too.
  const char* request =
      R"({"feedback": {"application": "NASpI", "from": "2024-02-01", "to": "2024-04-20"}})";
  auto view = [&](const std::string& bytes) {
    ascolto::report::Workspace w;
    w.begin_dataset("f.csv");
    w.feed(bytes);
    w.finish_dataset();
    json v = json::parse(w.report(request))["views"][0]["feedback"];
    v.erase("text");
    v["columns"]["comment"] = nullptr;
    return v;
  };
  require_same(view(rows), view(cells), "filtered");
}

TEST_CASE("cells: a bad count is reported with its line and stands for no record", "[cells]") {
  std::string csv = "data,applicativo,voto,ascolto_cells_v1\n";
  for (int i = 0; i < 40; ++i)
    csv +=
        "2024-01-" + std::to_string(10 + i % 10) + ",NASpI," + std::to_string(1 + i % 5) + ",3\n";
  csv += "2024-01-11,NASpI,4,2.5\n";  // line 42: not whole
  csv += "2024-01-11,NASpI,4,-1\n";   // line 43: negative
  csv += "2024-01-11,NASpI,4,\n";     // line 44: missing
  const json d = test::analyze(csv)["datasets"][0];
  CHECK(test::warning_lines(d, "invalid_count") == json::array({42, 43, 44}));
  CHECK(d["aggregated"]["records"] == 120);
  CHECK(d["feedback"]["overall"]["count"] == 120);
  CHECK(d["feedback"]["overall"]["mean"]["value"].get<double>() == Approx(3.0));
}

TEST_CASE("survey cells with the ratings as keys give the survey of their records", "[cells]") {
  // Each row stands for its count of identical records, a weight among the keys.
  std::string cells = "anno;peso;soddisfazione;servizio_web;ascolto_cells_v1\n";
  std::string records = "anno;peso;soddisfazione;servizio_web\n";
  for (int i = 0; i < 60; ++i) {
    const std::string row = std::to_string(2021 + i % 2) + ";1," + std::to_string(i % 3) + ";" +
                            std::to_string(1 + i % 5) + ";" + std::to_string(1 + (i + 1) % 5);
    cells += row + ";" + std::to_string(1 + i % 4) + "\n";
    for (int k = 0; k < 1 + i % 4; ++k) records += row + "\n";
  }
  const json d = test::analyze(cells)["datasets"][0];
  const json m = test::analyze(records)["datasets"][0];
  REQUIRE(d["kind"]["value"] == "survey");
  REQUIRE(d.contains("survey"));
  CHECK(d["aggregated"]["records"] == 150);
  CHECK(d["survey"]["respondents"] == m["survey"]["respondents"]);
  const json& a = d["survey"]["overall"];
  const json& b = m["survey"]["overall"];
  CHECK(a["estimate"]["n"] == b["estimate"]["n"]);
  CHECK_THAT(a["estimate"]["value"].get<double>(),
             WithinRel(b["estimate"]["value"].get<double>(), 1e-12));
  CHECK_THAT(a["estimate"]["se"].get<double>(), WithinRel(b["estimate"]["se"].get<double>(), 1e-9));
  CHECK_THAT(a["top2"]["ci95"][0].get<double>(),
             WithinRel(b["top2"]["ci95"][0].get<double>(), 1e-9));
  CHECK_THAT(a["wave_differences"][0]["se"].get<double>(),
             WithinRel(b["wave_differences"][0]["se"].get<double>(), 1e-9));
  CHECK_THAT(a["by_wave"][1]["estimate"]["se"].get<double>(),
             WithinRel(b["by_wave"][1]["estimate"]["se"].get<double>(), 1e-9));
  CHECK(d["survey"]["weighting"]["column"] == "peso");
  CHECK_THAT(d["survey"]["weighting"]["design_effect"].get<double>(),
             WithinRel(m["survey"]["weighting"]["design_effect"].get<double>(), 1e-12));
  // What cells cannot carry is named.
  std::vector<std::string> parts;
  for (const json& u : d["aggregated"]["unavailable"]) parts.push_back(u["part"]);
  CHECK(std::find(parts.begin(), parts.end(), "drivers") != parts.end());
  CHECK(d["survey"]["drivers"].is_null());
}

TEST_CASE("the reduction query per dialect", "[cells]") {
  using ascolto::cells::Dialect;
  const std::vector<ascolto::cells::KeyColumn> keys = {
      {"applicativo"}, {"data \"ora\"", ascolto::cells::KeyColumn::By::day}, {"voto"}};
  auto query = [&](Dialect d, const std::string& zone) {
    std::string out;
    ascolto::cells::SqlRequest r{"feedback", d, "feedback", zone};
    REQUIRE(!ascolto::cells::reduction_sql(r, keys, {}, out));
    return out;
  };
  const std::string duck = query(Dialect::duckdb, "");
  CHECK(duck.find("CAST(\"data \"\"ora\"\"\" AS DATE) AS \"data \"\"ora\"\"\"") !=
        std::string::npos);
  CHECK(duck.find("COUNT(*) AS \"ascolto_cells_v1\"") != std::string::npos);
  // Days first in the order: the core reads a day's cells as one run.
  CHECK(duck.find("ORDER BY CAST(\"data \"\"ora\"\"\" AS DATE), \"applicativo\"") !=
        std::string::npos);
  CHECK(query(Dialect::postgres, "Europe/Rome")
            .find("CAST((\"data \"\"ora\"\"\" AT TIME ZONE 'Europe/Rome') AS DATE)") !=
        std::string::npos);
  CHECK(query(Dialect::bigquery, "Europe/Rome").find("DATE(`data \"ora\"`, 'Europe/Rome')") !=
        std::string::npos);
  CHECK(query(Dialect::clickhouse, "").find("toDate(`data \"ora\"`)") != std::string::npos);
  CHECK(query(Dialect::spark, "Europe/Rome")
            .find("TO_DATE(FROM_UTC_TIMESTAMP(`data \"ora\"`, 'Europe/Rome'))") !=
        std::string::npos);
  CHECK(query(Dialect::trino, "").find("CAST(\"data \"\"ora\"\"\" AS DATE)") != std::string::npos);
  // No engine's week function: weeks are the core's (ISO, Monday).
  for (Dialect d : {Dialect::bigquery, Dialect::clickhouse})
    CHECK(query(d, "").find("WEEK") == std::string::npos);

  std::string out;
  ascolto::cells::SqlRequest bad{"feedback", Dialect::duckdb, "t", "Europe/Rome'; DROP"};
  CHECK(ascolto::cells::reduction_sql(bad, keys, {}, out).code ==
        ascolto::ErrorCode::invalid_request);
  std::vector<ascolto::cells::KeyColumn> none;
  CHECK(ascolto::cells::keys_for("survey", {}, none).code == ascolto::ErrorCode::invalid_request);
}

TEST_CASE("the reduction query from a sample's roles, through the report request", "[cells]") {
  ascolto::report::Workspace w;
  w.begin_dataset("sample.csv");
  w.feed(feedback_rows());
  w.finish_dataset();
  const json sql = json::parse(
      w.report(R"({"sql": {"dialect": "postgres", "table": "feedback.instant"}})"))["sql"][0];
  CHECK(sql["kind"] == "feedback");
  CHECK(sql["keys"] == json::parse(R"([{"column": "data", "by": "day"},
      {"column": "applicativo", "by": "value"}, {"column": "dispositivo", "by": "value"},
      {"column": "voto", "by": "value"}, {"column": "sede", "by": "value"}])"));
  CHECK(sql["query"].get<std::string>().find("FROM feedback.instant") != std::string::npos);
  const json unknown =
      json::parse(w.report(R"({"sql": {"dialect": "oracle", "table": "t"}})"))["sql"][0];
  CHECK(unknown["error"]["message"].get<std::string>().find("duckdb, postgres") !=
        std::string::npos);
}

TEST_CASE("the query keys dates written in words as written, and only the date the report reads",
          "[cells]") {
  // As Amazon.it exports reviews: the engine holds "7 febbraio 2024" as text,
  // which no CAST reads; the core reads it from the cells as from the sample.
  std::string csv = "recensione,data,stelle,aggiornata\n";
  for (int i = 0; i < 30; ++i)
    csv += "buono," + std::to_string(1 + i % 28) + " febbraio 2024," + std::to_string(1 + i % 5) +
           "," + std::to_string(1 + i % 28) + " marzo 2024\n";
  ascolto::report::Workspace w;
  w.begin_dataset("recensioni.csv");
  w.feed(csv);
  w.finish_dataset();
  const json sql =
      json::parse(w.report(R"({"sql": {"dialect": "postgres", "table": "t"}})"))["sql"][0];
  CHECK(sql["keys"] == json::parse(R"([{"column": "data", "by": "value"},
      {"column": "stelle", "by": "value"}])"));
  CHECK(sql["query"].get<std::string>().find("CAST") == std::string::npos);
}

namespace {

// Lines counted as cells (every column a key), listed in reverse order of
// their keys: a file's rows and its cells never come in the same order.
std::string counted_lines(const std::string& rows) {
  std::istringstream in(rows);
  std::string header, line;
  std::getline(in, header);
  std::map<std::string, std::uint64_t, std::greater<>> cells;
  while (std::getline(in, line)) ++cells[line];
  std::string csv = header + ";ascolto_cells_v1\n";
  for (const auto& [key, n] : cells) csv += key + ";" + std::to_string(n) + "\n";
  return csv;
}

// A contact log over 400 days, 4 channels, more contacts on Mondays.
std::string contact_log() {
  const char* channels[] = {"telefono", "email", "sportello", "chat"};
  std::string csv = "data_contatto;canale\n";
  for (int i = 0; i < 6000; ++i) {
    const int day = (i * 37) % 400;
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2023 + day / 336, 1 + (day % 336) / 28,
                  1 + day % 28);
    csv += std::string(date) + ";" + channels[i % 13 % 4] + "\n";
  }
  return csv;
}

}  // namespace

TEST_CASE("volumes and media cells give the report of their rows, in any row order", "[cells]") {
  SECTION("a contact log: rows counted per channel and month") {
    const std::string rows = contact_log();
    json micro = test::analyze(rows)["datasets"][0];
    json cells = test::analyze(counted_lines(rows))["datasets"][0];
    REQUIRE(micro["kind"]["value"] == "volumes");
    REQUIRE(cells["kind"]["value"] == "volumes");
    REQUIRE(micro["volumes"]["form"] == "events");
    REQUIRE(micro["volumes"]["series"].size() == 4);
    CHECK(cells["aggregated"]["records"] == 6000);
    CHECK(cells["aggregated"]["cells"].get<int>() < 1700);
    CHECK(cells["aggregated"]["unavailable"][0]["part"] == "other_columns");
    require_same(cells["volumes"], micro["volumes"], "volumes");
    require_same(cells["sintesi"], micro["sintesi"], "sintesi");
  }
  SECTION("a media review: items per week and outlet type, the negative share, the alert") {
    std::string rows = "data;tipo_testata;testata;titolo;sentiment\n";
    const char* types[] = {"web", "stampa", "radio/TV"};
    for (int i = 0; i < 3000; ++i) {
      const int day = i % 120;
      const bool crisis = day >= 70 && day < 77 && i % 3 == 0;
      char date[16];
      std::snprintf(date, sizeof date, "2024-%02d-%02d", 1 + day / 30, 1 + day % 30);
      rows += std::string(date) + ";" + types[(i / 7) % 3] + ";testata " + std::to_string(i % 11) +
              ";INPS, titolo " + std::to_string(i) + ";" +
              (crisis || i % 9 == 0 ? "negativo" : "neutro") + "\n";
    }
    json micro = test::analyze(rows)["datasets"][0];
    // The cells drop the titles, as the media query does.
    std::string without_titles;
    std::istringstream in(rows);
    for (std::string line; std::getline(in, line);) {
      const auto a = line.find(';', line.find(';', line.find(';') + 1) + 1);
      without_titles += line.substr(0, a) + line.substr(line.find(';', a + 1)) + "\n";
    }
    json cells = test::analyze(counted_lines(without_titles))["datasets"][0];
    REQUIRE(micro["kind"]["value"] == "media");
    REQUIRE(cells["kind"]["value"] == "media");
    REQUIRE(micro["media"]["alerts"].size() == 1);
    CHECK(micro["media"]["alerts"][0]["items"].size() == 10);
    CHECK(cells["media"]["alerts"][0]["items"].empty());
    CHECK(cells["aggregated"]["unavailable"][0]["part"] == "items");
    // By items, then by name, in both.
    const json& by_type = micro["media"]["outlet_types"];
    CHECK(by_type[0]["items"] >= by_type[1]["items"]);
    CHECK(by_type[1]["items"] >= by_type[2]["items"]);
    for (json* m : {&micro, &cells}) {
      (*m)["media"]["alerts"][0].erase("items");
      (*m)["media"]["columns"].erase("title");
    }
    require_same(cells["media"], micro["media"], "media");
  }
}
