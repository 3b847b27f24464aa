// Table-driven cases for reading whole files: each names the trap it covers
// and is read whole and in 3-byte chunks, with the same result expected.
#include <catch2/catch.hpp>

#include "helpers.hpp"

namespace {

struct Case {
  const char* name;
  std::string bytes;
  std::string config;
  const char* encoding;
  const char* delimiter;
  int rows_used;
  int columns;
  const char* first_column_type;
};

std::string utf16le(const std::string& ascii, bool bom) {
  std::string out = bom ? std::string("\xFF\xFE", 2) : std::string();
  for (char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> list = {
      {"Excel 'Unicode text': UTF-16 LE with BOM, tab separated",
       utf16le("voto\tcanale\r\n4\tweb\r\n5\tapp\r\n3\tweb\r\n", true), "", "utf-16le", "\t", 3, 2,
       "integer"},
      {"Italian Excel: Windows-1252, ';', decimal comma",
       "citt\xE0;peso\r\nRoma;1,5\r\nMilano;0,75\r\nTorino;2\r\n", "", "windows-1252", ";", 3, 2,
       "categorical"},
      {"UTF-8 with BOM", "\xEF\xBB\xBFvoto,x\n1,a\n2,b\n", "", "utf-8-bom", ",", 2, 2, "integer"},
      {"old Mac line ends (CR only)", "voto;x\r1;a\r2;b\r", "", "utf-8", ";", 2, 2, "integer"},
      {"quoted newline inside a comment", "voto,commento\n1,\"riga uno\nriga due\"\n2,ok\n", "",
       "utf-8", ",", 2, 2, "integer"},
      {"no header row: numbers on the first line", "1;2\n3;4\n5;6\n", "", "utf-8", ";", 3, 2,
       "integer"},
      {"pipe delimited", "a|b\n1|x\n2|y\n", "", "utf-8", "|", 2, 2, "integer"},
      {"Italian thousands in a ';' file", "canale;contatti\nweb;2.139.112\napp;926.417\n", "",
       "utf-8", ";", 2, 2, "categorical"},
      {"missing tokens and a configured one", "voto;nota\n4;Non so\nNA;x\n5;n.d.\n",
       R"({"missing_tokens": ["Non so"]})", "utf-8", ";", 3, 2, "integer"},
      {"delimiter forced by the configuration", "a;b,c\n1;2,3\n", R"({"delimiter": ","})", "utf-8",
       ",", 1, 2, "categorical"},
  };
  return list;
}

}  // namespace

TEST_CASE("files read whole and in chunks give the same, expected result", "[reader]") {
  for (const Case& c : cases()) {
    INFO(c.name);
    const auto whole = test::analyze(c.bytes, c.bytes.size(), c.config);
    const auto chunked = test::analyze(c.bytes, 3, c.config);
    CHECK(whole == chunked);
    REQUIRE_FALSE(whole.contains("error"));
    const auto& d = whole["datasets"][0];
    CHECK(d["file"]["encoding"] == c.encoding);
    CHECK(d["file"]["delimiter"] == c.delimiter);
    CHECK(d["rows"]["used"] == c.rows_used);
    CHECK(d["columns"].size() == static_cast<std::size_t>(c.columns));
    CHECK(d["columns"][0]["type"] == c.first_column_type);
  }
}

TEST_CASE("the values of tricky files are read right", "[reader]") {
  const auto latin = test::analyze("citt\xE0;peso\r\nRoma;1,5\r\nMilano;0,75\r\n")["datasets"][0];
  CHECK(latin["columns"][0]["name"] == "citt\xC3\xA0");  // transcoded to UTF-8
  CHECK(latin["columns"][1]["type"] == "decimal");
  CHECK(latin["columns"][1]["max"] == 1.5);
  const auto thousands =
      test::analyze("canale;contatti\nweb;2.139.112\napp;926.417\n")["datasets"][0];
  CHECK(thousands["columns"][1]["max"] == 2139112.0);
  const auto missing = test::analyze("voto;nota\n4;Non so\nNA;x\n5;n.d.\n", 64,
                                     R"({"missing_tokens": ["Non so"]})")["datasets"][0];
  CHECK(missing["columns"][0]["missing"] == 1);
  CHECK(missing["columns"][1]["missing"] == 2);
  const auto no_header = test::analyze("1;2\n3;4\n5;6\n")["datasets"][0];
  CHECK(no_header["file"]["header"] == false);
  CHECK(no_header["columns"][0]["name"] == "column_1");
  CHECK(no_header["rows"]["read"] == 3);
}

TEST_CASE("row problems are counted by reason with their lines; nothing is lost", "[reader]") {
  const auto d =
      test::analyze("a,b,c\n1,2,3\n4,5\n6,7,8,9\n\n10,11,12\n,,\n13,14,15,\n")["datasets"][0];
  CHECK(d["rows"]["read"] == 6);
  CHECK(d["rows"]["used"] == 3);
  CHECK(d["rows"]["rejected"] == 3);
  CHECK(d["rows"]["rejected_by_reason"]["too_few_fields"] == 1);
  CHECK(d["rows"]["rejected_by_reason"]["too_many_fields"] == 1);
  CHECK(d["rows"]["rejected_by_reason"]["empty_row"] == 1);
  CHECK(test::warning_lines(d, "too_few_fields") == nlohmann::json({3}));
  CHECK(test::warning_lines(d, "too_many_fields") == nlohmann::json({4}));
  CHECK(test::warning_lines(d, "empty_row") == nlohmann::json({7}));
  CHECK(d["file"]["blank_lines"] == 1);
}

TEST_CASE("stray quotes are kept as data and counted", "[reader]") {
  const auto report = test::analyze("a,b\n5 \"pollici\",x\n\"ab\"c,y\n", 64);
  const auto& d = report["datasets"][0];
  CHECK(d["file"]["stray_quotes"] == 3);
  CHECK(d["columns"][0]["top"].size() == 2);
  CHECK(d["rows"]["used"] == 2);
}
