// Exports as Excel and the agency's systems write them (issue 17): each
// case is read whole and in 7-byte chunks, with the same result expected.
#include <catch2/catch.hpp>

#include <cmath>

#include "helpers.hpp"
#include "table/value_parse.hpp"

namespace {

nlohmann::json dataset_of(const std::string& bytes, const std::string& config = "") {
  const auto whole = test::analyze(bytes, bytes.size() + 1, config);
  const auto chunked = test::analyze(bytes, 7, config);
  CHECK(whole == chunked);
  return whole["datasets"][0];
}

const nlohmann::json& column(const nlohmann::json& dataset, const std::string& name) {
  for (const auto& c : dataset["columns"])
    if (c["name"] == name) return c;
  FAIL("no column " << name);
  static const nlohmann::json none;
  return none;
}

double max_of(const nlohmann::json& dataset, const std::string& name) {
  return column(dataset, name)["max"].get<double>();
}

bool has_warning(const nlohmann::json& dataset, const std::string& code) {
  for (const auto& w : dataset["warnings"])
    if (w["code"] == code) return true;
  return false;
}

// read = used + rejected + preamble + footer: no row lost in silence.
void check_rows_add_up(const nlohmann::json& d) {
  const auto& r = d["rows"];
  CHECK(r["read"].get<int>() == r["used"].get<int>() + r["rejected"].get<int>() +
                                    r["preamble"].get<int>() + r["footer"].get<int>());
}

}  // namespace

TEST_CASE("a column of '173.376' takes the thousands '.' that the other columns show",
          "[exports]") {
  const auto d = dataset_of(
      "Mese;Contact center;Sportello in presenza\r\n01/2021;2.139.112;173.376\r\n"
      "02/2021;2.005.001;160.100\r\n03/2021;1.999.999;180.200\r\n");
  CHECK(max_of(d, "Contact center") == 2139112);
  CHECK(max_of(d, "Sportello in presenza") == 180200);
  CHECK(column(d, "Sportello in presenza")["type"] == "integer");
  // How it was read is said, with the column that told.
  CHECK(column(d, "Sportello in presenza")["type_reason"].get<std::string>().find(
            "Contact center") != std::string::npos);
  CHECK_FALSE(has_warning(d, "number_format_guessed_point"));
  CHECK_FALSE(has_warning(d, "number_format_guessed_comma"));
}

TEST_CASE("percentages, Italian months and thousands in one file", "[exports]") {
  const auto d = dataset_of(
      "Mese;Sede;Quota;Volume\ngennaio 2023;Roma;62,5%;1.234\nfebbraio 2023;Milano;37,5%;2.345\n"
      "marzo 2023;Roma;50%;3.456\n");
  CHECK(column(d, "Mese")["type"] == "month");
  CHECK(column(d, "Mese")["min"] == "2023-01");
  CHECK(column(d, "Quota")["type"] == "decimal");
  CHECK(max_of(d, "Quota") == Approx(0.625));  // a share, and said so
  CHECK(column(d, "Quota")["format"].get<std::string>().find("percent") != std::string::npos);
  CHECK(max_of(d, "Volume") == 3456);
}

TEST_CASE("when no column tells, the guess is stated in a warning and can be set", "[exports]") {
  const std::string comma_file = "canale,contatti\nweb,1.500\napp,2.300\n";
  const auto guessed = dataset_of(comma_file);
  CHECK(max_of(guessed, "contatti") == Approx(2.3));
  CHECK(has_warning(guessed, "number_format_guessed_point"));
  const auto semicolon = dataset_of("canale;contatti\nweb;1.500\napp;2.300\n");
  CHECK(max_of(semicolon, "contatti") == 2300);  // a ';' file is Italian
  CHECK(has_warning(semicolon, "number_format_guessed_comma"));
  const auto forced = dataset_of(comma_file, R"({"decimal": ","})");
  CHECK(max_of(forced, "contatti") == 2300);
  CHECK_FALSE(has_warning(forced, "number_format_guessed_point"));
  const auto per_column = dataset_of(comma_file, R"({"columns": {"contatti": {"decimal": ","}}})");
  CHECK(max_of(per_column, "contatti") == 2300);
  CHECK(test::analyze(comma_file, 64, R"({"decimal": ";"})").contains("config_error"));
}

