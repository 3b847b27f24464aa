// Territorial listening: region and province names in their many forms,
// the funnel plot's over-dispersion against base R (tests/fixtures/r/
// funnel_reference.R), and the territory section of survey and feedback
// reports (merged spellings, unknown names kept, suppression, spread).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "helpers.hpp"
#include "report/workspace.hpp"
#include "stats/funnel.hpp"
#include "territory/italy.hpp"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using nlohmann::json;
namespace territory = ascolto::territory;
namespace stats = ascolto::stats;

TEST_CASE("region names, variants and codes map to ISTAT regions", "[territory]") {
  const std::pair<const char*, int> cases[] = {
      {"Emilia-Romagna", 8},
      {"Emilia Romagna", 8},
      {"EMILIA ROMAGNA", 8},
      {"emilia-romagna ", 8},
      {"Valle d'Aosta", 2},
      {"Valle d’Aosta", 2},
      {"Vallée d'Aoste", 2},
      {"Valle d'Aosta/Vallée d'Aoste", 2},
      {"VALLE D'AOSTA", 2},
      {"Aosta Valley", 2},
      {"Trentino-Alto Adige", 4},
      {"Trentino Alto Adige/Südtirol", 4},
      {"Trentino-Alto Adige/Suedtirol", 4},
      {"Südtirol", 4},
      {"P.A. Bolzano", 4},
      {"Provincia autonoma di Trento", 4},
      {"Friuli-Venezia Giulia", 6},
      {"Friuli Venezia Giulia", 6},
      {"Regione Lazio", 12},
      {"Regione Autonoma della Sardegna", 0},  // "della" is not stripped: no guess
      {"Puglia", 16},
      {"Apulia", 16},
      {"Sicily", 19},
      {"Piedmont", 1},
      {"Lombardy", 3},
      {"Tuscany", 9},
      {"Abruzzi", 13},
      {"01", 1},
      {"8", 8},
      {"20", 20},
      {"21", 4},
      {"42", 4},
      {"ITH5", 8},
      {"ITF3", 15},
      {"23", 0},
      {"Lazzio", 0},
      {"Estero", 0},
      {"", 0},
      {"Italia", 0},
  };
  for (const auto& [text, expected] : cases) {
    INFO(text);
    const auto code = territory::region_code(text);
    CHECK(code.value_or(0) == expected);
  }
  CHECK(territory::region_name(8) == "Emilia-Romagna");
  CHECK(territory::region_name(21).empty());
}

TEST_CASE("province names, plate codes and ISTAT codes", "[territory]") {
  const std::tuple<const char*, bool, int> cases[] = {
      {"Roma", false, 58},
      {"RM", true, 58},
      {"rm", true, 58},
      {"RM", false, 0},  // plate codes only in a province column
      {"NO", true, 3},
      {"Bolzano/Bozen", false, 21},
      {"Bozen", false, 21},
      {"Reggio Emilia", false, 35},
      {"Reggio nell'Emilia", false, 35},
      {"Reggio Calabria", false, 80},
      {"Provincia di Monza e della Brianza", false, 108},
      {"Monza e Brianza", false, 108},
      {"Città metropolitana di Napoli", false, 63},
      {"Forlì-Cesena", false, 40},
      {"Forli Cesena", false, 40},
      {"L'Aquila", false, 66},
      {"058", false, 58},
      {"258", false, 58},  // the metropolitan city's territorial-unit code
      {"Olbia-Tempio", false, 104},
      {"Sede provinciale di Napoli", false, 63},
      {"Napule", false, 0},
      {"ZZ", true, 0},
  };
  for (const auto& [text, plates, expected] : cases) {
    INFO(text);
    const territory::Province* p = territory::find_province(text, plates);
    CHECK((p ? p->code : 0) == expected);
  }
  CHECK(territory::provinces().size() == 111);
  CHECK(territory::province(58)->region == 12);
  CHECK(territory::province(108)->sigla == "MB");
  // Every province belongs to one of the 20 regions.
  for (const territory::Province& p : territory::provinces())
    CHECK(!territory::region_name(p.region).empty());
}

