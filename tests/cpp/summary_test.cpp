// The Sintesi's feedback findings (issue 22): every sentence, in both
// languages, from a report section whose figures are known.
#include <catch2/catch.hpp>

#include "report/config.hpp"
#include "summary/findings.hpp"
#include "summary/render.hpp"
#include "summary/sintesi.hpp"

using namespace ascolto::summary;
using json = nlohmann::ordered_json;

namespace {

json feedback_section(bool separable) {
  return json::parse(std::string(R"({
    "scale": {"min": 1, "max": 5, "top_box": [4, 5], "bottom_box": [1, 2]},
    "overall": {"count": 30131, "mean": {"value": 3.9345, "ci95": [3.921, 3.948]}},
    "alerts": [
      {"kind": "drop", "application": "NASpI", "week": "2023-10-23", "value": 1.3333, "baseline": 3.1637},
      {"kind": "burst", "application": null, "week": "2023-10-16", "value": 0.336, "baseline": 0.2238}],
    "ranking": {"items": [
      {"value": "Cedolino", "adjusted": 4.251, "adjusted_ci95": [4.21, 4.29], "rank_ci95": [1, )") +
                     (separable ? "1" : "2") + R"(]},
      {"value": "Riscatto", "adjusted": 4.2, "adjusted_ci95": [3.9, 4.5], "rank_ci95": [)" +
                     (separable ? "2, 2" : "1, 3") + R"(]},
      {"value": "ISEE", "adjusted": 3.031, "adjusted_ci95": [2.99, 3.07], "rank_ci95": [3, 3]}]},
    "text": {"keyness": {"low": [{"term": "non"}, {"term": "errore"}, {"term": "sessione"}]},
             "sentiment": {"method": "lexicon", "negative_share": 0.2757}}
  })");
}

const Finding& find(const Findings& findings, const std::string& kind, int nth = 0) {
  for (const Finding& f : findings)
    if (f.kind == kind && nth-- == 0) return f;
  FAIL("no finding " << kind);
  static Finding none;
  return none;
}

}  // namespace

TEST_CASE("numbers as the agency writes them", "[summary]") {
  CHECK(number(30131, 0, Lang::it) == "30.131");
  CHECK(number(30131, 0, Lang::en) == "30,131");
  CHECK(number(3.7449, 2, Lang::it) == "3,74");
  CHECK(percent(0.5124, 2, Lang::it) == "51,24%");
  CHECK(percent(0.836, 1, Lang::en) == "83.6%");
  CHECK(number(-0.5, 2, Lang::it) == "-0,50");
  CHECK(day("2023-10-23") == "23/10/2023");
}

TEST_CASE("feedback findings: alerts first, then the figures, in Italian and English",
          "[summary]") {
  const auto findings = feedback_findings(feedback_section(true));
  REQUIRE(findings.size() >= 6);
  CHECK(findings[0].kind == "alert");
  CHECK(findings[0].it ==
        "Allarme: nella settimana del 23/10/2023 il voto medio di NASpI scende a 1,33, contro 3,16 "
        "delle quattro settimane precedenti.");
  CHECK(findings[0].en ==
        "Alert: in the week of 23/10/2023 the mean rating of NASpI falls to 1.33, against 3.16 in "
        "the previous four weeks.");
  CHECK(find(findings, "alert", 1).it ==
        "Allarme: nella settimana del 16/10/2023 i voti 1-2 di tutti gli applicativi salgono al "
        "33,60%, contro il 22,38% delle quattro settimane precedenti.");
  CHECK(find(findings, "alert", 1).en.find("ratings 1-2 of all applications rise to 33.60%") !=
        std::string::npos);
  CHECK(find(findings, "overall").it ==
        "Sono stati raccolti 30.131 feedback, con un voto medio di 3,93 su 5 (IC 95% 3,92–3,95).");
  CHECK(find(findings, "overall").en ==
        "30,131 feedbacks were collected, with a mean rating of 3.93 out of 5 (95% CI 3.92–3.95).");
  CHECK(find(findings, "best")
            .it.rfind("Cedolino è l’applicativo con la valutazione più alta (media "
                      "corretta 4,25, IC 95% 4,21–4,29)",
                      0) == 0);
  CHECK(find(findings, "best").en.find("adjusted mean 4.25, 95% CI 4.21–4.29") !=
        std::string::npos);
  CHECK(
      find(findings, "worst").it ==
      "ISEE è l’applicativo con la valutazione più bassa (media corretta 3,03, IC 95% 2,99–3,07).");
  CHECK(find(findings, "low_comments").it ==
        "I commenti dei voti 1-2 parlano soprattutto di «errore» e «sessione».");
  CHECK(find(findings, "low_comments").en ==
        "The comments of the ratings 1-2 are mostly about «errore» and «sessione».");
  CHECK(find(findings, "negative_comments").it ==
        "Commenti negativi: 27,57% di quelli con un sentiment riconoscibile (lessico italiano).");
  CHECK(find(findings, "negative_comments").en.rfind("Negative comments: 27.57% of those", 0) == 0);
}

TEST_CASE("the sentences name the scale's own bottom box", "[summary]") {
  json eleven = feedback_section(true);
  eleven["scale"] = {{"min", 0}, {"max", 10}, {"top_box", {9, 10}}, {"bottom_box", {0, 1}}};
  const auto on_eleven = feedback_findings(eleven);
  CHECK(find(on_eleven, "low_comments").it ==
        "I commenti dei voti 0-1 parlano soprattutto di «errore» e «sessione».");
  CHECK(find(on_eleven, "alert", 1).en.find("the ratings 0-1 of all applications") !=
        std::string::npos);
  json three = feedback_section(true);
  three["scale"] = {{"min", 1}, {"max", 3}, {"top_box", {3, 3}}, {"bottom_box", {1, 1}}};
  CHECK(find(feedback_findings(three), "low_comments").en ==
        "The comments of the ratings 1 are mostly about «errore» and «sessione».");
}

TEST_CASE("a unit is named best only when its rank interval says so", "[summary]") {
  const auto findings = feedback_findings(feedback_section(false));
  for (const Finding& f : findings) CHECK(f.kind != "best");
  CHECK(find(findings, "best_group").it ==
        "Il gruppo di testa (applicativi) non si può separare: Cedolino e Riscatto possono essere "
        "primi (IC del rango); nessuno è primo con certezza.");
  CHECK(find(findings, "best_group").en.find("Cedolino and Riscatto may each be first") !=
        std::string::npos);
  // A lone candidate whose interval is wider than one rank is "probably" first.
  json lone = feedback_section(true);
  lone["ranking"]["items"][0]["rank_ci95"] = {1, 2};
  lone["ranking"]["items"][1]["rank_ci95"] = {2, 3};
  const Findings probably = feedback_findings(lone);
  for (const Finding& f : probably) CHECK(f.kind != "best");
  CHECK(
      find(probably, "best_uncertain").it ==
      "Tra gli applicativi, Cedolino è probabilmente al primo posto (media 4,25), ma il suo rango "
      "è incerto: IC del rango 1°–2°.");
  CHECK(find(probably, "best_uncertain").en ==
        "Among the applications, Cedolino is probably first (mean 4.25), but its rank is "
        "uncertain: rank interval 1–2.");
  // A suppressed mean is never written.
  json suppressed = feedback_section(true);
  suppressed["overall"]["mean"] = {{"suppressed", true}};
  for (const Finding& f : feedback_findings(suppressed)) CHECK(f.kind != "overall");
}

TEST_CASE("Italian articles and shares as the agency writes them", "[summary]") {
  CHECK(share(0.687, Lang::it) == "68,7%");
  CHECK(share(0.12004, Lang::it) == "12%");
  CHECK(share(0.7695, Lang::en) == "76.95%");
  CHECK(signed_percent(0.3, Lang::it) == "+30%");
  CHECK(signed_percent(-0.051, Lang::it) == "-5%");
  CHECK(articled("", "83,6%", Lang::it) ==
        "l\u2019"
        "83,6%");
  CHECK(articled("", "62%", Lang::it) == "il 62%");
  CHECK(articled("da", "8%", Lang::it) ==
        "dall\u2019"
        "8%");
  CHECK(articled("a", "11,2%", Lang::it) ==
        "all\u2019"
        "11,2%");
  CHECK(articled("di", "1%", Lang::it) ==
        "dell\u2019"
        "1%");
  CHECK(articled("di", "18%", Lang::it) == "del 18%");  // "diciotto": no elision
  CHECK(articled("a", "70%", Lang::en) == "70%");
  CHECK(month("2023-10", Lang::it) == "ottobre 2023");
  CHECK(month("2023-01", Lang::en) == "January 2023");
}

TEST_CASE("every template has its twin in the other language", "[summary]") {
  const auto it = template_keys(Lang::it), en = template_keys(Lang::en);
  CHECK(it == en);  // same keys, same order: one file mirrors the other
  for (const std::string& key : it) {
    CHECK_FALSE(sentence(key, Lang::it, {}).empty());
    CHECK_FALSE(sentence(key, Lang::en, {}).empty());
  }
}

namespace {

// A survey section with two waves whose overall change is `significant`.
json survey_section(bool significant) {
  const double before = 3.74, now = significant ? 3.93 : 3.76;
  return json::parse(R"({
    "respondents": 1200,
    "wave": {"values": ["2021", "2022"], "current": "2022"},
    "profile": [{"column": "genere", "categories": [
      {"value": "Uomo", "share": {"value": 0.48, "ci95": [0.45, 0.51]}},
      {"value": "Donna", "share": {"value": 0.52, "ci95": [0.49, 0.55]}}]}],
    "overall": {"column": "soddisfazione", "scale": {"min": 1, "max": 5},
      "estimate": {"value": )" +
                     std::to_string(now) + R"(, "ci95": [3.7, 3.9]},
      "by_wave": [{"wave": "2021", "estimate": {"value": )" +
                     std::to_string(before) + R"(}},
                  {"wave": "2022", "estimate": {"value": )" +
                     std::to_string(now) + R"(}}],
      "wave_differences": [{"from": "2021", "to": "2022", "value": )" +
                     std::to_string(now - before) + R"(, "p": )" +
                     (significant ? "0.0001" : "0.2731") + R"(, "significant": )" +
                     (significant ? "true" : "false") + R"(}]},
    "shares": {"yes_no": [{"column": "chiaro", "yes": {"value": 0.25, "ci95": [0.2, 0.3], "low_base": true}}],
               "single_choice": [], "multi_response": []},
    "journey": {"by_phase": [
      {"phase": "Informazione", "mean": {"value": 3.9, "ci95": [3.8, 4.0]}, "rank_ci95": [1, 2]},
      {"phase": "Richiesta", "mean": {"value": 3.85, "ci95": [3.8, 3.9]}, "rank_ci95": [1, 2]},
      {"phase": "Pratica", "mean": {"value": 3.2, "ci95": [3.1, 3.3]}, "rank_ci95": [3, 3]}]}
  })");
}

}  // namespace

TEST_CASE("a change within the noise is never worded as a rise or a fall", "[summary]") {
  const auto stable = survey_findings(survey_section(false));
  const Finding& change = find(stable, "change");
  CHECK(change.it ==
        "Il livello di soddisfazione globale è stabile tra il 2021 (3,74) e il 2022 (3,76): la "
        "differenza è entro l’errore campionario (p = 0,273).");
  CHECK(change.en.find("is stable between 2021 (3.74) and 2022 (3.76)") != std::string::npos);
  for (const Finding& f : stable)
    for (const std::string& text : {f.it, f.en}) {
      CHECK(text.find("aumento") == std::string::npos);
      CHECK(text.find("diminuzione") == std::string::npos);
      CHECK(text.find("increase") == std::string::npos);
      CHECK(text.find("decrease") == std::string::npos);
    }
  const auto significant = survey_findings(survey_section(true));
  CHECK(find(significant, "change").it ==
        "Il livello di soddisfazione globale passa da 3,74 del 2021 a 3,93 del 2022: aumento "
        "statisticamente significativo.");
  CHECK(find(significant, "change").headline);
}

TEST_CASE("survey findings: profile, low bases, and phases by rank interval", "[summary]") {
  const auto findings = survey_findings(survey_section(true));
  CHECK(find(findings, "respondents").it ==
        "Le interviste della rilevazione 2022 hanno interessato 1.200 persone.");
  CHECK(find(findings, "profile").it == "Per genere il gruppo più numeroso è «Donna» (52%).");
  CHECK(find(findings, "yes_share").it ==
        "Risposte «sì» a «chiaro»: 25,0% (base ridotta) (IC 95% 20,0%–30,0%).");
  // Informazione and Richiesta may both be first: a group, never "the best".
  CHECK(find(findings, "best_group").it.find("Informazione e Richiesta possono essere primi") !=
        std::string::npos);
  CHECK(find(findings, "worst").en ==
        "The journey phase rated lowest is «Pratica» (mean 3.20, 95% CI 3.10–3.30).");
  for (const Finding& f : findings) CHECK(f.kind != "best");
}

TEST_CASE("volumes findings: projection range and mix shifts", "[summary]") {
  const json volumes = json::parse(R"({
    "period": {"last": "2023-10", "partial_last_year": true},
    "series": [
      {"name": "Contact center · telefono · contatti", "kind": "flow", "total": 9e7,
       "years": [{"year": 2022, "total": 2e7}, {"year": 2023, "total": 2.1e7,
         "same_period": {"change": 0.309},
         "projection": {"change_range": [0.30, 0.3049], "range": [2.6e7, 2.62e7]}}]},
      {"name": "Portale · web · visite", "kind": "flow", "total": 5e8,
       "years": [{"year": 2022, "total": 2e8}, {"year": 2023, "total": 1.7e8,
         "same_period": {"change": 0.004},
         "projection": {"change_range": [-0.02, 0.03], "range": [1.9e8, 2.1e8]}}]}],
    "mix": {"groups": [{"name": "Sede · prenotazioni",
      "series": ["Sede · in presenza · prenotazioni", "Sede · videochiamata · prenotazioni"],
      "years": [{"year": 2021, "partial": false, "shares": [0.619, 0.381]},
                {"year": 2023, "partial": true, "shares": [0.702, 0.298]}]}]}
  })");
  const auto findings = volumes_findings(volumes);
  CHECK(find(findings, "projection").it ==
        "Contact center · telefono · contatti: con i dati fino a ottobre 2023, per il 2023 si "
        "prevede una variazione di +30% rispetto al 2022 (stesso periodo dell’anno: +31%).");
  CHECK(find(findings, "projection").headline);
  // A range across zero is "stable", never a rise.
  CHECK(find(findings, "projection", 1).it.find("sostanzialmente stabile") != std::string::npos);
  CHECK(find(findings, "projection", 1).en.find("about level with 2022 (-2% to +3%") !=
        std::string::npos);
  CHECK(find(findings, "mix_shift").it ==
        "Sede · prenotazioni: in presenza passa dal 62% nel 2021 al 70% nel 2023 (dati parziali) "
        "e videochiamata passa dal 38% nel 2021 al 30% nel 2023 (dati parziali).");
}

TEST_CASE("media findings: the newest crisis first, then the negative share", "[summary]") {
  const json media = json::parse(R"({
    "negative": {"items": 2082, "with_sentiment": 14238, "share": 0.146228},
    "alerts": [{"week": "2023-08-07", "count": 90, "baseline_mean": 30.25, "items": []},
               {"week": "2023-09-11", "count": 354, "baseline_mean": 34.75,
                "items": [{"title": "INPS, <b>disservizio</b>"}]}]
  })");
  const auto findings = media_findings(media);
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].it ==
        "Crisi: nella settimana dell’11/09/2023 le uscite negative sono 354, contro una media di "
        "34,8 nelle otto settimane precedenti; tra i titoli, «INPS, <b>disservizio</b>».");
  CHECK(findings[1].en.find("week of 07/08/2023 there were 90 negative items") !=
        std::string::npos);
  CHECK(findings[2].it == "Uscite negative: 14,62% di quelle con un sentiment (2.082 su 14.238).");
}

TEST_CASE("territory findings: units outside the funnel and the spread's direction", "[summary]") {
  json territory = json::parse(R"({"levels": [{"level": "region", "metrics": [{
    "id": "voto", "label": "voto", "type": "mean",
    "outside": [{"name": "Campania", "band": "low_998"}, {"name": "Marche", "band": "high_95"}],
    "spread": {"periods": [{"period": "2019", "sd_beyond_noise": 0.096},
                           {"period": "2021", "sd_beyond_noise": 0.0961},
                           {"period": "2022", "sd_beyond_noise": 0.054}]}}]}]})");
  Findings out;
  territory_findings(territory, out);
  REQUIRE(out.list().size() == 2);
  CHECK(out.list()[0].it ==
        "Fuori dai limiti di controllo al 95% per «voto» (regioni): sotto il valore nazionale "
        "Campania (anche oltre il 99,8%); sopra Marche.");
  CHECK(out.list()[1].it ==
        "La dispersione tra le regioni per «voto», al netto del rumore campionario, si restringe: "
        "da 0,10 (2019) a 0,05 (2022).");
  // A spread that goes down and up again is not called narrowing.
  json zigzag = territory;
  zigzag["levels"][0]["metrics"][0]["spread"]["periods"][1]["sd_beyond_noise"] = 0.2;
  Findings again;
  territory_findings(zigzag, again);
  CHECK(again.list()[1].kind == "spread");
  CHECK(again.list()[1].en.find("with no clear trend") != std::string::npos);
}

