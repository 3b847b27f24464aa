#include <catch2/catch.hpp>

#include <cmath>

#include "table/table.hpp"

using namespace ascolto;
using namespace ascolto::table;

namespace {
Column column_of(const std::vector<std::string>& values, TypingOptions options = {}) {
  ColumnBuilder builder;
  RowLines lines;
  for (std::size_t i = 0; i < values.size(); ++i) {
    builder.append(values[i]);
    lines.push_back(i + 2);
  }
  return builder.finish("c", lines, options);
}

// The same values handed on as a reader's ranges do: in spans of `span`
// rows, each coded in its own dictionary while it has at most 256 keys.
Column coded_column_of(const std::vector<std::string>& values, std::size_t span) {
  ColumnBuilder builder;
  RowLines lines;
  for (std::size_t begin = 0; begin < values.size(); begin += span) {
    const std::size_t end = std::min(values.size(), begin + span);
    core::StringIndex keys;
    std::vector<std::uint8_t> codes;
    std::vector<std::string_view> fields(values.begin() + begin, values.begin() + end);
    for (std::string_view f : fields) codes.push_back(static_cast<std::uint8_t>(keys.intern(f)));
    if (keys.size() <= 256)
      builder.append_coded(keys, codes.data(), fields.size());
    else
      for (std::string_view f : fields) builder.append(f);
    for (std::size_t i = begin; i < end; ++i) lines.push_back(i + 2);
  }
  return builder.finish("c", lines, {});
}

// The same values handed on as the table's batches are: `batch` rows at a
// time, as the first of `width` fields a row (the others junk).
Column strided_column_of(const std::vector<std::string>& values, std::size_t batch,
                         std::size_t width) {
  std::vector<std::string_view> fields;
  for (const std::string& v : values) {
    fields.push_back(v);
    for (std::size_t j = 1; j < width; ++j) fields.push_back("junk");
  }
  ColumnBuilder builder;
  RowLines lines;
  for (std::size_t begin = 0; begin < values.size(); begin += batch) {
    const std::size_t rows = std::min(batch, values.size() - begin);
    builder.append_strided(fields.data() + begin * width, width, rows);
  }
  for (std::size_t i = 0; i < values.size(); ++i) lines.push_back(i + 2);
  return builder.finish("c", lines, {});
}

void check_same_column(const Column& a, const Column& b) {
  REQUIRE(a.type == b.type);
  REQUIRE(a.size() == b.size());
  CHECK(a.labels == b.labels);  // the same codes, in the order values first appear
  CHECK(a.missing == b.missing);
  CHECK(a.invalid == b.invalid);
  for (std::size_t row = 0; row < a.size(); ++row) {
    CHECK(a.is_missing(row) == b.is_missing(row));
    if (is_numeric_type(a.type) && !a.is_missing(row)) CHECK(a.numbers[row] == b.numbers[row]);
    if (!is_numeric_type(a.type)) CHECK(a.text(row) == b.text(row));
    if (a.type == ColumnType::categorical) CHECK(a.codes[row] == b.codes[row]);
  }
}
}  // namespace

TEST_CASE("values handed on as a range's codes make the column one by one would", "[table]") {
  std::vector<std::string> apps;  // few values, new ones appearing late
  for (int i = 0; i < 3000; ++i)
    apps.push_back(i < 2000 ? "app " + std::to_string(i * 7 % 5) : "late " + std::to_string(i % 9));
  apps[17] = "";
  std::vector<std::string> comments;  // all distinct: the column leaves its dictionary
  for (int i = 0; i < 3000; ++i) comments.push_back("commento " + std::to_string(i));
  std::vector<std::string> times;  // distinct timestamps, kept as numbers, then an odd one
  for (int i = 0; i < 3000; ++i)
    times.push_back("2023-01-01T" + std::string(i / 3600 < 10 ? "0" : "") +
                    std::to_string(i / 3600) + ":" + (i / 60 % 60 < 10 ? "0" : "") +
                    std::to_string(i / 60 % 60) + ":" + (i % 60 < 10 ? "0" : "") +
                    std::to_string(i % 60));
  times[2500] = "not a time";
  for (const auto* values : {&apps, &comments, &times})
    for (std::size_t span : {1, 7, 200, 1000}) {
      INFO("span " << span << ", first value " << values->front());
      check_same_column(coded_column_of(*values, span), column_of(*values));
    }
  CHECK(coded_column_of(apps, 200).type == ColumnType::categorical);
  CHECK(coded_column_of(comments, 200).type == ColumnType::text);
  CHECK(coded_column_of(times, 200).type == ColumnType::datetime);
}

