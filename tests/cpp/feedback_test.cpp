// The feedback report: shrinkage against hand-computed values, alerts on an
// injected drop, filters, the comments explorer (masking, suppression, word
// search), all through the Workspace as the page calls it.
#include <catch2/catch.hpp>

#include <array>

#include "helpers.hpp"
#include "report/feedback_report.hpp"
#include "table/value_parse.hpp"

using Catch::Matchers::WithinRel;
using nlohmann::json;

TEST_CASE("empirical-Bayes shrinkage: hand-computed one-way ANOVA moments", "[feedback]") {
  // Means 4.0, 3.0, 3.5 on 100, 25, 400 feedbacks, within variance 1:
  // grand mean 1875/525, between SS 28.5714..., tau^2 = (SS - 2) / (525 - 170625/525).
  ascolto::report::ShrinkageInput in;
  in.means = {4.0, 3.0, 3.5};
  in.counts = {100, 25, 400};
  in.within_variance = 1.0;
  in.grand_mean = 1875.0 / 525.0;
  const auto s = ascolto::report::shrink(in);
  CHECK_THAT(s.between_variance, WithinRel(0.13285714285714287, 1e-12));
  CHECK_THAT(s.prior_strength, WithinRel(7.526881720430107, 1e-12));
  CHECK_THAT(s.adjusted[0], WithinRel(3.97, 1e-12));
  CHECK_THAT(s.adjusted[1], WithinRel(3.1322314049586777, 1e-12));  // 25 feedbacks: pulled most
  CHECK_THAT(s.adjusted[2], WithinRel(3.5013192612137205, 1e-12));
  CHECK_THAT(s.adjusted_se[1], WithinRel(0.17533910474532646, 1e-12));
  // No spread beyond chance: every group at the grand mean.
  in.means = {3.5, 3.6, 3.55};
  const auto flat = ascolto::report::shrink(in);
  CHECK(flat.between_variance == 0);
  CHECK(flat.adjusted[1] == in.grand_mean);
}

namespace {

// 12 weeks of feedback for two applications; "B" drops to 1-2 ratings in
// the last week. Comments carry words tied to the rating, and personal data.
std::string weekly_feedback() {
  std::string csv = "data;applicativo;dispositivo;voto;commento\n";
  const std::int64_t monday = *ascolto::table::days_from_civil(2024, 1, 1);
  for (int day = 0; day < 84; ++day) {  // to Sunday 24 March
    const std::string date = ascolto::table::format_date(monday + day);
    for (int k = 0; k < 10; ++k) {
      for (const std::string app : {"A", "B"}) {
        const bool incident = app == "B" && day >= 77;  // the week of Monday 18 March
        const int rating = incident ? 1 + k % 2 : 3 + (k + day) % 3;
        std::string comment;
        if (k % 3 == 0)
          comment =
              rating <= 2 ? "errore invio domanda, pagina bloccata" : "servizio chiaro e veloce";
        if (app == "A" && k == 9 && day == 80) comment = "scrivete a mario.rossi@example.it";
        csv += date + ";" + app + ";" + (k % 2 ? "mobile" : "desktop") + ";" +
               std::to_string(rating) + ";" + comment + "\n";
      }
    }
  }
  return csv;
}

json view(const std::string& csv, const std::string& request) {
  ascolto::report::Workspace w;
  w.begin_dataset("f.csv");
  w.feed(csv);
  w.finish_dataset();
  return json::parse(w.report(request));
}

}  // namespace

TEST_CASE("a drop in one application's last week is an alert, with its evidence", "[feedback]") {
  const json d = test::analyze(weekly_feedback())["datasets"][0];
  REQUIRE(d["kind"]["value"] == "feedback");
  const json& f = d["feedback"];
  CHECK(f["trend"]["granularity"] == "day");
  bool drop = false, burst = false;
  for (const json& a : f["alerts"]) {
    if (a["application"] != "B") continue;
    CHECK(a["week"] == "2024-03-18");  // the Monday of the incident week
    drop = drop || (a["kind"] == "drop" && a["z"].get<double>() <= -3);
    burst = burst || a["kind"] == "burst";
  }
  CHECK(drop);
  CHECK(burst);
  for (const json& a : f["alerts"]) CHECK(a["application"] != "A");
  // The comments: low ratings talk about errors, high ones about clarity.
  const json& text = f["text"];
  CHECK(text["personal_data"]["email"] == 1);
  CHECK(text["keyness"]["low"][0]["term"].get<std::string>().size() > 0);
  bool error_is_low = false;
  for (const json& k : text["keyness"]["low"]) error_is_low = error_is_low || k["term"] == "errore";
  CHECK(error_is_low);
}