TEST_CASE("amounts as Italian exports write them", "[exports]") {
  const auto d = dataset_of(
      "voce;importo;variazione;saldo\n"
      "a;€ 1.234,50;+3,2;(1.234)\n"
      "b;2.000,00 €;-1,5;1.234,00-\n"
      "c;EUR 10,00;–;500\n"
      "d;—;0,5;-\n");
  CHECK(max_of(d, "importo") == Approx(2000));
  CHECK(column(d, "importo")["min"].get<double>() == Approx(10));
  CHECK(column(d, "importo")["missing"] == 1);  // the em dash
  CHECK(max_of(d, "variazione") == Approx(3.2));
  CHECK(column(d, "variazione")["missing"] == 1);  // the en dash
  CHECK(column(d, "saldo")["min"].get<double>() == Approx(-1234));
  CHECK(column(d, "saldo")["invalid"] == 0);
}

TEST_CASE("Excel's sep= line names the delimiter and is skipped", "[exports]") {
  const auto d = dataset_of("sep=;\na;b;c\n1,5;2;3\n4;5;6\n");
  CHECK(d["file"]["delimiter"] == ";");
  CHECK(d["rows"]["used"] == 2);
  CHECK(d["rows"]["preamble"] == 1);
  CHECK(d["file"]["preamble"]["first"] == "sep=;");
  check_rows_add_up(d);
}

TEST_CASE("title and notes lines above the header are skipped and reported", "[exports]") {
  const auto d = dataset_of(
      "Estrazione feedback applicativi\nPeriodo: 01/10/2023 - 31/10/2023\n\n"
      "applicativo;voto;data\nNASpI;5;01/10/2023\nISEE;3;02/10/2023\nNASpI;4;03/10/2023\n");
  CHECK(d["rows"]["used"] == 3);
  CHECK(d["rows"]["preamble"] == 2);
  CHECK(d["file"]["preamble"]["first"] == "Estrazione feedback applicativi");
  CHECK(d["kind"]["value"] == "feedback");
  check_rows_add_up(d);
  // Excel's empty first row, and a first line of spaces.
  for (const std::string head :
       {";;;\n", "   \n", "Titolo;;;\n;;;\n", "Periodo:;ottobre 2023;\n"}) {
    INFO(head);
    const auto e =
        dataset_of(head + "applicativo;voto;data\nNASpI;5;01/10/2023\nISEE;3;02/10/2023\n");
    CHECK(e["rows"]["used"] == 2);
    CHECK(e["columns"][0]["name"] == "applicativo");
    check_rows_add_up(e);
  }
}

TEST_CASE("a sparse first row of numbers in a file without header is data", "[exports]") {
  const auto d = dataset_of("1;;\n2;3;4\n5;6;7\n");
  CHECK(d["rows"]["preamble"] == 0);
  CHECK(d["rows"]["used"] == 3);
}

TEST_CASE("total and source lines below the data are skipped and reported", "[exports]") {
  const auto d =
      dataset_of("canale;contatti\nweb;100\napp;200\nTotale;300\n;\nFonte: elaborazione INPS\n");
  CHECK(d["rows"]["used"] == 2);
  CHECK(d["rows"]["footer"] == 3);
  CHECK(d["file"]["footer"]["first"] == "Totale 300");
  CHECK(max_of(d, "contatti") == 200);  // the total is not a row
  check_rows_add_up(d);
  // A row that only looks like a footer, followed by data, is data.
  const auto middle = dataset_of("canale;contatti\nweb;100\nTotale;300\napp;200\n");
  CHECK(middle["rows"]["used"] == 3);
  CHECK(middle["rows"]["footer"] == 0);
  CHECK(test::warning_lines(middle, "total_row_in_data") == nlohmann::json::array({3}));
  // A comment that opens with "Nota" on a full last row is data (a review
  // export puts its text first).
  const auto review = dataset_of("testo,voto\nOttimo,5\n\"Nota bene: arriva in ritardo\",2\n");
  CHECK(review["rows"]["used"] == 2);
  CHECK(review["rows"]["footer"] == 0);
}