TEST_CASE("values handed on in strided batches make the column one by one would", "[table]") {
  // append_strided interns a dictionary's cells a block at a time, reads a
  // numbers column a block at a time, and must switch modes at the same
  // cell as append() does.
  std::vector<std::string> apps, many, comments, times;
  for (int i = 0; i < 3000; ++i) {
    apps.push_back(i < 2000 ? "app " + std::to_string(i * 7 % 5) : "late " + std::to_string(i % 9));
    many.push_back("v" + std::to_string(i * 13 % 400));   // 400 keys: two-byte codes
    comments.push_back("commento " + std::to_string(i));  // leaves its dictionary
    times.push_back("2023-01-01T" + std::string(i / 3600 < 10 ? "0" : "") +
                    std::to_string(i / 3600) + ":" + (i / 60 % 60 < 10 ? "0" : "") +
                    std::to_string(i / 60 % 60) + ":" + (i % 60 < 10 ? "0" : "") +
                    std::to_string(i % 60));
  }
  apps[17] = many[300] = comments[5] = times[1300] = "";
  std::vector<std::string> broken = times;
  broken[2500] = "not a time";  // mid-block, after the switch to numbers
  for (const auto* values : {&apps, &many, &comments, &times, &broken})
    for (std::size_t batch : {1, 100, 256, 1000, 3000})
      for (std::size_t width : {1, 3}) {
        INFO("batch " << batch << ", width " << width << ", value 2500 " << (*values)[2500]);
        check_same_column(strided_column_of(*values, batch, width), column_of(*values));
      }
  CHECK(strided_column_of(comments, 100, 3).type == ColumnType::text);
  CHECK(strided_column_of(times, 100, 3).type == ColumnType::datetime);
  CHECK(strided_column_of(times, 100, 3).missing == 1);
  // The odd cell is rebuilt as text, then typed as the one invalid datetime.
  const Column broken_column = strided_column_of(broken, 1000, 3);
  CHECK(broken_column.type == ColumnType::datetime);
  CHECK(broken_column.invalid == 1);
  CHECK(broken_column.numbers[2499] == strided_column_of(times, 1000, 3).numbers[2499]);
}

TEST_CASE("the canonical reader reads a column up to its first odd cell", "[table]") {
  const std::vector<std::string_view> cells = {"2023-10-31", "", "2023-11-01", "31/10/2023",
                                               "2023-11-02"};
  CanonicalReader dates(CanonicalShape::date);
  double out[5];
  REQUIRE(dates.read_column(cells.data(), 1, cells.size(), out) == 3);
  CHECK(out[0] == 19661.0);
  CHECK(std::isnan(out[1]));
  CHECK(out[2] == 19662.0);
  // Every other cell (stride 2): none odd.
  CHECK(dates.read_column(cells.data(), 2, 3, out) == 3);
  CHECK(out[2] == 19663.0);
  CHECK(CanonicalReader().read_column(cells.data(), 1, cells.size(), out) == 0);
}

TEST_CASE("a cleared string index starts its codes again", "[table]") {
  core::StringIndex index;
  for (int i = 0; i < 1000; ++i) index.intern("k" + std::to_string(i));
  index.intern("x");
  index.intern("");
  index.clear();
  CHECK(index.size() == 0);
  CHECK(index.intern("k999") == 0);
  CHECK(index.intern("x") == 1);
  CHECK(index.intern("") == 2);
  CHECK(index.intern("k999") == 0);
  CHECK(index.key(0) == "k999");
}