TEST_CASE("rows without an application count in the all-applications alerts, and only there",
          "[feedback]") {
  std::string csv = weekly_feedback();
  for (std::size_t at = csv.find(";B;"); at != std::string::npos; at = csv.find(";B;", at))
    csv.replace(at, 3, ";;");
  const json f = test::analyze(csv)["datasets"][0]["feedback"];
  REQUIRE(f["columns"]["application"] == "applicativo");
  bool everyone_drop = false;
  for (const json& a : f["alerts"]) {
    CHECK(a["application"].is_null());  // A has none; B's incident is in nobody's name
    if (a["kind"] == "drop") {
      everyone_drop = true;
      CHECK(a["week"] == "2024-03-18");
      CHECK(a["count"] == 140);  // A's 70 and the 70 without an application
    }
  }
  CHECK(everyone_drop);
}

TEST_CASE("a trend of days before 1970 ends on its last day", "[feedback]") {
  std::string csv = "data,voto\n";
  for (int i = 0; i < 300; ++i)
    csv += "1969-12-" + std::to_string(10 + i % 20) + "," + std::to_string(1 + i % 5) + "\n";
  const json trend = test::analyze(csv)["datasets"][0]["feedback"]["trend"];
  REQUIRE(trend["granularity"] == "day");
  CHECK(trend["periods"].size() == 20);
  CHECK(trend["periods"].back()["start"] == "1969-12-29");
}

TEST_CASE("filters recompute from memory; the owner sees the all-application reference",
          "[feedback]") {
  const std::string csv = weekly_feedback();
  const json v = view(
      csv, R"({"feedback": {"application": "B", "from": "2024-03-18", "granularity": "week"}})");
  const json& f = v["views"][0]["feedback"];
  CHECK(f["filter"]["application"] == "B");
  CHECK(f["overall"]["count"] == 70);  // 7 days x 10
  CHECK_THAT(f["overall"]["mean"]["value"].get<double>(), WithinRel(1.5, 1e-12));
  CHECK(f["reference"]["count"] == 140);
  CHECK(f["trend"]["granularity"] == "week");
  CHECK(f["applications"].size() == 1);
  // One application's view lists its alerts once, not again as "all applications".
  const json owner = view(csv, R"({"feedback": {"application": "B"}})")["views"][0]["feedback"];
  REQUIRE(owner["alerts"].size() == 2);  // the drop and the burst of B's incident week
  for (const json& a : owner["alerts"]) CHECK(a["application"] == "B");
  const json bad = view(csv, R"({"feedback": {"granularity": "year"}})");
  CHECK(bad["error"]["code"] == "invalid_request");
}

TEST_CASE("the automatic trend period is the finest whose periods hold the disclosure minimum",
          "[feedback]") {
  // `records` feedbacks spread evenly over `days` days from 2023-01-02.
  const auto granularity_of = [](int records, int days) {
    std::string csv = "data,voto\n";
    for (int i = 0; i < records; ++i) {
      const std::int64_t day = *ascolto::table::days_from_civil(2023, 1, 2) +
                               static_cast<std::int64_t>(i) * (days - 1) / (records - 1);
      csv += ascolto::table::format_date(day) + "," + std::to_string(1 + i % 5) + "\n";
    }
    return test::analyze(csv)["datasets"][0]["feedback"]["trend"]["granularity"].get<std::string>();
  };
  CHECK(granularity_of(400, 61) == "day");     // 6.6 a day
  CHECK(granularity_of(200, 61) == "week");    // 3.3 a day, 23 a week
  CHECK(granularity_of(5000, 550) == "week");  // 64 a week
  // 50 reviews over 18 months: 0.6 a week, every week suppressed; months hold 2.7.
  CHECK(granularity_of(50, 550) == "month");
  CHECK(granularity_of(5000, 800) == "month");  // over two years: months, however dense
}