TEST_CASE("quoted line breaks with commas do not outvote the ';' delimiter", "[exports]") {
  std::string text = "applicativo;voto;commento\r\n";
  for (int i = 0; i < 20; ++i)
    text += "NASpI;" + std::to_string(i % 5 + 1) +
            ";\"Servizio lento, a volte,\r\nma poi, dopo, funziona,\r\ne bene, davvero\"\r\n";
  const auto d = dataset_of(text);
  CHECK(d["file"]["delimiter"] == ";");
  CHECK(d["rows"]["used"] == 20);
}

TEST_CASE("a trailing delimiter on the header or on the rows rejects nothing", "[exports]") {
  for (const std::string text : {"a;b;c;\n1;2;3\n4;5;6\n", "a;b;c\n1;2;3;\n4;5;6;\n"}) {
    INFO(text);
    const auto d = dataset_of(text);
    CHECK(d["rows"]["used"] == 2);
    CHECK(d["columns"].size() == 3);
  }
}

TEST_CASE("a one-line file takes its delimiter from its header", "[exports]") {
  const auto d = dataset_of("a;b;c");
  CHECK(d["file"]["delimiter"] == ";");
  CHECK(d["error"]["code"] == "header_only");
  CHECK(dataset_of("a;b;c\n1;2;3")["columns"].size() == 3);
}

TEST_CASE("a file whose every row is rejected is reported with reasons and first lines",
          "[exports]") {
  const auto d = dataset_of("x|y\nfoo\nbar\n");
  CHECK(d["error"]["code"] == "no_usable_rows");
  CHECK(d["rows"]["rejected"] == 2);
  CHECK(d["rows"]["rejected_by_reason"]["too_few_fields"] == 2);
  CHECK(d["first_lines"][1] == "foo");
  CHECK(has_warning(d, "too_few_fields"));
}

TEST_CASE("months in Italian and English words are periods", "[exports]") {
  for (const std::string values :
       {"gennaio 2023\nfebbraio 2023\nmarzo 2023\n", "gen-23\nfeb-23\nmar-23\n",
        "Gen 2023\nFeb 2023\nMar 2023\n", "Jan-2023\nFeb-2023\nMar-2023\n"}) {
    INFO(values);
    const auto d = dataset_of("mese\n" + values);
    CHECK(column(d, "mese")["type"] == "month");
    CHECK(column(d, "mese")["max"] == "2023-03");
  }
}

TEST_CASE("a reference table of municipalities is described, not read as feedback",
          "[exports][roles]") {
  // As the national statistics institute publishes it (Windows-1252, ';').
  std::string text =
      "Codice Regione;Codice Provincia (Storico)(1);Progressivo del Comune (2);"
      "Codice Comune formato alfanumerico;Denominazione in italiano;"
      "Codice Ripartizione Geografica;Ripartizione geografica;Denominazione Regione;"
      "Sigla automobilistica;Popolazione legale 2011\r\n";
  const char* rows[] = {
      "01;001;001;001001;Agli\xe8;1;Nord-ovest;Piemonte;TO;2621",
      "01;001;272;001272;Torino;1;Nord-ovest;Piemonte;TO;872367",
      "05;023;091;023091;Verona;2;Nord-est;Veneto;VR;252520",
      "12;058;091;058091;Roma;3;Centro;Lazio;RM;2617175",
      "15;063;049;063049;Napoli;4;Sud;Campania;NA;962003",
      "19;082;053;082053;Palermo;5;Isole;Sicilia;PA;657561",
      "19;082;054;082054;Reggio nell'Emilia;5;Isole;Sicilia;PA;1000",
      "03;015;146;015146;Milano;1;Nord-ovest;Lombardia;MI;1242123",
      // \xfc then "dtirol": the literal is split so the escape ends before the d.
      ("04;021;008;021008;Bolzano/Bozen;2;Nord-est;Trentino-Alto Adige/S\xfc"
       "dtirol;BZ;102575"),
      "13;069;022;069022;San Giovanni Teatino;4;Sud;Abruzzo;CH;12500",
  };
  for (const char* row : rows) text += std::string(row) + "\r\n";
  const auto d = dataset_of(text);
  CHECK(d["kind"]["value"] == "unknown");
  CHECK(d["ratings"].empty());
  CHECK(column(d, "Codice Ripartizione Geografica")["role"] == "identifier");
  CHECK(column(d, "Denominazione in italiano")["role"] == "none");
  CHECK(column(d, "Popolazione legale 2011")["sum"] == 6722445.0);
  CHECK_FALSE(d.contains("feedback"));
}

