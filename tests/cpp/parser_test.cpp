#include <catch2/catch.hpp>

#include <algorithm>

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

TEST_CASE("the structural cursor finds what a byte-by-byte scan finds", "[parser]") {
  const ascolto::csv::ByteScan scan(';', '"', '\n', '\r');
  const std::string alphabet = "ab;\"\n\r \xC3\xA8";
  std::uint32_t seed = 12345;
  const auto random = [&seed](std::uint32_t n) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
  };
  std::size_t checked = 0;
  for (std::size_t size : {0, 1, 15, 63, 64, 65, 127, 128, 200, 777}) {
    for (int round = 0; round < 20; ++round) {
      std::string text(size, 'x');
      // Sparse or dense structural bytes: long plain runs and busy stretches.
      const std::uint32_t density = round % 2 ? 3 : 40;
      for (char& c : text)
        if (random(density) == 0) c = alphabet[random(static_cast<std::uint32_t>(alphabet.size()))];
      const char* begin = text.data();
      const char* end = begin + text.size();
      ascolto::csv::StructuralCursor cursor(scan, end);
      const auto expected = [&](const char* p) {
        while (p < end && *p != ';' && *p != '"' && *p != '\n' && *p != '\r') ++p;
        return p;
      };
      // Forward in steps of any size, and now and then back (a new block).
      for (std::size_t at = 0; at <= size;) {
        const char* found = cursor.next(begin + at);
        REQUIRE(found == expected(begin + at));
        ++checked;
        at = random(7) == 0 && at > 70 ? at - 70 : at + 1 + random(40);
      }
    }
  }
  CHECK(checked > 1000);
}

namespace {

// Keeps each batch's size as well as its records.
class BatchCollect : public test::Collect {
 public:
  void on_records(const ascolto::csv::RecordBatch& batch) override {
    batch_sizes.push_back(batch.size);
    RecordSink::on_records(batch);
  }
  std::vector<std::size_t> batch_sizes;
};

}  // namespace

TEST_CASE("records parsed in batches are the records parsed one by one", "[parser]") {
  // Thousands of records, ordinary ones (which the parser batches) among
  // ones only its state machine takes (stray quotes, blank lines) and
  // harder ones it batches too (quoted line breaks, doubled quotes, CR LF
  // and lone CR, other widths).
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    switch (i < 1500 ? i % 97 : 0) {  // the last 1500 all ordinary
      case 10:
        text += "ab\"c,stray\n";
        break;
      case 20:
        text += "\"quoted\nbreak\",x,y\n";
        break;
      case 30:
        text += "\"say \"\"hi\"\"\",\"a,b\",z\r\n";
        break;
      case 40:
        text += "\n\n";
        break;
      case 50:
        text += "lone,cr\r";
        break;
      case 60:
        text += "\"closed\"then,more\n";
        break;
      default:
        text += std::to_string(i) + ",\"App " + std::to_string(i % 7) + "\"," + "5\n";
    }
  }
  ascolto::csv::Parser batched({',', '"'});
  BatchCollect sink;
  REQUIRE_FALSE(batched.feed(text, sink));
  REQUIRE_FALSE(batched.finish(sink));

  // In 1-byte chunks no record lies whole in a chunk: all go one by one.
  ascolto::csv::Parser single({',', '"'});
  test::Collect one_by_one;
  for (std::size_t i = 0; i < text.size(); ++i)
    REQUIRE_FALSE(single.feed(std::string_view(text).substr(i, 1), one_by_one));
  REQUIRE_FALSE(single.finish(one_by_one));

  REQUIRE(sink.records.size() == one_by_one.records.size());
  for (std::size_t i = 0; i < sink.records.size(); ++i) {
    INFO("record " << i);
    CHECK(sink.records[i].fields == one_by_one.records[i].fields);
    CHECK(sink.records[i].line == one_by_one.records[i].line);
  }
  CHECK(batched.lines() == single.lines());
  CHECK(batched.blank_lines() == single.blank_lines());
  CHECK(batched.stray_quotes() == single.stray_quotes());
  CHECK(std::string(batched.line_ends().name()) == single.line_ends().name());
  // The records came in batches, cut by each record the state machine
  // took (the stray quotes and blank lines: 3 in each of 16 cycles) and at
  // the parser's bound.
  const auto largest = *std::max_element(sink.batch_sizes.begin(), sink.batch_sizes.end());
  CHECK(largest == 512);
  CHECK(sink.batch_sizes.size() >= 48);
}