TEST_CASE("the configuration orders sections and leaves findings out", "[summary]") {
  ascolto::report::Config config;
  REQUIRE_FALSE(ascolto::report::parse_config(
      R"({"sintesi": {"order": ["comments", "ranking"], "omit": ["alerts", "overall"]}})", config));
  const json sintesi = dataset_sintesi("feedback", feedback_section(true), config.sintesi);
  const json& findings = sintesi["findings"];
  REQUIRE(findings.size() >= 3);
  CHECK(findings[0]["section"] == "comments");
  CHECK(findings[2]["section"] == "ranking");
  for (const json& f : findings) {
    CHECK(f["section"] != "alerts");
    CHECK(f["kind"] != "overall");
  }
  const ascolto::Error typo = ascolto::report::parse_config(
      R"({"sintesi": {"omit": ["alert"], "order": ["alrets"]}})", config);
  REQUIRE(typo);
  CHECK(typo.message.find("\"alrets\" is not a section") != std::string::npos);
}

TEST_CASE("a part of unexpected shape loses its sentences, is named, and nothing else is lost",
          "[summary]") {
  json broken = feedback_section(true);
  broken["overall"]["count"] = "many";      // a string where a number belongs
  broken["alerts"] = {{{"kind", "drop"}}};  // an alert without its figures
  const json sintesi = dataset_sintesi("feedback", broken, {});
  CHECK(sintesi["incomplete"] == json::array({"alerts", "overall"}));
  bool ranking = false;
  for (const json& f : sintesi["findings"]) {
    CHECK(f["section"] != "overall");
    ranking = ranking || f["section"] == "ranking";
  }
  CHECK(ranking);
  // A section that is no object at all gives no sentence and no crash.
  CHECK(dataset_sintesi("survey", json::array({1, 2}), {})["findings"].empty());
  CHECK(dataset_sintesi("volumes", nullptr, {})["findings"].empty());
}