TEST_CASE("chi-square upper tail as R's pchisq(lower.tail = FALSE)", "[territory]") {
  CHECK_THAT(stats::chi_square_upper(12.5, 7), WithinRel(8.52692751582693e-02, 1e-10));
  CHECK_THAT(stats::chi_square_upper(3.2, 1), WithinRel(7.36382701203028e-02, 1e-10));
  CHECK_THAT(stats::chi_square_upper(250, 19), WithinRel(3.09477387740962e-42, 1e-8));
  CHECK(stats::chi_square_upper(0, 3) == 1);
}

TEST_CASE("funnel plot for means: over-dispersion as in base R, additive and multiplicative",
          "[territory]") {
  stats::FunnelInput in;
  in.target = 3.80;
  in.sd = 0.95;
  in.min_units = 8;
  const double values[] = {3.62, 3.95, 3.71, 4.10, 3.80, 3.55, 3.90, 3.84};
  const double sizes[] = {1200, 800, 450, 300, 2500, 150, 60, 900};
  for (int i = 0; i < 8; ++i) in.units.push_back({values[i], sizes[i]});
  const stats::FunnelResult f = stats::funnel(in);
  const double z[] = {
      -6.563560954997842, 4.465937565388732, -2.009671904424922, 5.469634129164874, 0.0,
      -3.223012819451550, 0.815364914991036, 1.263157894736843};
  const double z_add[] = {
      -1.534737327787209, 1.261816598140706, -0.734626847185340, 2.370836651201254, 0.0,
      -1.812732053202071, 0.597133595556018, 0.337986739787727};
  for (int i = 0; i < 8; ++i) {
    CHECK_THAT(f.units[i].z, WithinAbs(z[i], 1e-12));
    CHECK_THAT(f.units[i].z_adjusted, WithinAbs(z_add[i], 1e-12));
  }
  CHECK_THAT(f.phi, WithinRel(9.65105431113241, 1e-12));
  CHECK_THAT(f.p_value, WithinRel(5.10154833353409e-14, 1e-8));
  CHECK_THAT(f.tau, WithinRel(0.114032596361466, 1e-12));
  CHECK(f.adjusted);
  CHECK(f.method == stats::Overdispersion::additive);
  // Without the adjustment four of eight units fall outside 99.8%; with it, none,
  // and the unit at 4.10 on 300 stays above 95%.
  int outside_raw = 0;
  for (double v : z) outside_raw += std::fabs(v) > stats::kZ998;
  CHECK(outside_raw == 4);
  CHECK(f.units[3].band == 1);
  CHECK(f.units[0].band == 0);
  CHECK_THAT(f.half_width(300, 1.0), WithinRel((4.10 - 3.80) / 2.370836651201254, 1e-12));

  in.method = stats::Overdispersion::multiplicative;
  const stats::FunnelResult m = stats::funnel(in);
  const double z_mult[] = {
      -2.112769618094381, 1.437557641218371, -0.646900938548265, 1.760641348411986, 0.0,
      -1.037467863916286, 0.262460915936406, 0.406602702580819};
  for (int i = 0; i < 8; ++i) CHECK_THAT(m.units[i].z_adjusted, WithinAbs(z_mult[i], 1e-12));
  CHECK(m.units[0].band == -1);

  in.method = stats::Overdispersion::none;
  const stats::FunnelResult none = stats::funnel(in);
  CHECK_FALSE(none.adjusted);
  CHECK(none.units[0].band == -2);
  CHECK(none.units[3].band == 2);
}

TEST_CASE("funnel plot for shares: no adjustment when the test does not reject", "[territory]") {
  stats::FunnelInput in;
  in.target = 0.72;
  in.share = true;
  const double values[] = {0.70, 0.74, 0.69, 0.80, 0.72, 0.66};
  const double sizes[] = {400, 1000, 250, 90, 3000, 500};
  for (int i = 0; i < 6; ++i) in.units.push_back({values[i], sizes[i]});
  const stats::FunnelResult f = stats::funnel(in);
  CHECK_THAT(f.units[5].z, WithinAbs(-2.988071523335981, 1e-12));
  CHECK_THAT(f.phi, WithinRel(1.73069448704857, 1e-12));
  CHECK_THAT(f.p_value, WithinRel(0.0650536883592303, 1e-9));
  CHECK_THAT(f.tau, WithinRel(0.0183037337937407, 1e-12));
  CHECK_FALSE(f.adjusted);  // p = 0.065: the limits stay those of sampling error
  CHECK(f.units[5].z_adjusted == f.units[5].z);
  CHECK(f.units[5].band == -1);  // below 95%, inside 99.8%
  // 95% limit at n = 400 around 0.72, by hand: 1.96 * sqrt(0.72 * 0.28 / 400).
  CHECK_THAT(f.half_width(400, stats::kZ95),
             WithinRel(stats::kZ95 * std::sqrt(0.72 * 0.28 / 400), 1e-12));
}

