// Italian sentiment (issue 20): the rules on the cases they exist for, and
// the accuracy on public texts the rules were not written on.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "helpers.hpp"
#include "sentiment/comments.hpp"
#include "sentiment/model.hpp"
#include "sentiment/scorer.hpp"

using ascolto::sentiment::Label;
using ascolto::sentiment::score_text;

namespace {

Label label(const char* text) {
  return score_text(text).label;
}

}  // namespace

TEST_CASE("negation, intensifiers, contrast and idioms", "[sentiment]") {
  CHECK(label("Non funziona niente, pessima esperienza") == Label::negative);
  CHECK(label("Non funziona") == Label::negative);
  CHECK(label("Funziona") == Label::positive);
  CHECK(label("Il sito non è chiaro") == Label::negative);
  CHECK(label("Il sito è chiaro") == Label::positive);
  CHECK(label("poco chiaro") == Label::negative);
  CHECK(label("Niente da dire, servizio ottimo") == Label::positive);
  CHECK(label("Non male") == Label::positive);
  CHECK(label("Non è mai lento") == Label::positive);
  CHECK(label("Senza problemi") == Label::positive);
  CHECK(label("Bello ma troppo lento") == Label::negative);
  CHECK(label("Lento, ma alla fine ottimo") == Label::positive);
  CHECK(label("Non è chiaro. Comunque ottimo servizio") == Label::positive);
  CHECK(label("L'app è ottima") == Label::positive);  // elision split
  CHECK(label("Domanda inviata il 3 marzo") == Label::undetermined);
  CHECK(label("") == Label::undetermined);
  CHECK(score_text("molto lento").value < score_text("lento").value);
  CHECK(label("Uno scandalo, una truffa") == Label::negative);
  CHECK(label("Crisi del sistema informatico") == Label::negative);
}

namespace {

// Positive-against-negative macro-F1: texts of known polarity, each scored
// and read by the sign of its score; an undetermined text (no polarity
// word) or a score of exactly 0 counts as a miss of its class.
struct Confusion {
  // [truth][predicted]: 0 negative, 1 positive, 2 neither
  std::uint64_t cells[2][3] = {};
  void add(bool positive, const ascolto::sentiment::Score& score) {
    const int p = score.hits == 0 || score.value == 0 ? 2 : score.value > 0 ? 1 : 0;
    ++cells[positive ? 1 : 0][p];
  }
  double f1(int c) const {
    const double tp = static_cast<double>(cells[c][c]);
    const double predicted = static_cast<double>(cells[0][c] + cells[1][c]);
    const double actual = static_cast<double>(cells[c][0] + cells[c][1] + cells[c][2]);
    return tp == 0 ? 0 : 2 * tp / (predicted + actual);
  }
  double macro_f1() const { return (f1(0) + f1(1)) / 2; }
};

}  // namespace

TEST_CASE("accuracy on EmoITA (valence <= 2.5 negative, >= 3.5 positive)", "[sentiment][shared]") {
  const std::string path = std::string(ASCOLTO_SHARED_DATA) + "/emoita_dev.csv";
  const std::string bytes = test::read_file(path);
  if (bytes.empty()) {
    WARN("../shared/data/emoita_dev.csv is absent");
    return;
  }
  Confusion confusion;
  for (const test::Record& r : test::parse(bytes, bytes.size())) {
    if (r.line == 1 || r.fields.size() < 3) continue;
    const double valence = std::atof(r.fields[2].c_str());
    if (valence > 2.5 && valence < 3.5) continue;
    confusion.add(valence >= 3.5, score_text(r.fields[1]));
  }
  const auto& c = confusion.cells;
  WARN("EmoITA macro-F1 " << confusion.macro_f1() << ": negative -> " << c[0][0] << " neg, "
                          << c[0][1] << " pos, " << c[0][2] << " neither; positive -> " << c[1][0]
                          << " neg, " << c[1][1] << " pos, " << c[1][2] << " neither");
  CHECK(confusion.macro_f1() >= 0.60);
}