TEST_CASE("the Sintesi as Markdown escapes text from files", "[summary]") {
  CHECK(markdown_escaped("*Donna* [x](y) <b> #1 a_b") ==
        "\\*Donna\\* \\[x\\](y) \\<b\\> \\#1 a\\_b");
  const json report = {
      {"datasets",
       {{{"name", "f_1.csv"},
         {"sintesi",
          {{"findings", {{{"it", "Per genere prevale «*Donna*»."}, {"en", "By sex: «*Donna*»."}}}},
           {"incomplete", {"overall"}}}}}}}};
  CHECK(render(report, Format::markdown, Lang::it) ==
        "# Sintesi\n\n## f\\_1.csv\n\n- Per genere prevale «\\*Donna\\*».\n"
        "- Alcune frasi mancano: le sezioni overall hanno una forma inattesa.\n\n");
  CHECK(render(report, Format::text, Lang::en) ==
        "f_1.csv\n=======\n- By sex: «*Donna*».\n"
        "- Some sentences are missing: the sections overall have an unexpected shape.\n\n");
}

TEST_CASE("a dataset without a Sintesi says why instead of printing nothing", "[summary]") {
  const json report = {
      {"datasets",
       {{{"name", "emoita.csv"},
         {"kind", {{"value", "unknown"}, {"reason", "no rating, period or outlet columns"}}}},
        {{"name", "rotto.csv"}, {"kind", {{"value", "unknown"}}}, {"error", {{"code", "x"}}}}}}};
  const std::string it = render(report, Format::text, Lang::it);
  CHECK(it.rfind("emoita.csv\n==========\n- Nessuna sintesi: non si riconosce", 0) == 0);
  CHECK(it.find("--kind") != std::string::npos);
  CHECK(it.find("rotto.csv") == std::string::npos);  // its error is on stderr
  CHECK(render(report, Format::markdown, Lang::en).find("- No summary: the kind of data is not") !=
        std::string::npos);
  // A known kind whose figures are all withheld (every rating "not
  // applicable") has a Sintesi without findings: it printed a bare title.
  const json empty = {{"datasets",
                       {{{"name", "voti.csv"},
                         {"kind", {{"value", "feedback"}}},
                         {"sintesi", {{"findings", json::array()}}}}}}};
  CHECK(render(empty, Format::text, Lang::en) ==
        "voti.csv\n========\n- No summary for these data.\n\n");
}