namespace {

// Ratings cycled from a pattern, so each unit's mean is the pattern's.
void add_rows(std::string& csv, const std::string& wave, const std::string& region,
              const std::vector<int>& pattern, int rows) {
  for (int i = 0; i < rows; ++i) {
    const int r = pattern[static_cast<std::size_t>(i) % pattern.size()];
    csv += wave + ";" + region + ";" + std::to_string(r) + ";" + std::to_string(6 - r) + "\n";
  }
}

const json* level(const json& territory, const std::string& name) {
  for (const json& l : territory["levels"])
    if (l["level"] == name) return &l;
  return nullptr;
}

const json* unit(const json& metric, const std::string& key) {
  for (const json& u : metric["units"])
    if (u["key"] == key) return &u;
  return nullptr;
}

}  // namespace

TEST_CASE("survey by region: spellings merged, unknown names kept, small units suppressed",
          "[territory]") {
  std::string csv = "anno;Regione di residenza;soddisfazione_complessiva;servizio_web\n";
  add_rows(csv, "2022", "Lombardia", {4, 5, 4, 3}, 200);
  add_rows(csv, "2022", "lombardia", {4, 5, 4, 3}, 40);
  add_rows(csv, "2022", "Emilia Romagna", {4, 4, 3, 5}, 100);
  add_rows(csv, "2022", "Emilia-Romagna", {4, 4, 3, 5}, 20);
  add_rows(csv, "2022", "Campania", {3, 2, 4, 3}, 160);
  add_rows(csv, "2022", "Toscana", {4, 3}, 60);
  add_rows(csv, "2022", "Atlantide", {5, 4}, 40);
  add_rows(csv, "2022", "Valle d'Aosta", {5}, 3);
  add_rows(csv, "2022", "Molise", {4}, 8);
  const json s = test::analyze(csv)["datasets"][0]["survey"];
  REQUIRE(s["territory"].is_object());
  const json* region = level(s["territory"], "region");
  REQUIRE(region);
  CHECK((*region)["column"] == "Regione di residenza");
  // Atlantide is kept as a unit, reported as unknown; the two spellings of
  // Lombardia and of Emilia-Romagna are one unit each.
  REQUIRE((*region)["unknown"].size() == 1);
  CHECK((*region)["unknown"][0]["value"] == "Atlantide");
  CHECK((*region)["unknown"][0]["rows"] == 40);
  CHECK((*region)["units"].size() == 7);
  const json& mean = (*region)["metrics"][0];
  CHECK(mean["id"] == "soddisfazione_complessiva");
  CHECK(mean["type"] == "mean");
  const json* lombardia = unit(mean, "03");
  REQUIRE(lombardia);
  CHECK((*lombardia)["name"] == "Lombardia");
  CHECK((*lombardia)["estimate"]["n"] == 240);
  CHECK_THAT((*lombardia)["estimate"]["value"].get<double>(), WithinAbs(4.0, 1e-12));
  CHECK((*unit(mean, "08"))["estimate"]["n"] == 120);
  CHECK_THAT((*unit(mean, "15"))["estimate"]["value"].get<double>(), WithinAbs(3.0, 1e-12));
  // Valle d'Aosta (3) is under the base of 5, and Molise (8), the next
  // smallest, is suppressed with it so that neither can be recovered.
  CHECK((*unit(mean, "02"))["estimate"]["suppressed"] == true);
  CHECK((*unit(mean, "14"))["estimate"]["suppressed"] == true);
  CHECK_FALSE(unit(mean, "14")->contains("band"));
  CHECK(unit(mean, "?Atlantide")->contains("band"));
  // National value: every row; Campania far below it on 160 answers.
  const double national =
      (240 * 4.0 + 120 * 4.0 + 160 * 3.0 + 60 * 3.5 + 40 * 4.5 + 3 * 5 + 8 * 4) / 631;
  CHECK_THAT(mean["national"]["value"].get<double>(), WithinRel(national, 1e-12));
  CHECK_THAT(mean["funnel"]["target"].get<double>(), WithinRel(national, 1e-12));
  CHECK(mean["funnel"]["limits"].size() == 49);
  // Five units are too few to estimate over-dispersion: sampling limits only.
  CHECK(mean["funnel"]["overdispersion"]["adjusted"] == false);
  CHECK((*unit(mean, "15"))["band"] == "low_998");
  bool named = false;
  for (const json& o : mean["outside"]) named = named || o["name"] == "Campania";
  CHECK(named);
  // The top-2-box share comes second.
  CHECK(((*region)["metrics"][1]["id"]) == "top2:soddisfazione_complessiva");
  CHECK_THAT((*unit((*region)["metrics"][1], "03"))["estimate"]["value"].get<double>(),
             WithinAbs(0.75, 1e-12));
}