TEST_CASE("accuracy on Amazon.it reviews (1-2 stars negative, 4-5 positive)",
          "[sentiment][shared]") {
  const std::string bytes =
      test::read_file(std::string(ASCOLTO_SHARED_DATA) + "/amazon_it_reviews.csv");
  if (bytes.empty()) {
    WARN("../shared/data/amazon_it_reviews.csv is absent");
    return;
  }
  Confusion confusion;
  for (const test::Record& r : test::parse(bytes, bytes.size())) {
    if (r.line == 1 || r.fields.size() < 4) continue;
    const int stars = r.fields[3].empty() ? 0 : r.fields[3][0] - '0';
    if (stars == 3 || stars == 0) continue;
    confusion.add(stars >= 4, score_text(r.fields[0]));
  }
  const auto& c = confusion.cells;
  WARN("Amazon.it macro-F1 " << confusion.macro_f1() << ": negative -> " << c[0][0] << " neg, "
                             << c[0][1] << " pos, " << c[0][2] << " neither; positive -> "
                             << c[1][0] << " neg, " << c[1][1] << " pos, " << c[1][2]
                             << " neither");
  CHECK(confusion.macro_f1() >= 0.50);
}

TEST_CASE(
    "the feedback report: negative shares, contradictions, unrated comments, the explorer's filter",
    "[sentiment]") {
  std::string csv = "data;applicativo;voto;commento\n";
  const char* bad[] = {"Il sito è lento e non funziona niente", "Pessimo servizio, errore continuo",
                       "Procedura complicata e poco chiara"};
  const char* good[] = {"Tutto chiaro, grazie", "Servizio ottimo e veloce", "Procedura semplice"};
  for (int i = 0; i < 120; ++i) {
    const bool low = i % 2 == 0;
    csv += "2024-01-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(1 + i % 28) + ";" +
           (i % 3 ? "NASpI" : "ISEE") + ";" + (low ? "1" : "5") + ";" +
           (low ? bad[i % 3] : good[i % 3]) + "\n";
  }
  csv += "2024-01-29;NASpI;5;Pessimo, non funziona niente\n";  // the rating says the opposite
  csv += "2024-01-30;NASpI;;Servizio ottimo\n";                // no rating
  csv += "2024-01-30;ISEE;;Errore continuo, pessimo\n";
  const auto report = test::analyze(csv);
  const auto& s = report["datasets"][0]["feedback"]["text"]["sentiment"];
  CHECK(s["model"]["rated"]["negative"] == 60);
  CHECK(s["model"]["rated"]["positive"] == 61);
  CHECK(s["labels"]["negative"].get<int>() >= 60);
  CHECK(s["disagreement"]["comments"] == 1);
  CHECK(s["disagreement"]["examples"][0]["text"] == "Pessimo, non funziona niente");
  CHECK(s["unrated"]["comments"] == 2);
  CHECK(s["unrated"]["negative"] == 1);
  CHECK(s["unrated"]["positive"] == 1);
  double share = 0;
  for (const auto& a : s["by_application"])
    if (a["application"] == "NASpI") share = a["share"].get<double>();
  CHECK(share == Approx(41.0 / 81).margin(0.02));

  ascolto::report::Workspace workspace;
  workspace.begin_dataset("f.csv");
  workspace.feed(csv);
  workspace.finish_dataset();
  const auto page = nlohmann::json::parse(
      workspace.report(R"({"comments": {"sentiment": "negative", "rating": 5, "limit": 5}})"));
  // Under the text minimum (one comment): counted, never shown.
  CHECK(page["views"][0]["comments"]["total"] == 1);
  const auto negatives = nlohmann::json::parse(
      workspace.report(R"({"comments": {"sentiment": "negative", "limit": 200}})"));
  CHECK(negatives["views"][0]["comments"]["total"] == 61);
  for (const auto& c : negatives["views"][0]["comments"]["comments"])
    CHECK(c["sentiment"] == "negative");
}