TEST_CASE("a string index tells apart keys that differ in one byte, at any length", "[table]") {
  // A key of up to 24 bytes is compared by a few words loaded at offsets
  // that depend on its length (core/string_index.hpp): every byte must be
  // in one of them.
  core::StringIndex index;
  std::vector<std::string> keys;
  for (std::size_t length = 0; length <= 40; ++length) {
    std::string base(length, 'a');
    for (std::size_t i = 0; i < length; ++i) base[i] = static_cast<char>('a' + i % 26);
    keys.push_back(base);
    for (std::size_t at = 0; at < length; ++at) {
      std::string variant = base;
      variant[at] = '#';
      keys.push_back(variant);
    }
  }
  for (std::size_t k = 0; k < keys.size(); ++k) {
    INFO("key '" << keys[k] << "'");
    CHECK(index.intern(keys[k]) == k);
  }
  REQUIRE(index.size() == keys.size());
  for (std::size_t k = 0; k < keys.size(); ++k) {  // found again, after the table grew
    INFO("key '" << keys[k] << "'");
    CHECK(index.intern(keys[k]) == k);
    CHECK(index.key(static_cast<std::uint32_t>(k)) == keys[k]);
  }
}

TEST_CASE("every row's day is the day of its date or time, worked out once per run of a day",
          "[table]") {
  // Sorted runs, a step back in time, midnight on both sides, before 1970,
  // fractions of a second and missing cells.
  const Column times =
      column_of({"2024-03-18 00:00:00", "2024-03-18 23:59:59.5", "2024-03-19 00:00:00", "",
                 "2024-03-19 12:00:00", "2024-03-18 12:00:00", "1969-12-31 23:59:59",
                 "1970-01-01 00:00:00", "2024-03-19 08:00:00"});
  REQUIRE(times.type == ColumnType::datetime);
  const std::int32_t monday = static_cast<std::int32_t>(*days_from_civil(2024, 3, 18));
  const std::vector<std::int32_t> expected = {monday, monday, monday + 1, kNoDay,    monday + 1,
                                              monday, -1,     0,          monday + 1};
  CHECK(day_numbers(times) == expected);
  for (std::size_t row = 0; row < times.size(); ++row)
    if (expected[row] != kNoDay) CHECK(times.day(row) == expected[row]);
  const Column dates = column_of({"18/03/2024", "", "31/12/1969"});
  REQUIRE(dates.type == ColumnType::date);
  CHECK(day_numbers(dates) == std::vector<std::int32_t>{monday, kNoDay, -1});
}

TEST_CASE("column types are read from the values", "[table]") {
  CHECK(column_of({"1", "2", "3"}).type == ColumnType::integer);
  CHECK(column_of({"1,5", "2", "3,25"}).type == ColumnType::decimal);
  CHECK(column_of({"0", "1", "1"}).type == ColumnType::boolean);
  CHECK(column_of({"s\xC3\xAC", "no", "si"}).type == ColumnType::boolean);
  CHECK(column_of({"01/02/2023", "15/02/2023"}).type == ColumnType::date);
  CHECK(column_of({"10/2023", "11/2023"}).type == ColumnType::month);
  CHECK(column_of({"Web", "App", "Web"}).type == ColumnType::categorical);
  CHECK(column_of({"NA", "", "n.d."}).type == ColumnType::empty);
}

TEST_CASE("values that read two ways take the file's decimal mark, or say they guessed",
          "[table]") {
  TypingOptions italian;
  italian.file_decimal = ',';
  italian.file_decimal_reason = "the file writes numbers with a decimal ','";
  const Column c = column_of({"1.500", "2.300", "12.000"}, italian);
  CHECK(c.numbers[0] == 1500);
  CHECK_FALSE(c.number_format_assumed);
  const Column guessed = column_of({"1.500", "2.300"});
  CHECK(guessed.numbers[0] == 1.5);
  CHECK(guessed.number_format_assumed);
  TypingOptions semicolon;
  semicolon.delimiter = ';';
  CHECK(column_of({"1.500", "2.300"}, semicolon).numbers[0] == 1500);
  // The column's own evidence wins over the file's.
  CHECK(column_of({"1.500", "2.5"}, italian).numbers[0] == 1.5);
  TypingOptions forced;
  forced.column_decimal = {{"c", '.'}};
  forced.file_decimal = ',';
  CHECK(column_of({"1.500", "2.300"}, forced).numbers[0] == 1.5);
}

TEST_CASE("a value that does not fit is missing, counted, with its line", "[table]") {
  std::vector<std::string> values(40, "4");
  values[7] = "quattro";
  const Column c = column_of(values);
  CHECK(c.type == ColumnType::integer);
  CHECK(c.invalid == 1);
  CHECK(c.invalid_lines == std::vector<std::uint64_t>{9});
  CHECK(c.invalid_example == "quattro");
  CHECK(std::isnan(c.numbers[7]));
}