TEST_CASE("spread between regions per wave: converging service", "[territory]") {
  std::string csv = "anno;regione;soddisfazione_complessiva;servizio_web\n";
  // 2021: means 3, 4, 3.5, 4.5; 2022: 3.5, 4, 3.75, 4 (constant within a
  // unit is impossible with a 1-5 pattern, so patterns average exactly).
  add_rows(csv, "2021", "Lazio", {3}, 100);
  add_rows(csv, "2021", "Veneto", {4}, 100);
  add_rows(csv, "2021", "Puglia", {3, 4}, 100);
  add_rows(csv, "2021", "Liguria", {4, 5}, 100);
  add_rows(csv, "2022", "Lazio", {3, 4}, 100);
  add_rows(csv, "2022", "Veneto", {4}, 100);
  add_rows(csv, "2022", "Puglia", {4, 4, 3, 4}, 100);
  add_rows(csv, "2022", "Liguria", {4}, 100);
  const json s = test::analyze(csv)["datasets"][0]["survey"];
  const json* region = level(s["territory"], "region");
  REQUIRE(region);
  const json& spread = (*region)["metrics"][0]["spread"];
  CHECK(spread["by"] == "wave");
  REQUIRE(spread["periods"].size() == 2);
  const json& y2021 = spread["periods"][0];
  const json& y2022 = spread["periods"][1];
  CHECK(y2021["period"] == "2021");
  CHECK(y2021["units"] == 4);
  // sd of (3, 4, 3.5, 4.5) = sqrt(1.25 / 3); of (3.5, 4, 3.75, 4) = sqrt(0.171875 / 3).
  CHECK_THAT(y2021["sd"].get<double>(), WithinRel(std::sqrt(1.25 / 3), 1e-12));
  CHECK_THAT(y2022["sd"].get<double>(), WithinRel(std::sqrt(0.171875 / 3), 1e-12));
  CHECK(y2021["lowest"]["unit"] == "Lazio");
  CHECK(y2021["highest"]["unit"] == "Liguria");
  // Type-7 quantiles of (3, 3.5, 4, 4.5): P10 = 3.15, P90 = 4.35.
  CHECK_THAT(y2021["range80"].get<double>(), WithinRel(1.2, 1e-12));
  CHECK(y2022["sd_beyond_noise"].get<double>() < y2022["sd"].get<double>());
  // The headline (funnel) figures are the current wave's.
  CHECK((*unit((*region)["metrics"][0], "12"))["estimate"]["n"] == 100);
}

