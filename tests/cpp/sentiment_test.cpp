// Italian sentiment (issue 20): the rules on the cases they exist for, and
// the accuracy on public texts the rules were not written on.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "helpers.hpp"
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