TEST_CASE("day-first and month-first dates are told apart by the values", "[table]") {
  CHECK(column_of({"12/31/2023", "01/02/2023"}).format == "mm/dd/yyyy");
  const Column ambiguous = column_of({"01/02/2023", "03/04/2023"});
  CHECK(ambiguous.ambiguous_dates);
  CHECK(format_date(static_cast<std::int64_t>(ambiguous.numbers[0])) == "2023-02-01");
}

TEST_CASE("many distinct values switch to the text store without losing any", "[table]") {
  std::vector<std::string> values;
  for (int i = 0; i < 5000; ++i)
    values.push_back("commento numero " + std::to_string(i) + " del cittadino");
  const Column c = column_of(values);
  CHECK(c.type == ColumnType::text);
  REQUIRE(c.size() == 5000);
  CHECK(c.text(4321) == "commento numero 4321 del cittadino");
}

TEST_CASE("rows of the wrong width are rejected and counted: read = used + rejected", "[table]") {
  Warnings warnings;
  TableBuilder builder(warnings);
  builder.on_header({"a", "b"}, 1);
  builder.on_row({"1", "2"}, 2);
  builder.on_row({"1"}, 3);
  builder.on_row({"1", "2", "3"}, 4);
  builder.on_row({"1", "2", ""}, 5);  // trailing delimiter: kept
  builder.on_row({"", ""}, 6);
  Table table;
  REQUIRE_FALSE(builder.finish({}, table));
  CHECK(table.rows.read == 5);
  CHECK(table.rows.used == 2);
  CHECK(table.rows.rejected == 3);
  CHECK(warnings.count("too_few_fields") == 1);
  CHECK(warnings.count("too_many_fields") == 1);
  CHECK(warnings.count("empty_row") == 1);
  REQUIRE(table.row_count() == 2);
  CHECK(table.row_lines[0] == 2);
  CHECK(table.row_lines[1] == 5);
}

TEST_CASE("row lines: kept as jumps while rows follow line by line, one a row when they do not",
          "[table]") {
  // Runs of consecutive lines broken by gaps (rejected rows, quoted line
  // breaks): at one gap in `every` rows and at a gap on every row.
  for (const std::uint64_t every : {1000, 40, 3, 1}) {
    INFO("a gap every " << every << " rows");
    RowLines lines;
    std::vector<std::uint64_t> expected;
    std::uint64_t line = 2;
    for (std::uint64_t row = 0; row < 20000; ++row) {
      if (row % every == every - 1) line += 1 + row % 3;
      lines.push_back(line);
      expected.push_back(line);
      ++line;
    }
    REQUIRE(lines.size() == expected.size());
    CHECK(lines.dense() == (every < 16));
    for (std::size_t row = 0; row < expected.size(); ++row)
      if (lines[row] != expected[row]) FAIL("row " << row << ": " << lines[row]);
    // The same lines handed on in batches of a reader's own numbering (a
    // later file's lines start again at 1: `offset` places them).
    RowLines batched;
    constexpr std::uint64_t kOffset = 7;
    std::vector<std::uint64_t> own;
    for (const std::uint64_t l : expected) own.push_back(l - kOffset);
    for (std::size_t begin = 0; begin < own.size(); begin += 513)
      batched.push_back_many(own.data() + begin, std::min<std::size_t>(513, own.size() - begin),
                             kOffset);
    REQUIRE(batched.size() == expected.size());
    CHECK(batched.dense() == lines.dense());
    for (std::size_t row = 0; row < expected.size(); ++row)
      if (batched[row] != expected[row]) FAIL("batched row " << row << ": " << batched[row]);
  }
}

