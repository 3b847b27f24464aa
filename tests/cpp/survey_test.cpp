// The survey report against R's survey package: tests/fixtures/r/
// survey_reference.R writes survey_small.csv and the values in
// survey_reference.txt (svymean, svyby + svycontrast, svyciprop, rake).
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "report/survey_structure.hpp"

using Catch::Matchers::WithinRel;
using nlohmann::json;

namespace {

constexpr double kTolerance = 1e-7;  // tighter than the 6 significant digits required

json survey_of(const std::string& config = "") {
  const std::string bytes = test::read_file(std::string(ASCOLTO_FIXTURES) + "/r/survey_small.csv");
  json report = test::analyze(bytes, 1 << 16, config);
  REQUIRE(report["datasets"][0]["kind"]["value"] == "survey");
  return report["datasets"][0]["survey"];
}

const json& find(const json& list, const std::string& key, const std::string& value) {
  for (const json& item : list)
    if (item[key] == value) return item;
  FAIL("no " << key << " = " << value);
  return list;
}

const std::string kRakingConfig = R"({"survey": {"raking": {"margins": {
  "genere": {"Donna": 0.5124, "Uomo": 0.4876},
  "classe_eta": {"18-34": 0.25, "35-59": 0.4, "60+": 0.35}}}}})";

}  // namespace

TEST_CASE("overall satisfaction by wave: the difference, its se and p as svycontrast", "[survey]") {
  auto r = test::r_reference("survey_reference.txt");
  const json s = survey_of();
  CHECK(s["weighting"]["method"] == "column");
  const json& overall = s["overall"];
  CHECK(overall["column"] == "soddisfazione_globale");
  // The headline is the latest wave's; the pooled mean is not reported.
  CHECK(s["wave"]["current"] == "2022");
  CHECK_THAT(overall["estimate"]["value"].get<double>(), WithinRel(r["overall_2022"], kTolerance));
  CHECK_THAT(overall["estimate"]["se"].get<double>(), WithinRel(r["overall_2022_se"], kTolerance));
  const json& wave2021 = overall["by_wave"][0];
  CHECK(wave2021["wave"] == "2021");
  CHECK_THAT(wave2021["estimate"]["value"].get<double>(), WithinRel(r["overall_2021"], kTolerance));
  CHECK_THAT(wave2021["estimate"]["se"].get<double>(), WithinRel(r["overall_2021_se"], kTolerance));
  CHECK_THAT(overall["by_wave"][1]["estimate"]["se"].get<double>(),
             WithinRel(r["overall_2022_se"], kTolerance));
  const json& d = overall["wave_differences"][0];
  CHECK(d["from"] == "2021");
  CHECK(d["to"] == "2022");
  CHECK_THAT(d["value"].get<double>(), WithinRel(r["wave_difference"], kTolerance));
  CHECK_THAT(d["se"].get<double>(), WithinRel(r["wave_difference_se"], kTolerance));
  CHECK_THAT(d["p"].get<double>(), WithinRel(r["wave_difference_p"], 1e-6));
  CHECK(d["significant"] == true);
}

TEST_CASE("an item with missing answers: the rows stay in the design, as svymean(na.rm = TRUE)",
          "[survey]") {
  auto r = test::r_reference("survey_reference.txt");
  const json report =
      test::analyze(test::read_file(std::string(ASCOLTO_FIXTURES) + "/r/survey_small.csv"));
  const json& item = find(report["datasets"][0]["ratings"], "column", "informazione_app");
  CHECK_THAT(item["mean"]["value"].get<double>(), WithinRel(r["item_app_mean"], kTolerance));
  CHECK_THAT(item["mean"]["se"].get<double>(), WithinRel(r["item_app_se"], kTolerance));
}

TEST_CASE("a group against the rest: difference and p-value as svycontrast", "[survey]") {
  auto r = test::r_reference("survey_reference.txt");
  const json s = survey_of();
  const json& regions = find(s["breakdowns"], "by", "regione");
  const json& metric = find(regions["metrics"], "metric", "informazione_web");
  const json& sicilia = find(metric["cells"], "value", "Sicilia");
  CHECK_THAT(sicilia["estimate"]["value"].get<double>(), WithinRel(r["sicilia_mean"], kTolerance));
  CHECK_THAT(sicilia["estimate"]["se"].get<double>(), WithinRel(r["sicilia_se"], kTolerance));
  CHECK_THAT(sicilia["vs_rest"]["value"].get<double>(),
             WithinRel(r["sicilia_vs_rest"], kTolerance));
  CHECK_THAT(sicilia["vs_rest"]["se"].get<double>(),
             WithinRel(r["sicilia_vs_rest_se"], kTolerance));
  CHECK_THAT(sicilia["vs_rest"]["p"].get<double>(), WithinRel(r["sicilia_vs_rest_p"], 1e-6));
  CHECK(sicilia["mark"] == "lower");  // p = 0.007
  const json& lazio = find(metric["cells"], "value", "Lazio");
  CHECK(lazio["vs_rest"]["p"].get<double>() > 0.05);
  CHECK(lazio["mark"].is_null());
}