TEST_CASE("cross-validation counts a repeated text as often as the sample holds it",
          "[sentiment]") {
  using ascolto::sentiment::cross_validate;
  using ascolto::sentiment::features;
  const std::vector<std::string> phrases = {
      "servizio chiaro e veloce", "pagina bloccata, errore invio", "non funziona niente",
      "tutto semplice grazie",    "non chiaro, troppi passaggi",   "ottimo e veloce",
      "errore continuo"};
  // 60 positions in a fixed, uneven pattern; the class does not always follow the text.
  std::vector<std::uint32_t> sample;
  std::vector<bool> positive;
  for (std::uint32_t i = 0; i < 60; ++i) {
    sample.push_back((i * i + 3 * i) % phrases.size());
    positive.push_back(sample.back() % 3 == 0 || (i % 11 == 0));
  }
  std::vector<std::vector<std::uint64_t>> distinct, one_each;
  for (const std::string& p : phrases) distinct.push_back(features(p));
  std::vector<std::uint32_t> own;
  for (std::uint32_t i = 0; i < sample.size(); ++i) {
    one_each.push_back(distinct[sample[i]]);
    own.push_back(i);
  }
  const auto grouped = cross_validate(distinct, sample, positive);
  const auto single = cross_validate(one_each, own, positive);
  CHECK(grouped.total() == 60);
  CHECK(grouped.cells == single.cells);
  CHECK(grouped.cells[0][1] + grouped.cells[1][0] > 0);  // some errors: a test that can differ
}

TEST_CASE("comments' sentiment counts each comment's rows by rating band", "[sentiment]") {
  using ascolto::sentiment::CommentsInput;
  constexpr std::uint32_t kNone = CommentsInput::kNone;
  const double nan = std::nan("");
  // Comment 0: a 1 (negative), two unrated rows, a 3 (neither band);
  // comment 1: a 5 and a 4 (positive), a 2 (the 3-point scale's middle
  // point below: negative_max = positive_min = 2 counts it positive).
  const std::vector<std::uint32_t> comment_of_row = {0, 1, kNone, 0, 1, 0, 1, 0};
  const std::vector<double> ratings = {1, 5, 5, nan, 4, 3, 2, nan};
  const std::vector<float> score = {-0.5f, 0.0f};
  const std::vector<std::uint8_t> hits = {1, 0};
  CommentsInput in;
  in.comments = 2;
  in.text = [](std::uint32_t id) { return std::string(id ? "bene" : "male"); };
  in.comment_of_row = &comment_of_row;
  in.ratings = &ratings;
  in.lexicon_score = &score;
  in.lexicon_hits = &hits;
  SECTION("a 1-5 scale") {
    const auto s = ascolto::sentiment::comment_sentiment(in);
    CHECK(s.rated == std::array<std::uint64_t, 2>{2, 2});  // the 2 is negative here
    CHECK(s.unrated == std::vector<std::uint32_t>{2, 0});
    // The lexicon reads comment 0 as negative; comment 1 has no polarity
    // word, a miss on each of its positive rows (said negative) and a
    // miss on its negative row (said positive).
    CHECK(s.lexicon_on_rated.cells[0][0] == 1);
    CHECK(s.lexicon_on_rated.cells[0][1] == 1);
    CHECK(s.lexicon_on_rated.cells[1][0] == 2);
    CHECK(s.lexicon_on_rated.cells[1][1] == 0);
    CHECK_FALSE(s.model_used);  // too few rated comments
  }
  SECTION("a 1-3 scale: the middle point is positive") {
    in.negative_max = 2;
    in.positive_min = 2;
    const auto s = ascolto::sentiment::comment_sentiment(in);
    CHECK(s.rated == std::array<std::uint64_t, 2>{1, 4});  // the 3 and the 2 positive
    // Comment 1's three rows missed, and comment 0's 3 (read negative).
    CHECK(s.lexicon_on_rated.cells[1][0] == 4);
  }
}