TEST_CASE("the reader's row estimate is a hint: too low, revised or too high, no row is lost",
          "[table]") {
  for (const std::uint64_t first_estimate : {0, 10, 3000, 100000}) {
    Warnings warnings;
    TableBuilder builder(warnings);
    builder.on_estimate(first_estimate);
    builder.on_header({"id", "canale"}, 1);
    for (std::uint32_t i = 0; i < 5000; ++i) {
      if (i == 2500) builder.on_estimate(4000);  // revised mid-file, still too low
      builder.on_row({std::to_string(i), i % 2 ? "web" : "app"}, i + 2);
    }
    // Rows whose first field is blank but which hold a value are kept.
    builder.on_row({" ", "web"}, 5002);
    builder.on_row({" ", "\t"}, 5003);
    Table table;
    REQUIRE_FALSE(builder.finish({}, table));
    CHECK(table.rows.used == 5001);
    CHECK(table.rows.rejected == 1);
    REQUIRE(table.row_count() == 5001);
    CHECK(table.row_lines[4999] == 5001);
    CHECK(table.row_lines[5000] == 5002);
    CHECK(table.columns[0].numbers[4321] == 4321);
    CHECK(table.columns[1].text(4321) == "web");
    CHECK(table.columns[1].text(5000) == "web");
  }
}

TEST_CASE("the string index tells apart keys that differ in any byte, at any length", "[table]") {
  core::StringIndex index;
  std::vector<std::string> keys;
  for (std::size_t length = 1; length <= 40; ++length)
    for (std::size_t at = 0; at < length; ++at) {
      std::string key(length, 'a');
      key[at] = 'b';
      keys.push_back(key);
      keys.push_back(std::string(length, 'a'));
    }
  std::vector<std::uint32_t> codes;
  for (const std::string& k : keys) codes.push_back(index.intern(k));
  for (std::size_t i = 0; i < keys.size(); ++i) {
    CHECK(index.key(codes[i]) == keys[i]);
    CHECK(index.intern(keys[i]) == codes[i]);
  }
  CHECK(index.size() == 40 * 41 / 2 + 40);  // one key per (length, position) and the 40 all-'a'
}

TEST_CASE("the string index gives dense codes, keeps views valid across growth", "[table]") {
  core::StringIndex index;
  CHECK(index.intern("") == 0);  // an empty cell is a key like any other (found by the fuzz corpus)
  CHECK(index.intern("NASpI") == 1);
  CHECK(index.intern("") == 0);
  const std::string_view first = index.key(1);
  for (int i = 0; i < 100000; ++i) index.intern("app " + std::to_string(i));
  CHECK(index.size() == 100002);
  CHECK(index.intern("app 4242") == 4244);
  CHECK(first == "NASpI");  // still valid after many rehashes and arena blocks
  CHECK(index.key(4244) == "app 4242");
}

TEST_CASE("one-byte keys (looked up by their byte) share the dense codes of the others",
          "[table]") {
  core::StringIndex index;
  std::vector<std::string> keys;
  for (int b = 0; b < 256; ++b) {
    keys.push_back(std::string(1, static_cast<char>(b)));  // every byte value, NUL and 0xFF too
    keys.push_back("k" + std::to_string(b));               // and longer keys in between
  }
  for (std::size_t i = 0; i < keys.size(); ++i) CHECK(index.intern(keys[i]) == i);
  for (std::size_t i = keys.size(); i-- > 0;) {  // again, after every rehash
    CHECK(index.intern(keys[i]) == i);
    CHECK(index.key(static_cast<std::uint32_t>(i)) == keys[i]);
  }
  CHECK(index.size() == 512);
}

TEST_CASE("a text column drops missing tokens in place and keeps every other cell", "[table]") {
  std::vector<std::string> values;
  for (int i = 0; i < 3000; ++i)
    values.push_back(i % 3 ? "risposta libera numero " + std::to_string(i) : "n.d.");
  const Column c = column_of(values);
  REQUIRE(c.type == ColumnType::text);
  CHECK(c.missing == 1000);
  CHECK(c.text(0).empty());
  CHECK(c.text(2999) == "risposta libera numero 2999");
  CHECK(c.text(1) == "risposta libera numero 1");
}

TEST_CASE("canonical integers, dates and timestamps round-trip exactly", "[table]") {
  for (const char* text : {"0", "-42", "129877", "999999999999999", "2016-02-29",
                           "2023-10-31T08:15:30", "1999-12-31 23:59:59"}) {
    const CanonicalShape shape = canonical_shape(text);
    REQUIRE(shape != CanonicalShape::none);
    std::string back;
    render_canonical(canonical_value(text, shape), shape, back);
    CHECK(back == text);
  }
  for (const char* text :
       {"007", "+5", "-0", "1.5", "2023-02-30", "2023-10-31T24:00:00", "", "1234567890123456"})
    CHECK(canonical_shape(text) == CanonicalShape::none);
}