namespace {

// A feedback section with eight weekly periods: the last four at `last`.
json trend_section(double last, double se) {
  json periods = json::array();
  for (int week = 0; week < 8; ++week)
    periods.push_back({{"start", "2023-09-" + std::to_string(4 + week) + "T"},
                       {"count", 1000},
                       {"mean", {{"value", week < 4 ? 3.80 : last}, {"se", se}}}});
  periods[4]["start"] = "2023-10-02";
  return {{"scale", {{"min", 1}, {"max", 5}}}, {"trend", {{"periods", periods}}}};
}

}  // namespace

TEST_CASE("the feedback trend: the last four weeks against the four before", "[summary]") {
  const Findings falling = feedback_findings(trend_section(3.50, 0.03));
  const Finding& down = find(falling, "trend");
  CHECK(down.it ==
        "Nelle ultime quattro settimane (dal 02/10/2023) il voto medio è 3,50, contro 3,80 delle "
        "quattro precedenti: diminuzione statisticamente significativa.");
  CHECK(down.en ==
        "In the last four weeks (from 02/10/2023) the mean rating is 3.50, against 3.80 in the "
        "four before: a statistically significant decrease.");
  // 0.05 apart with a standard error of 0.06 a week: within the noise.
  const Findings level = feedback_findings(trend_section(3.85, 0.06));
  const Finding& flat = find(level, "trend");
  CHECK(flat.it.find("3,85, contro 3,80 delle quattro precedenti: stabile, la differenza è entro "
                     "l’errore campionario.") != std::string::npos);
  CHECK(flat.figures["change"]["significant"] == false);
  CHECK(flat.en.find("increase") == std::string::npos);
  // Monthly periods (a span of dates over two years) are months, not weeks.
  json monthly = trend_section(3.50, 0.03);
  monthly["trend"]["granularity"] = "month";
  for (int i = 0; i < 8; ++i)
    monthly["trend"]["periods"][i]["start"] = "2023-0" + std::to_string(i + 2);
  const Findings months = feedback_findings(monthly);
  CHECK(find(months, "trend").it ==
        "Negli ultimi quattro mesi (da giugno 2023) il voto medio è 3,50, contro 3,80 dei quattro "
        "precedenti: diminuzione statisticamente significativa.");
  CHECK(find(months, "trend").en.rfind("In the last four months (from June 2023)", 0) == 0);
}

