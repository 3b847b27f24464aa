// The Sintesi's feedback findings (issue 22): every sentence, in both
// languages, from a report section whose figures are known.
#include <catch2/catch.hpp>

#include "summary/findings.hpp"

using namespace ascolto::summary;
using json = nlohmann::ordered_json;

namespace {

json feedback_section(bool separable) {
  return json::parse(std::string(R"({
    "scale": {"min": 1, "max": 5},
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

const Finding& find(const std::vector<Finding>& findings, const std::string& kind, int nth = 0) {
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
  CHECK(find(findings, "alert", 1).en.find("1-2 ratings of all applications rise to 33.60%") !=
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
        "The comments of 1-2 ratings are mostly about «errore» and «sessione».");
  CHECK(find(findings, "negative_comments").it ==
        "Il 27,57% dei commenti con un sentiment riconoscibile è negativo (lessico italiano).");
  CHECK(find(findings, "negative_comments").en.rfind("27.57% of the comments", 0) == 0);
}

TEST_CASE("a unit is named best only when its rank interval says so", "[summary]") {
  const auto findings = feedback_findings(feedback_section(false));
  for (const Finding& f : findings) CHECK(f.kind != "best");
  CHECK(find(findings, "best_group").it ==
        "Il gruppo di testa non si può separare: Cedolino e Riscatto possono essere primi (IC del "
        "rango); nessuno è primo con certezza.");
  CHECK(find(findings, "best_group").en.find("Cedolino and Riscatto may each be first") !=
        std::string::npos);
  // A suppressed mean is never written.
  json suppressed = feedback_section(true);
  suppressed["overall"]["mean"] = {{"suppressed", true}};
  for (const Finding& f : feedback_findings(suppressed)) CHECK(f.kind != "overall");
}