TEST_CASE("a timestamp's time is checked byte by byte: any byte at any place", "[table]") {
  // Every byte value at each of the eight places of "hh:mm:ss", against
  // the rule written out: digits and two colons, hours < 24, minutes and
  // seconds < 60.
  std::size_t accepted = 0;
  for (std::size_t place = 0; place < 8; ++place)
    for (int byte = 0; byte < 256; ++byte)
      for (const char* base : {"2023-10-31T08:15:30", "2023-10-31T19:59:09"}) {
        std::string text = base;
        text[11 + place] = static_cast<char>(byte);
        const std::string time = text.substr(11);
        bool valid = time[2] == ':' && time[5] == ':';
        for (std::size_t i : {0, 1, 3, 4, 6, 7}) valid = valid && time[i] >= '0' && time[i] <= '9';
        if (valid) {
          const auto two = [&time](std::size_t i) {
            return (time[i] - '0') * 10 + time[i + 1] - '0';
          };
          valid = two(0) < 24 && two(3) < 60 && two(6) < 60;
          if (valid) ++accepted;
          INFO(text);
          const auto read = CanonicalReader(CanonicalShape::datetime_t).read(text);
          REQUIRE(read.has_value() == valid);
          if (valid) CHECK(*read == 19661 * 86400.0 + two(0) * 3600 + two(3) * 60 + two(6));
        } else {
          INFO(text);
          CHECK_FALSE(CanonicalReader(CanonicalShape::datetime_t).read(text));
        }
      }
  // At each place, of the 256 bytes: an hour's tens 2 (0-1: 2x would be 28
  // or 29), a unit 10, a colon 1, a minute's or second's tens 6.
  CHECK(accepted == 2 * (2 + 10 + 1 + 6 + 10 + 1 + 6 + 10));
}

TEST_CASE("the canonical reader remembers a day but still checks every cell", "[table]") {
  CanonicalReader timestamps(CanonicalShape::datetime_t);
  CHECK(timestamps.read("2023-10-31T08:15:30") ==
        canonical_value("2023-10-31T08:15:30", CanonicalShape::datetime_t));
  // Same day as the one remembered: the time and the separator are still checked.
  CHECK(timestamps.read("2023-10-31T23:59:59") == 19661 * 86400.0 + 86399);
  CHECK_FALSE(timestamps.read("2023-10-31T24:00:00"));
  CHECK_FALSE(timestamps.read("2023-10-31 08:15:30"));
  CHECK_FALSE(timestamps.read("2023-10-31T08:15:3"));
  // A new day replaces the remembered one; an invalid day does not.
  CHECK(timestamps.read("2024-02-29T00:00:00") == 19782 * 86400.0);
  CHECK_FALSE(timestamps.read("2023-02-29T00:00:00"));
  CHECK(timestamps.read("2024-02-29T00:00:01") == 19782 * 86400.0 + 1);

  CanonicalReader dates(CanonicalShape::date);
  CHECK(dates.read("1970-01-01") == 0.0);
  CHECK_FALSE(dates.read("1970-01-01T00:00:00"));
  CHECK_FALSE(dates.read(std::string(10, '\0')));
  CanonicalReader integers(CanonicalShape::integer);
  CHECK(integers.read("-42") == -42.0);
  CHECK_FALSE(integers.read("042"));
  CHECK_FALSE(integers.read("2023-10-31"));

  // The reader and canonical_shape agree on every shape, cell by cell.
  for (const char* text : {"0", "-0", "12", "2023-10-31", "2023-10-31T08:15:30",
                           "2023-10-31 08:15:30", "2023-13-01", "x", "", "0001-01-01"}) {
    const CanonicalShape shape = canonical_shape(text);
    for (CanonicalShape s : {CanonicalShape::integer, CanonicalShape::date,
                             CanonicalShape::datetime_t, CanonicalShape::datetime_space})
      CHECK(CanonicalReader(s).read(text).has_value() == (s == shape));
  }
}