TEST_CASE("comments explorer: masked text, word search, small groups withheld", "[feedback]") {
  const std::string csv = weekly_feedback();
  const json page =
      view(csv, R"({"comments": {"word": "errori", "limit": 5}})")["views"][0]["comments"];
  CHECK(page["total"] == 28);  // "errori" finds "errore" by its stem: B's incident week
  CHECK(page["comments"].size() == 5);
  CHECK(page["comments"][0]["date"] == "2024-03-24");  // newest first
  const json masked =
      view(csv, R"({"comments": {"from": "2024-03-19", "to": "2024-03-21", "application": "A"}})")
          ["views"][0]["comments"];
  bool found = false;
  for (const json& c : masked["comments"])
    if (c["masked"] == 1) {
      CHECK(c["text"] == "scrivete a [email]");
      found = true;
    }
  CHECK(found);
  const json few =
      view(csv, R"({"comments": {"application": "A", "from": "2024-01-01", "to": "2024-01-02"}})")
          ["views"][0]["comments"];
  CHECK(few["total"] == 8);
  CHECK(few["suppressed"] == true);
  CHECK(few["comments"].empty());
}

TEST_CASE("comment words are counted over rows, whether comments repeat or are free text",
          "[feedback]") {
  // Three comments on 60 rows. Written short they form a categorical
  // column (analysed once per category); with a long tail of stopwords they
  // are free text (analysed row by row). The terms must be the same.
  const auto csv = [](const std::string& tail) {
    std::string out = "data,applicativo,voto,commento\n";
    for (int i = 0; i < 60; ++i) {
      const char* comment = i < 30   ? "pratiche lente"
                            : i < 40 ? "pratica bloccata"
                                     : "ottimo servizio";
      const int rating = i < 40 ? 1 + i % 2 : 4 + i % 2;
      out += "2024-03-" + std::to_string(10 + i % 9) + ",NASpI," + std::to_string(rating) + "," +
             comment + tail + "\n";
    }
    return out;
  };
  std::string stopwords;
  for (int i = 0; i < 20; ++i) stopwords += " della";
  const json short_form = test::analyze(csv(""))["datasets"][0];
  const json long_form = test::analyze(csv(stopwords))["datasets"][0];
  const auto comment_type = [](const json& d) {
    for (const json& c : d["columns"])
      if (c["name"] == "commento") return c["type"].get<std::string>();
    return std::string();
  };
  REQUIRE(comment_type(short_form) == "categorical");
  REQUIRE(comment_type(long_form) == "text");
  const json& terms = short_form["feedback"]["text"]["terms"];
  CHECK(terms == long_form["feedback"]["text"]["terms"]);
  CHECK(short_form["feedback"]["text"]["bigrams"] == long_form["feedback"]["text"]["bigrams"]);
  // "pratiche" (30 rows) and "pratica" (10) share a stem, shown as the more
  // frequent word; the stem counts every row.
  REQUIRE(terms.size() >= 1);
  CHECK(terms[0] == json({{"term", "pratiche"}, {"count", 40}}));
  CHECK(short_form["feedback"]["text"]["comments"] == 60);
}