TEST_CASE("territorial columns: by header, by values, by code; regions derived from provinces",
          "[territory]") {
  std::string csv = "data;applicativo;sigla provincia;voto\n";
  const char* provinces[] = {"RM", "MI", "NA", "TO", "FI"};
  for (int i = 0; i < 500; ++i)
    csv += "2024-0" + std::to_string(1 + i % 3) + "-1" + std::to_string(i % 9) + ";NASpI;" +
           provinces[i % 5] + ";" + std::to_string(1 + (i * 7) % 5) + "\n";
  const json d = test::analyze(csv)["datasets"][0];
  const json& t = d["feedback"]["territory"];
  REQUIRE(t.is_object());
  const json* province = level(t, "province");
  const json* region = level(t, "region");
  REQUIRE(province);
  REQUIRE(region);
  CHECK((*province)["units"].size() == 5);
  CHECK((*region)["source"] == "derived from the province");
  CHECK((*region)["units"].size() == 5);
  CHECK((*region)["metrics"][0]["spread"]["by"] == "month");
  CHECK((*region)["metrics"][0]["spread"]["periods"].size() == 3);

  // Region names under a header that says nothing; ISTAT codes under "cod_reg".
  std::string by_values = "anno;area;cod_reg;soddisfazione_complessiva;servizio_web\n";
  const char* names[] = {"Sicilia", "Sardegna", "Calabria", "Basilicata"};
  for (int i = 0; i < 80; ++i)
    by_values += std::string("2022;") + names[i % 4] + ";" + std::to_string(1 + i % 20) + ";" +
                 std::to_string(1 + i % 5) + ";" + std::to_string(1 + (i + 2) % 5) + "\n";
  const json s = test::analyze(by_values)["datasets"][0];
  std::map<std::string, std::string> roles;
  for (const json& c : s["columns"]) roles[c["name"]] = c["role"];
  CHECK(roles["area"] == "territory");
  CHECK(roles["cod_reg"] == "territory");
  CHECK(s["survey"]["territory"]["levels"].size() == 2);
}

TEST_CASE("territory configuration: level override and over-dispersion method", "[territory]") {
  std::string csv = "anno;zona;soddisfazione_complessiva;servizio_web\n";
  add_rows(csv, "2022", "Roma", {4, 5}, 50);
  add_rows(csv, "2022", "Milano", {3, 4}, 50);
  const json d = test::analyze(csv, 1 << 16,
                               R"({"columns": {"zona": {"level": "province"}},
                                   "territory": {"overdispersion": "none"}})")["datasets"][0];
  const json* province = level(d["survey"]["territory"], "province");
  REQUIRE(province);
  // In the order of their spellings (Milano, Roma), whatever the rows' order.
  CHECK((*province)["units"][0]["key"] == "015");
  CHECK((*province)["units"][1]["key"] == "058");
  CHECK((*province)["metrics"][0]["funnel"]["overdispersion"]["configured"] == "none");
  const json bad = test::analyze(csv, 1 << 16, R"({"territory": {"overdispersion": "x"}})");
  CHECK(bad.contains("config_error"));
}

TEST_CASE("a filtered dashboard's units: only the filter's rows, se over the whole design",
          "[territory]") {
  // The dashboard visits only the filtered rows; a unit's se must still be
  // svyby's on the subset of the whole design: n/(n-1) with n = every row.
  std::string csv = "data;applicativo;sigla provincia;voto\n";
  const char* provinces[] = {"RM", "MI", "NA", "TO", "FI"};
  std::vector<double> roma_a;
  const int kRows = 600;
  for (int i = 0; i < kRows; ++i) {
    const bool a = i % 2 == 0;
    const int rating = 1 + (i * 7 + i / 3) % 5;
    if (a && i % 5 == 0) roma_a.push_back(rating);
    csv += "2024-0" + std::to_string(1 + i % 3) + "-1" + std::to_string(i % 9) + ";" +
           (a ? "A" : "B") + ";" + provinces[i % 5] + ";" + std::to_string(rating) + "\n";
  }
  ascolto::report::Workspace w;
  w.begin_dataset("f.csv");
  w.feed(csv);
  w.finish_dataset();
  const json v = json::parse(w.report(R"({"feedback": {"application": "A"}})"));
  const json& t = v["views"][0]["feedback"]["territory"];
  const json* province = level(t, "province");
  REQUIRE(province);
  const json& mean = (*province)["metrics"][0];
  const auto roma = std::find_if(mean["units"].begin(), mean["units"].end(),
                                 [](const json& u) { return u["name"] == "Roma"; });
  REQUIRE(roma != mean["units"].end());
  double sum = 0, squares = 0;
  for (double r : roma_a) sum += r;
  const double n = static_cast<double>(roma_a.size()), m = sum / n;
  for (double r : roma_a) squares += (r - m) * (r - m);
  const double se = std::sqrt(kRows / (kRows - 1.0) * squares / (n * n));
  CHECK((*roma)["estimate"]["n"] == roma_a.size());
  CHECK_THAT((*roma)["estimate"]["value"].get<double>(), WithinRel(m, 1e-12));
  CHECK_THAT((*roma)["estimate"]["se"].get<double>(), WithinRel(se, 1e-12));
  // The national value is A's, over the same design.
  CHECK(mean["national"]["n"] == kRows / 2);
}