TEST_CASE("a column of timestamps is kept as numbers; a late odd value brings back its text",
          "[table]") {
  std::vector<std::string> values;
  for (int i = 0; i < 2000; ++i)
    values.push_back("2023-01-01T00:" + std::string(i / 60 % 60 < 10 ? "0" : "") +
                     std::to_string(i / 60 % 60) + ":" + (i % 60 < 10 ? "0" : "") +
                     std::to_string(i % 60));
  values[1000] = "";
  const Column timestamps = column_of(values);
  CHECK(timestamps.type == ColumnType::datetime);
  CHECK(timestamps.missing == 1);
  CHECK(timestamps.numbers[61] == *days_from_civil(2023, 1, 1) * 86400.0 + 61);

  values[1500] = "not a time";  // after the switch to numbers: the text is rebuilt
  values[1700] = "n.d.";
  const Column mixed = column_of(values);
  CHECK(mixed.type == ColumnType::datetime);  // 1 misfit in 2000 is still a datetime column
  CHECK(mixed.invalid == 1);
  CHECK(mixed.invalid_example == "not a time");
  CHECK(mixed.missing == 2);
  CHECK(mixed.numbers[61] == timestamps.numbers[61]);

  std::vector<std::string> ids;
  for (int i = 0; i < 3000; ++i) ids.push_back(std::to_string(100000 + i * 7));
  ids[2999] = "A-17";  // a code, not a number: the whole column is text again, unchanged
  for (int i = 0; i < 200; ++i) ids.push_back("B-" + std::to_string(i));
  const Column codes = column_of(ids);
  CHECK(codes.type == ColumnType::text);
  CHECK(codes.text(0) == "100000");
  CHECK(codes.text(2998) == std::to_string(100000 + 2998 * 7));
  CHECK(codes.text(2999) == "A-17");
}

TEST_CASE("dictionary codes take the narrowest width and widen without losing a code", "[table]") {
  CodeVector codes{0, kMissingCode, 254};
  CHECK(codes.width() == 1);
  CHECK(codes[1] == kMissingCode);
  CHECK(codes[2] == 254);
  codes.push_back(255);  // 0xFF marks missing at width 1: the codes move to two bytes
  CHECK(codes.width() == 2);
  for (std::uint32_t c = 256; c < 70000; ++c) codes.push_back(c);
  CHECK(codes.width() == 4);  // 0xFFFF and beyond
  codes.push_back(kMissingCode);
  REQUIRE(codes.size() == 4 + (70000 - 256) + 1);
  CHECK(codes[0] == 0);
  CHECK(codes[1] == kMissingCode);
  CHECK(codes[2] == 254);
  CHECK(codes[3] == 255);
  CHECK(codes[4 + (65535 - 256)] == 65535);
  CHECK(codes[codes.size() - 2] == 69999);
  CHECK(codes[codes.size() - 1] == kMissingCode);
  std::vector<std::uint32_t> iterated;
  for (std::uint32_t c : codes) iterated.push_back(c);
  CHECK(iterated == codes.to_vector());
  const CodeVector copy = codes;
  CHECK(copy == codes);
}

TEST_CASE("codes are counted at every width, missing cells and codes past the range left out",
          "[table]") {
  for (const std::uint32_t largest :
       {std::uint32_t{200}, std::uint32_t{3000}, std::uint32_t{70000}}) {
    INFO("codes up to " << largest);
    CodeVector codes;
    std::vector<std::uint64_t> expected(largest + 1, 0);
    // Runs of one code (what the tallies are interleaved for), odd counts
    // (a tail shorter than four), missing cells among them.
    for (std::uint32_t i = 0; i < 5003; ++i) {
      const std::uint32_t code = i % 11 == 0 ? kMissingCode : (i / 7 * 31) % (largest + 1);
      codes.push_back(code);
      if (code != kMissingCode) ++expected[code];
    }
    CHECK(codes.counts(largest + 1) == expected);
    // Only the codes below the bound asked for.
    const std::vector<std::uint64_t> first(expected.begin(), expected.begin() + 100);
    CHECK(codes.counts(100) == first);
  }
}

