// Columns that look like personal data are found on load, reported, and
// left out of the analysis unless the configuration includes them.
#include <catch2/catch.hpp>

#include <map>

#include "helpers.hpp"
#include "text/privacy.hpp"

using nlohmann::json;

namespace {

std::map<std::string, json> columns_of(const json& dataset) {
  std::map<std::string, json> out;
  for (const json& c : dataset["columns"]) out[c["name"]] = c;
  return out;
}

}  // namespace

TEST_CASE("tax codes need their check character", "[privacy]") {
  CHECK(ascolto::text::valid_tax_code("RSSMRA80A01H501U"));
  CHECK(ascolto::text::valid_tax_code("rssmra80a01h501u"));
  CHECK_FALSE(ascolto::text::valid_tax_code("RSSMRA80A01H501X"));  // wrong check character
  CHECK(ascolto::text::valid_tax_code("BNCGVN75L15F205G"));
  CHECK_FALSE(ascolto::text::valid_tax_code("BNCGVN75L15F205Z"));
  CHECK_FALSE(ascolto::text::valid_tax_code("RSSMRA80A01H501"));
  CHECK(std::string(ascolto::text::personal_value_kind(" mario.rossi@example.it ")) == "email");
  CHECK(std::string(ascolto::text::personal_value_kind("333 123 4567")) == "phone");
  CHECK(std::string(ascolto::text::personal_value_kind("IT60X0542811101000000123456")) == "iban");
  CHECK(ascolto::text::personal_value_kind("scrivere a mario.rossi@example.it") == nullptr);
  CHECK(ascolto::text::personal_value_kind("2024-01-15") == nullptr);
  CHECK(ascolto::text::personal_value_kind("3,5") == nullptr);
}

TEST_CASE("each kind of personal-data column is left out unless included", "[privacy]") {
  const char* tax_codes[] = {"RSSMRA80A01H501U", "BNCGVN75L15F205G"};
  std::string csv =
      "contatto;telefono_utente;conto;cf;nominativo;data_nascita;cap;applicativo;voto;note\n";
  for (int i = 0; i < 40; ++i)
    csv += "utente" + std::to_string(i) + "@example.it;+39 333 12" + std::to_string(10000 + i) +
           ";IT60X0542811101000000" + std::to_string(100000 + i) + ";" + tax_codes[i % 2] +
           ";Persona " + std::to_string(i) + ";19" + std::to_string(50 + i) + "-03-0" +
           std::to_string(1 + i % 9) + ";" + std::to_string(20100 + i) + ";NASpI;" +
           std::to_string(1 + i % 5) + ";ok\n";
  const json d = test::analyze(csv)["datasets"][0];
  auto columns = columns_of(d);
  for (const char* name :
       {"contatto", "telefono_utente", "conto", "cf", "nominativo", "data_nascita", "cap"}) {
    INFO(name);
    CHECK(columns[name]["role"] == "personal");
  }
  CHECK(columns["applicativo"]["role"] == "application");
  CHECK(columns["voto"]["role"] == "rating");
  REQUIRE(d["personal_data"].size() == 7);
  CHECK(d["personal_data"][0]["column"] == "contatto");
  CHECK(d["personal_data"][0]["reason"].get<std::string>().find("email: 40 of 40") !=
        std::string::npos);
  // The analysis goes on without them.
  CHECK(d["kind"]["value"] == "feedback");

  // Confirmed by the user: analysed as any other column.
  const json included =
      test::analyze(csv, 1 << 16, R"({"include_personal": ["cap"]})")["datasets"][0];
  CHECK(columns_of(included)["cap"]["role"] != "personal");
  CHECK(included["personal_data"].size() == 6);

  // Wrong check characters: not tax codes; a date of birth without a
  // postcode: not flagged.
  const json plain = test::analyze(
      "codice;data_nascita;voto\nRSSMRA80A01H501X;1980-01-01;4\n"
      "BNCGVN75L15F205A;1975-07-15;5\n")["datasets"][0];
  CHECK(plain["personal_data"].empty());
}
