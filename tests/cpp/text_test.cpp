// Text tools of the core: UTF-8 lowercasing, the Italian stemmer (checked
// against pairs from the Snowball project's own Italian vocabulary,
// snowballstem/snowball-website italian/diffs.txt), tokens, privacy masks.
#include <catch2/catch.hpp>

#include "text/italian_stemmer.hpp"
#include "text/privacy.hpp"
#include "text/utf8.hpp"
#include "text/words.hpp"

using ascolto::text::italian_stem;

TEST_CASE("the Italian stemmer gives Snowball's stems", "[text]") {
  const char* const pairs[][2] = {
      {"capirlo", "cap"},
      {"capisce", "cap"},
      {"capiscono", "cap"},
      {"capita", "cap"},
      {"capitale", "capital"},
      {"capitalismo", "capital"},
      {"capitalizzare", "capitalizz"},
      {"capitalizzazione", "capitalizz"},
      {"capitaneria", "capitaner"},
      {"capitano", "capit"},
      {"capitar", "capit"},
      {"capitarono", "capit"},
      {"capitasse", "capit"},
      {"capitò", "capit"},
      {"capitoli", "capitol"},
      {"capò", "cap"},
      {"capocannoniere", "capocannon"},
      {"capocchie", "capocc"},
      {"capovolgimento", "capovolg"},
      {"cappellano", "cappell"},
      {"capricciose", "capricc"},
      {"caramente", "car"},
      {"carattere", "caratt"},
      {"caratteristiche", "caratterist"},
      {"caratterizzata", "caratterizz"},
      {"carbonica", "carbon"},
      {"carbonio", "carbon"},
      {"cardiache", "cardiac"},
      {"carestie", "carest"},
      {"caricare", "caric"},
      {"cariche", "caric"},
      {"carismatico", "carismat"},
      {"carità", "carit"},
      {"carnascialesche", "carnascialesc"},
      {"carriere", "carr"},
      {"carrierismo", "carrier"},
      {"cartapestai", "cartapesta"},
      {"casertano", "casert"},
      {"cassintegrazione", "cassintegr"},
      {"casualmente", "casual"},
      {"categoricamente", "categor"},
      {"cattiva", "catt"},
      {"cattivarvi", "cattiv"},
      {"cattività", "cattiv"},
      {"cattolica", "cattol"},
      {"cattolicesimo", "cattolicesim"},
      {"causarne", "caus"},
      {"cautelativamente", "cautel"},
      {"cavalcatore", "cavalc"},
      {"cavalcatura", "cavalcatur"},
      {"cauare", "cau"},
      {"casomai", "casoma"},
      {"casiraghi", "casirag"},
      {"caracas", "caracas"},
      {"cassazione", "cassazion"},
      {"carcerazione", "carcer"},
      {"cardiopatia", "cardiopat"},
      {"catamarani", "catamaran"},
      {"capisaldi", "capisald"},
      {"cardillo", "cardill"},
  };
  for (const auto& [word, stem] : pairs) {
    INFO(word);
    CHECK(italian_stem(word) == stem);
  }
}

TEST_CASE("lowercase of accented capitals", "[text]") {
  using ascolto::text::decode_utf8;
  using ascolto::text::encode_utf8;
  std::u32string w = decode_utf8("ÈCCO PERCHÉ Ù");
  for (char32_t& c : w) c = ascolto::text::to_lower(c);
  CHECK(encode_utf8(w) == "ècco perché ù");
  CHECK(decode_utf8("a\xff"
                    "b") == U"a\uFFFDb");
}

TEST_CASE("words: lowercased, split at apostrophes, numbers left out", "[text]") {
  using ascolto::text::words;
  CHECK(words("Nell'APP è TUTTO lento!! 2024 isee2023") ==
        std::vector<std::string>{"nell", "app", "tutto", "lento", "isee2023"});
  CHECK(words("PERCHÉ non va") == std::vector<std::string>{"perché", "non", "va"});
  CHECK(ascolto::text::is_stopword("della"));
  CHECK_FALSE(ascolto::text::is_stopword("non"));  // negations carry meaning
}

TEST_CASE("personal data in comments is masked and counted", "[text]") {
  using ascolto::text::mask_personal_data;
  struct Case {
    const char* text;
    const char* masked;
  };
  const Case cases[] = {
      {"scrivetemi a mario.rossi@example.it grazie", "scrivetemi a [email] grazie"},
      {"chiamate il 333 123 4567 oppure +39 06 1234 5678",
       "chiamate il [telefono] oppure [telefono]"},
      {"IBAN IT60X0542811101000000123456 per il rimborso", "IBAN [IBAN] per il rimborso"},
      {"iban IT60 X054 2811 1010 0000 0123 456.", "iban [IBAN]."},
      {"CF RSSMRA80A01H501U, pratica 2024", "CF [codice fiscale], pratica 2024"},
      // Not personal data: dates, amounts, years, protocol numbers.
      {"il 07/02/2024 ho pagato 1.250,00 euro", "il 07/02/2024 ho pagato 1.250,00 euro"},
      {"dal 2019 al 2023, domanda n. 123456", "dal 2019 al 2023, domanda n. 123456"},
      {"email a @inps senza dominio", "email a @inps senza dominio"},
  };
  for (const Case& c : cases) {
    ascolto::text::MaskCounts counts;
    INFO(c.text);
    CHECK(mask_personal_data(c.text, counts) == c.masked);
  }
  ascolto::text::MaskCounts counts;
  mask_personal_data("a@b.it 3331234567 RSSMRA80A01H501U IT60X0542811101000000123456", counts);
  CHECK(counts.email == 1);
  CHECK(counts.phone == 1);
  CHECK(counts.tax_code == 1);
  CHECK(counts.iban == 1);
}