TEST_CASE("codes are recoded in place, widening when the new codes need it", "[table]") {
  CodeVector codes;
  for (int i = 0; i < 3000; ++i) codes.push_back(i % 7 == 6 ? kMissingCode : i % 7);
  CHECK(codes.width() == 1);
  codes.recode({2, 1, 0, kMissingCode, 4, 5});  // code 3 becomes missing
  CHECK(codes[0] == 2);
  CHECK(codes[2] == 0);
  CHECK(codes[3] == kMissingCode);
  CHECK(codes[6] == kMissingCode);  // missing stays missing
  CHECK(codes[7 * 400 + 5] == 5);
  codes.recode({1000, 1001, 1002, 1003, 1004, 1005});
  CHECK(codes.width() == 2);
  CHECK(codes[0] == 1002);
  CHECK(codes[3] == kMissingCode);
  std::size_t missing = 0;
  codes.for_each([&](std::size_t, std::uint32_t c) { missing += c == kMissingCode; });
  CHECK(missing == 429 + 428);  // rows 3, 10, ..., 2999 and 6, 13, ..., 2995
}

TEST_CASE("rows handed on in batches make the table that rows one by one make", "[table]") {
  // Ordinary rows, taken a column at a time, among rows that must go one
  // by one: a total mid-data (held, then read as data), too few fields, an
  // empty or tab-led first field, a row of blanks, a trailing delimiter,
  // and a footer at the end.
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 1500; ++i) {
    switch (i % 211) {
      case 5:
        rows.push_back({"Totale", "tutte", "4"});
        break;
      case 17:
        rows.push_back({"7", "NASpI"});
        break;
      case 33:
        rows.push_back({"", "Pensione", "3"});
        break;
      case 48:
        rows.push_back({"\t9", "ISEE", "2"});
        break;
      case 60:
        rows.push_back({" ", "", ""});
        break;
      case 71:
        rows.push_back({"8", "Bonus nido", "5", ""});
        break;
      default:
        rows.push_back(
            {std::to_string(i), "App " + std::to_string(i % 13), std::to_string(i % 5 + 1)});
    }
  }
  rows.push_back({"Fonte: INPS"});

  const auto build = [&rows](std::size_t batch_rows, Warnings& warnings, Table& table) {
    TableBuilder builder(warnings);
    builder.on_header({"id", "app", "voto"}, 1);
    std::vector<std::string_view> fields;
    std::vector<std::uint32_t> starts;
    std::vector<std::uint64_t> lines;
    for (std::size_t first = 0; first < rows.size(); first += batch_rows) {
      const std::size_t last = std::min(rows.size(), first + batch_rows);
      if (batch_rows == 1) {  // one by one
        const std::vector<std::string_view> row(rows[first].begin(), rows[first].end());
        builder.on_row(row, first + 2);
        continue;
      }
      fields.clear();
      starts.assign(1, 0);
      lines.clear();
      for (std::size_t r = first; r < last; ++r) {
        fields.insert(fields.end(), rows[r].begin(), rows[r].end());
        starts.push_back(static_cast<std::uint32_t>(fields.size()));
        lines.push_back(r + 2);
      }
      builder.on_rows({fields.data(), starts.data(), lines.data(), last - first});
    }
    REQUIRE_FALSE(builder.finish({}, table));
  };
  Warnings one_warnings;
  Table one;
  build(1, one_warnings, one);
  CHECK(one.rows.footer == 1);
  CHECK(one.rows.rejected == 15);  // too few fields (8 rows) and blanks (7)
  CHECK(one.columns[0].type == ColumnType::integer);
  for (std::size_t batch_rows : {7, 200, 512, 5000}) {
    INFO("batches of " << batch_rows << " rows");
    Warnings warnings;
    Table table;
    build(batch_rows, warnings, table);
    CHECK(table.rows.read == one.rows.read);
    CHECK(table.rows.used == one.rows.used);
    CHECK(table.rows.rejected == one.rows.rejected);
    CHECK(table.rows.footer == one.rows.footer);
    CHECK(table.footer_first() == one.footer_first());
    for (const char* code :
         {"too_few_fields", "empty_row", "trailing_empty_fields", "total_row_in_data"})
      CHECK(warnings.count(code) == one_warnings.count(code));
    REQUIRE(table.row_count() == one.row_count());
    const auto same_number = [](double a, double b) {
      return a == b || (std::isnan(a) && std::isnan(b));
    };
    bool same = true;
    for (std::size_t row = 0; row < one.row_count(); ++row)
      same = same && table.row_lines[row] == one.row_lines[row] &&
             same_number(table.columns[0].numbers[row], one.columns[0].numbers[row]) &&
             table.columns[1].text(row) == one.columns[1].text(row) &&
             same_number(table.columns[2].numbers[row], one.columns[2].numbers[row]);
    CHECK(same);
  }
}