TEST_CASE("every finding of the demos' shapes has both languages, a figure, no placeholder",
          "[summary]") {
  json survey = survey_section(true);
  survey["indices"] = {
      {{"name", "Indice"},
       {"mean", {{"value", 3.766}, {"ci95", {3.75, 3.78}}}},
       {"by_wave",
        {{{"wave", "2021"}, {"estimate", {{"value", 3.66}}}},
         {{"wave", "2022"}, {"estimate", {{"value", 3.766}}}}}},
       {"wave_differences",
        {{{"from", "2021"}, {"to", "2022"}, {"value", 0.1}, {"p", 0.2}, {"significant", false}}}}}};
  survey["drivers"] = {{"items",
                        {{{"column", "pratica_web"},
                          {"quadrant", "priority"},
                          {"importance", 0.6},
                          {"performance", {{"value", 3.7}}}}}}};
  survey["shares"]["multi_response"] = {
      {{"name", "notizie"},
       {"options",
        {{{"value", "tg"}, {"share", {{"value", 0.4642}}}},
         {{"value", "radio"}, {"share", {{"value", 0.12004}}}}}}}};
  const auto findings = survey_findings(survey);
  CHECK(find(findings, "index").it ==
        "«Indice» si attesta al 3,77 (IC 95% 3,75–3,78); nel 2021 era 3,66: stabile, la "
        "differenza è entro l’errore campionario.");
  CHECK(find(findings, "priority").en.find("«pratica web» (correlation 0.60, mean 3.70)") !=
        std::string::npos);
  CHECK(find(findings, "multi_response").en ==
        "«notizie» (several answers allowed): «tg» 46.42% and «radio» 12%.");
  CHECK(find(findings, "overall").en ==
        "Overall satisfaction is 3.93 on a scale from 1 to 5 (95% CI 3.70–3.90).");
  std::size_t checked = 0;
  for (const Finding& f : findings) {
    for (const std::string& text : {f.it, f.en}) {
      INFO(f.kind << ": " << text);
      CHECK_FALSE(text.empty());
      CHECK(text.find('{') == std::string::npos);
      // A figure in every sentence but those that name a group of units.
      if (f.kind != "best_group" && f.kind != "worst_group")
        CHECK(text.find_first_of("0123456789") != std::string::npos);
    }
    ++checked;
  }
  CHECK(checked >= 10);
  // No unit outside the funnel, and a spread that grows.
  json territory = json::parse(R"({"levels": [{"level": "office", "metrics": [{
    "id": "top2:voto", "label": "voto", "type": "share", "outside": [],
    "spread": {"periods": [{"period": "2023-01", "sd_beyond_noise": 0.02},
                           {"period": "2023-06", "sd_beyond_noise": 0.03}]}}]}]})");
  Findings out;
  territory_findings(territory, out);
  CHECK(out[0].en ==
        "None of the offices is outside the control limits for «voto»: the differences are "
        "compatible with chance.");
  CHECK(out[1].it ==
        "La dispersione tra le sedi per «voto», al netto del rumore campionario, si allarga: da "
        "2,0 punti (2023-01) a 3,0 punti (2023-06).");
}