TEST_CASE("composite index, phase mean, yes/no share and driver importance match R", "[survey]") {
  auto r = test::r_reference("survey_reference.txt");
  const json s = survey_of();
  REQUIRE(s["indices"].size() == 1);
  const json& index = s["indices"][0];
  CHECK(index["items"].size() == 3);
  CHECK_THAT(index["mean"]["value"].get<double>(), WithinRel(r["index_mean"], kTolerance));
  CHECK_THAT(index["mean"]["se"].get<double>(), WithinRel(r["index_se"], kTolerance));
  CHECK(index["mean"]["n"].get<double>() == r["index_n"]);

  const json& journey = s["journey"];
  CHECK(journey["channels"] == json::array({"Web", "App", "Sede"}));
  const json& phase = find(journey["by_phase"], "phase", "Pratica");
  CHECK_THAT(phase["mean"]["value"].get<double>(), WithinRel(r["phase_pratica_mean"], kTolerance));
  CHECK_THAT(phase["mean"]["se"].get<double>(), WithinRel(r["phase_pratica_se"], kTolerance));

  const json& yes = find(s["shares"]["yes_no"], "column", "nessuna_difficolta")["yes"];
  CHECK_THAT(yes["value"].get<double>(), WithinRel(r["yes_share"], kTolerance));
  CHECK_THAT(yes["ci95"][0].get<double>(), WithinRel(r["yes_low"], 1e-6));
  CHECK_THAT(yes["ci95"][1].get<double>(), WithinRel(r["yes_high"], 1e-6));

  const json& driver = find(s["drivers"]["items"], "column", "pratica_web");
  CHECK_THAT(driver["importance"].get<double>(), WithinRel(r["driver_pratica_web"], kTolerance));
}

TEST_CASE("raking within waves: weights and raked estimates as survey::rake", "[survey]") {
  auto r = test::r_reference("survey_reference.txt");
  const json s = survey_of(kRakingConfig);
  const json& w = s["weighting"];
  REQUIRE(w["method"] == "raking");
  CHECK(w["raking"]["converged"] == true);
  CHECK(w["raking"]["within_waves"] == true);
  CHECK_THAT(w["weight_min"].get<double>(), WithinRel(r["raked_weight_min"], 1e-6));
  CHECK_THAT(w["weight_max"].get<double>(), WithinRel(r["raked_weight_max"], 1e-6));
  CHECK_THAT(w["design_effect"].get<double>(), WithinRel(r["raked_design_effect"], 1e-6));
  const json& overall = s["overall"];
  CHECK_THAT(overall["estimate"]["value"].get<double>(), WithinRel(r["raked_2022"], 1e-6));
  CHECK_THAT(overall["estimate"]["se"].get<double>(), WithinRel(r["raked_2022_se"], 1e-6));
  CHECK_THAT(overall["by_wave"][1]["estimate"]["value"].get<double>(),
             WithinRel(r["raked_2022"], 1e-6));
  CHECK_THAT(overall["by_wave"][1]["estimate"]["se"].get<double>(),
             WithinRel(r["raked_2022_se"], 1e-6));
  CHECK_THAT(s["indices"][0]["mean"]["value"].get<double>(), WithinRel(r["raked_index"], 1e-6));
  CHECK_THAT(s["indices"][0]["mean"]["se"].get<double>(), WithinRel(r["raked_index_se"], 1e-6));
  const json& yes = find(s["shares"]["yes_no"], "column", "nessuna_difficolta")["yes"];
  CHECK_THAT(yes["value"].get<double>(), WithinRel(r["raked_yes"], 1e-6));
  CHECK_THAT(yes["ci95"][0].get<double>(), WithinRel(r["raked_yes_low"], 1e-6));
  CHECK_THAT(yes["ci95"][1].get<double>(), WithinRel(r["raked_yes_high"], 1e-6));
  // The raked profile hits the margin within each wave.
  const json& gender = find(s["breakdowns"], "by", "genere");
  CHECK(gender["groups"].size() == 2);
}