TEST_CASE("on a 3-point scale the top and bottom boxes are one point each, in every section",
          "[feedback]") {
  // 60 feedbacks, 20 each of 1, 2 and 3. With two points a box, 2 was both
  // top and bottom: top-2 and bottom-2 were 2/3 each, the comments of the 2s
  // were "low" and their sentiment labels "positive".
  std::string csv = "data,applicativo,voto,commento\n";
  for (int i = 0; i < 60; ++i) {
    const int rating = 1 + i % 3;
    const char* comment = rating == 1   ? "pratica bloccata"
                          : rating == 2 ? "servizio normale"
                                        : "ottimo servizio";
    csv += "2024-03-" + std::string(i % 20 < 9 ? "0" : "") + std::to_string(1 + i % 20) + ",A," +
           std::to_string(rating) + "," + comment + "\n";
  }
  const json report = test::analyze(csv, 1 << 16, R"({"columns": {"voto": {"scale": [1, 3]}}})");
  const json& d = report["datasets"][0];
  const json& rating = d["ratings"][0];
  CHECK(rating["scale"]["top_box"] == json({3.0, 3.0}));
  CHECK(rating["scale"]["bottom_box"] == json({1.0, 1.0}));
  CHECK_THAT(rating["top2"]["value"].get<double>(), WithinRel(1.0 / 3, 1e-12));
  CHECK_THAT(rating["bottom2"]["value"].get<double>(), WithinRel(1.0 / 3, 1e-12));
  const json& f = d["feedback"];
  CHECK(f["scale"]["top_box"] == json({3.0, 3.0}));
  CHECK_THAT(f["overall"]["top2"]["value"].get<double>(), WithinRel(1.0 / 3, 1e-12));
  CHECK_THAT(f["overall"]["bottom2"]["value"].get<double>(), WithinRel(1.0 / 3, 1e-12));
  for (const json& p : f["trend"]["periods"])
    if (p["bottom2_share"].is_number())
      CHECK_THAT(p["bottom2_share"].get<double>(), WithinRel(1.0 / 3, 1e-12));
  CHECK(f["text"]["by_band"]["low"]["comments"] == 20);
  CHECK(f["text"]["by_band"]["mid"]["comments"] == 20);
  CHECK(f["text"]["by_band"]["high"]["comments"] == 20);
  CHECK(f["text"]["sentiment"]["model"]["rated"] == json({{"negative", 20}, {"positive", 20}}));
  CHECK(f["text"]["sentiment"]["disagreement"]["comments"] == 0);
  // The rules say which points they mean.
  CHECK(f["text"]["sentiment"]["disagreement"]["rule"] ==
        "a 3 rating with a negative text, or a 1 with a positive one");
  CHECK(f["text"]["method"].get<std::string>().find("G2 of 1 against 3 ratings") !=
        std::string::npos);
  CHECK(f["alert_rule"].get<std::string>().find("share of 1 ratings") != std::string::npos);
  CHECK(f["text"]["sentiment"]["reason"] ==
        "fewer than 50 rated comments in a class (1 or 3): the lexicon labels them");
}

TEST_CASE("a scale's boxes: two points from four points up, one below", "[feedback]") {
  using ascolto::report::RatingScale;
  using Box = std::array<double, 2>;
  CHECK(RatingScale{1, 5, {}}.top_box() == Box{4, 5});
  CHECK(RatingScale{1, 5, {}}.bottom_box() == Box{1, 2});
  CHECK(RatingScale{0, 10, {}}.top_box() == Box{9, 10});
  CHECK(RatingScale{0, 10, {}}.bottom_box() == Box{0, 1});
  CHECK(RatingScale{1, 4, {}}.top_box() == Box{3, 4});
  CHECK(RatingScale{1, 4, {}}.bottom_box() == Box{1, 2});
  CHECK(RatingScale{1, 3, {}}.top_box() == Box{3, 3});
  CHECK(RatingScale{1, 3, {}}.bottom_box() == Box{1, 1});
  CHECK(RatingScale{0, 1, {}}.top_box() == Box{1, 1});
  CHECK_FALSE(RatingScale{1, 3, {}}.in_top_box(2));
  CHECK_FALSE(RatingScale{1, 3, {}}.in_bottom_box(2));
}

TEST_CASE("the rolling mean leaves suppressed periods out, so that it cannot give them away",
          "[feedback]") {
  // Week 1: ten 4s; week 2: two 1s (under the base of 5); week 3: ten 2s.
  // Over all three weeks the rolling mean of week 2 was 42/12 = 3.5: with
  // week 1's count and mean shown, two ratings summing to 2 are the only
  // answer, so the suppressed week's mean (1) could be read off.
  std::string csv = "data,applicativo,voto\n";
  for (int i = 0; i < 10; ++i) csv += "2024-03-04,A,4\n";
  for (int i = 0; i < 2; ++i) csv += "2024-03-12,A,1\n";
  for (int i = 0; i < 10; ++i) csv += "2024-03-20,A,2\n";
  const json trend =
      view(csv, R"({"feedback": {"granularity": "week"}})")["views"][0]["feedback"]["trend"];
  REQUIRE(trend["periods"].size() == 3);
  CHECK(trend["periods"][0]["rolling_mean"] == 4.0);
  CHECK(trend["periods"][1]["count"].is_null());
  CHECK(trend["periods"][1]["rolling_mean"].is_null());
  CHECK(trend["periods"][2]["rolling_mean"] == 3.0);  // (40 + 20) / 20: the shown weeks only
}