TEST_CASE("volumes without a year in progress: the last complete year, and one year's mix",
          "[summary]") {
  const json volumes = json::parse(R"({
    "period": {"last": "2022-12", "partial_last_year": false},
    "series": [{"name": "Contact center · contatti", "kind": "flow", "total": 5e6,
                "years": [{"year": 2021, "total": 2e6, "complete": true},
                          {"year": 2022, "total": 3e6, "complete": true, "change": 0.5}]}],
    "mix": {"groups": [{"name": "", "series": ["DA PORTALE", "DA COMUNI"],
                        "years": [{"year": 2022, "partial": false, "shares": [0.547, 0.453]}]}]}
  })");
  const auto findings = volumes_findings(volumes);
  CHECK(find(findings, "year_change").it ==
        "Contact center · contatti: 3.000.000 nel 2022, +50% rispetto al 2021.");
  CHECK(find(findings, "year_change").headline);
  // The one group of a wide table has no name; the sentence still opens with a capital.
  CHECK(find(findings, "mix_year").it == "Nel 2022: DA PORTALE 55% e DA COMUNI 45%.");
  CHECK(find(findings, "mix_year").en == "In 2022: DA PORTALE 55% and DA COMUNI 45%.");
  // A wide projection range across zero is uncertain, not stable.
  json partial = json::parse(R"({
    "period": {"last": "2016-02", "partial_last_year": true},
    "series": [{"name": "calls", "kind": "flow", "total": 9e4,
                "years": [{"year": 2015, "total": 5e4}, {"year": 2016, "total": 9e3,
                  "same_period": {"change": 0.48},
                  "projection": {"change_range": [-0.19, 0.41], "range": [4e4, 7e4]}}]}]})");
  CHECK(find(volumes_findings(partial), "projection").it ==
        "Calls: con i dati fino a febbraio 2016, la proiezione del 2016 è incerta: tra -19% e +41% "
        "rispetto al 2015 (stesso periodo dell’anno: +48%).");
}

