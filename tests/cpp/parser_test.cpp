#include <catch2/catch.hpp>

#include "helpers.hpp"

using test::parse;

// Each case is fed whole and in 1- and 2-byte chunks: a quote, a CRLF pair
// or a field split by a chunk boundary must not change the result.
TEST_CASE("RFC 4180 records in any chunking", "[parser]") {
  struct Case {
    const char* name;
    std::string input;
    std::vector<std::vector<std::string>> fields;
    std::vector<std::uint64_t> lines;
  };
  const std::vector<Case> cases = {
      {"LF", "a,b\n1,2\n", {{"a", "b"}, {"1", "2"}}, {1, 2}},
      {"CRLF", "a,b\r\n1,2\r\n", {{"a", "b"}, {"1", "2"}}, {1, 2}},
      {"CR only", "a,b\r1,2\r", {{"a", "b"}, {"1", "2"}}, {1, 2}},
      {"no final newline", "a,b\n1,2", {{"a", "b"}, {"1", "2"}}, {1, 2}},
      {"doubled quotes", "\"say \"\"hi\"\"\",x\n", {{"say \"hi\"", "x"}}, {1}},
      {"quoted newline counts lines", "\"a\r\nb\",c\nd,e\n", {{"a\r\nb", "c"}, {"d", "e"}}, {1, 3}},
      // Longer than one 16-byte scan, with every kind of break inside.
      {"quoted CR, LF and CR LF count one line each",
       "\"a long comment that goes on\rsecond\nthird\r\n\",x\ny,z\n",
       {{"a long comment that goes on\rsecond\nthird\r\n", "x"}, {"y", "z"}},
       {1, 5}},
      {"quoted delimiter", "\"1,5\",2\n", {{"1,5", "2"}}, {1}},
      {"empty fields", ",,\n", {{"", "", ""}}, {1}},
      {"blank lines skipped", "a\n\n\nb\n", {{"a"}, {"b"}}, {1, 4}},
      {"empty quoted field is a record", "\"\"\n", {{""}}, {1}},
  };
  for (const Case& c : cases) {
    for (std::size_t chunk : {c.input.size(), std::size_t{1}, std::size_t{2}}) {
      INFO(c.name << ", chunk " << chunk);
      const auto records = parse(c.input, chunk);
      REQUIRE(records.size() == c.fields.size());
      for (std::size_t i = 0; i < records.size(); ++i) {
        CHECK(records[i].fields == c.fields[i]);
        CHECK(records[i].line == c.lines[i]);
      }
    }
  }
}

TEST_CASE("an unterminated quote is an error with the line where it opened", "[parser]") {
  ascolto::Error error;
  parse("a,b\n1,2\n3,\"open\n4,5\n", 3, ',', &error);
  CHECK(error.code == ascolto::ErrorCode::unterminated_quote);
  CHECK(error.line == 3);
}

TEST_CASE("a field over the size limit is an error, not a hang", "[parser]") {
  ascolto::csv::Parser parser({',', '"'}, 16);
  test::Collect sink;
  const ascolto::Error e = parser.feed("\"" + std::string(100, 'x'), sink);
  CHECK(e.code == ascolto::ErrorCode::field_too_large);
}

TEST_CASE("line endings are counted", "[parser]") {
  ascolto::csv::Parser parser({',', '"'});
  test::Collect sink;
  REQUIRE_FALSE(parser.feed("a\r\nb\r\nc\n", sink));
  REQUIRE_FALSE(parser.finish(sink));
  CHECK(std::string(parser.line_ends().name()) == "mixed");
  CHECK(parser.lines() == 3);
}