TEST_CASE("raking refuses a margin without a figure for a category of the data", "[survey]") {
  const json report =
      test::analyze(test::read_file(std::string(ASCOLTO_FIXTURES) + "/r/survey_small.csv"), 1 << 16,
                    R"({"survey": {"raking": {"margins": {"genere": {"Donna": 1}}}}})");
  const json& d = report["datasets"][0];
  CHECK(d["survey"]["weighting"]["method"] == "column");
  CHECK(test::warning_lines(d, "raking_not_applied").is_array());
}

TEST_CASE("journey phase and channel from item names", "[survey]") {
  using ascolto::report::split_phase_channel;
  struct Case {
    const char* header;
    bool split;
    const char* phase;
    const char* channel;
  };
  const Case cases[] = {
      {"Informazione - Web", true, "Informazione", "Web"},
      {"informazione_web", true, "Informazione", "Web"},
      {"soddisfazione_pratica_contact_center", true, "Pratica", "Contact center"},
      {"fase:canale", true, "fase", "canale"},
      {"esito_sede", true, "Esito", "Sede"},
      {"Seat comfort", false, "", ""},
      {"web", false, "", ""},
  };
  for (const Case& c : cases) {
    std::string phase, channel;
    INFO(c.header);
    CHECK(split_phase_channel(c.header, phase, channel) == c.split);
    if (c.split) {
      CHECK(phase == c.phase);
      CHECK(channel == c.channel);
    }
  }
}

TEST_CASE("complementary suppression: one small group hides the next smallest too", "[survey]") {
  // 40 respondents: 3 in "Molise" (under the base of 5) would be recoverable
  // from the total and the other groups, so "Umbria" (6) is hidden too.
  std::string csv = "regione;soddisfazione_globale;servizio_web;servizio_app\n";
  auto add = [&](const char* region, int count) {
    for (int i = 0; i < count; ++i)
      csv += std::string(region) + ";" + std::to_string(1 + i % 5) + ";" +
             std::to_string(1 + (i + 1) % 5) + ";" + std::to_string(1 + (i + 2) % 5) + "\n";
  };
  add("Lazio", 31);
  add("Umbria", 6);
  add("Molise", 3);
  const json s = test::analyze(csv)["datasets"][0]["survey"];
  const json& regions = find(s["profile"], "column", "regione")["categories"];
  CHECK(find(regions, "value", "Molise")["share"]["suppressed"] == true);
  CHECK(find(regions, "value", "Umbria")["share"]["suppressed"] == true);
  CHECK(find(regions, "value", "Lazio")["count"] == 31);
  const json& cells =
      find(s["breakdowns"][0]["metrics"], "metric", "soddisfazione_globale")["cells"];
  CHECK(find(cells, "value", "Umbria")["estimate"]["suppressed"] == true);
  CHECK(!find(cells, "value", "Umbria")["estimate"].contains("value"));
  CHECK(find(cells, "value", "Lazio")["estimate"].contains("value"));
}

TEST_CASE("multi-response options: shares of respondents, from 0/1 columns or a delimited list",
          "[survey]") {
  std::string csv = "soddisfazione_globale;voto_web;notizie_tv;notizie_radio;fonti\n";
  for (int i = 0; i < 20; ++i)
    csv += std::to_string(1 + i % 5) + ";" + std::to_string(1 + (i * 3) % 5) + ";" +
           (i % 2 ? "1" : "0") + ";" + (i % 4 == 0 ? "1" : "0") + ";" +
           (i % 2 ? "\"tv|stampa\"" : "stampa") + "\n";
  const json s = test::analyze(csv)["datasets"][0]["survey"];
  const json& multi = s["shares"]["multi_response"];
  REQUIRE(multi.size() == 2);
  const json& news = find(multi, "name", "notizie");
  CHECK(news["source"] == "columns");
  CHECK(find(news["options"], "value", "tv")["share"]["value"] == 0.5);
  CHECK(find(news["options"], "value", "radio")["share"]["value"] == 0.25);
  const json& sources = find(multi, "name", "fonti");
  CHECK(sources["source"] == "delimited");
  CHECK(find(sources["options"], "value", "stampa")["share"]["value"] == 1.0);
  CHECK(find(sources["options"], "value", "tv")["share"]["value"] == 0.5);
}