namespace {

// Reads files as the CLI does with --combine: the first file, then each
// later one appended (a different header leaves it out), then finished.
nlohmann::json combined(const std::vector<std::pair<std::string, std::string>>& files,
                        std::size_t chunk, std::vector<std::string>* refused = nullptr) {
  ascolto::report::Workspace workspace;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& [name, bytes] = files[i];
    if (i == 0)
      workspace.begin_dataset(name, bytes.size());
    else
      workspace.append_to_dataset(name, bytes.size());
    ascolto::Error e;
    for (std::size_t at = 0; at < bytes.size() && !e; at += chunk)
      e = workspace.feed(std::string_view(bytes).substr(at, chunk));
    if (!e) e = workspace.end_file();
    if (e.code == ascolto::ErrorCode::different_header && refused) refused->push_back(name);
  }
  workspace.finish_dataset();
  return nlohmann::json::parse(workspace.report("{}"));
}

}  // namespace

TEST_CASE("monthly exports of one shape read as one dataset, each row's file kept",
          "[exports][combine]") {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"gennaio.csv", "mese;canale;contatti\n01/2023;web;1.234\n01/2023;app;2.000\n"},
      {"altro.csv", "a;b\n1;2\n"},
      {"febbraio.csv",
       "mese;canale;contatti\n02/2023;web;1.500\n02/2023;app\n02/2023;app;2.100\nTotale;;3.600\n"},
      // Written with a trailing delimiter: the same columns.
      {"marzo.csv", "Estrazione marzo\nmese;canale;contatti;\n03/2023;web;1.700;\n"},
  };
  for (std::size_t chunk : {std::size_t{3}, std::size_t{1} << 16}) {
    INFO("chunk " << chunk);
    std::vector<std::string> refused;
    const auto report = combined(files, chunk, &refused);
    CHECK(refused == std::vector<std::string>{"altro.csv"});
    REQUIRE(report["datasets"].size() == 1);
    const auto& d = report["datasets"][0];
    CHECK(d["name"] == "gennaio.csv \xe2\x80\xa6 marzo.csv");
    // Totals, and per file: read = used + rejected + preamble + footer.
    check_rows_add_up(d);
    CHECK(d["rows"]["used"] == 5);
    CHECK(d["rows"]["rejected"] == 1);
    CHECK(d["rows"]["preamble"] == 1);
    CHECK(d["rows"]["footer"] == 1);
    REQUIRE(d["parts"].size() == 3);
    CHECK(d["parts"][1]["name"] == "febbraio.csv");
    CHECK(d["parts"][1]["rows"]["used"] == 2);
    CHECK(d["parts"][1]["rows"]["rejected"] == 1);
    CHECK(d["parts"][1]["rows"]["footer"] == 1);
    CHECK(d["parts"][1]["first_line"] == 4);  // lines numbered across the files
    CHECK(d["parts"][2]["rows"]["preamble"] == 1);
    // One number format for all the files: '.' thousands everywhere.
    CHECK(column(d, "contatti")["sum"] == 1234.0 + 2000 + 1500 + 2100 + 1700);
    // The short row is line 3 of febbraio.csv, line 6 of the dataset.
    CHECK(test::warning_lines(d, "too_few_fields") == nlohmann::json::array({6}));
    const auto& source = column(d, "source_file");
    CHECK(source["type"] == "categorical");
    CHECK(source["role"] == "dimension");
    CHECK(source["distinct"] == 3);
  }
}

TEST_CASE("dates with Italian month names, as Excel and people write them", "[exports]") {
  const auto d = dataset_of("data;voto\n01-gen-24;4\n15-feb-24;5\n1 marzo 2024;3\n");
  CHECK(column(d, "data")["type"] == "date");
  CHECK(column(d, "data")["min"] == "2024-01-01");
  CHECK(column(d, "data")["max"] == "2024-03-01");
  // A two-digit number after a month in a sentence is no year.
  CHECK_FALSE(ascolto::table::parse_written_date("arrivato il 3 maggio 24 persone in coda"));
}