TEST_CASE("a yes/no overall satisfaction is a share, its change worded with articles",
          "[summary]") {
  json survey = survey_section(true);
  survey["overall"]["type"] = "binary";
  survey["overall"]["positive"] = "satisfied";
  survey["overall"]["estimate"] = {{"value", 0.439}, {"ci95", {0.433, 0.445}}};
  survey["overall"]["by_wave"] = {{{"wave", "2021"}, {"estimate", {{"value", 0.81}}}},
                                  {{"wave", "2022"}, {"estimate", {{"value", 0.439}}}}};
  survey["overall"]["wave_differences"][0]["value"] = -0.371;
  const Findings findings = survey_findings(survey);
  CHECK(find(findings, "overall").it ==
        "Soddisfazione globale («satisfied»): 43,9% degli intervistati (IC 95% 43,3%–44,5%).");
  CHECK(find(findings, "change").it ==
        "Il livello di soddisfazione globale passa dall’81% del 2021 al 43,9% del 2022: "
        "diminuzione statisticamente significativa.");
  CHECK(find(findings, "change").en ==
        "Overall satisfaction goes from 81% in 2021 to 43.9% in 2022: a statistically "
        "significant decrease.");
  // With waves the change is the headline; without, the level is.
  CHECK_FALSE(find(findings, "overall").headline);
  CHECK(find(findings, "change").headline);
  survey.erase("wave");
  const Findings single = survey_findings(survey);
  CHECK(find(single, "overall").headline);
  for (const Finding& f : single) CHECK(f.kind != "change");
}
