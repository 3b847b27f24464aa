#include <catch2/catch.hpp>

#include "table/value_parse.hpp"

using namespace ascolto::table;

TEST_CASE("numbers in Italian and English notation", "[values]") {
  const NumberFormat english{'.', 0}, italian{',', '.'}, comma{',', 0};
  CHECK(parse_number("3.93", english) == 3.93);
  CHECK(parse_number("3,93", comma) == 3.93);
  CHECK(parse_number("2.139.112", italian) == 2139112.0);
  CHECK(parse_number("5.527.739.211", italian) == 5527739211.0);
  CHECK(parse_number("-1,5", italian) == -1.5);
  CHECK(parse_number(" 42 ", english) == 42.0);
  CHECK(parse_number("1e3", english) == 1000.0);
  CHECK(parse_number("0.1", english) == 0.1);      // correctly rounded
  CHECK_FALSE(parse_number("2.13.112", italian));  // groups of three only
  CHECK_FALSE(parse_number("quattro", english));
  CHECK_FALSE(parse_number("", english));
  CHECK_FALSE(parse_number("3,5", english));
}

TEST_CASE("dates: ISO, day-first and unpadded", "[values]") {
  auto parts = split_date("29-2-2016");
  REQUIRE(parts);
  CHECK(resolve_date(*parts, DateOrder::day_first)->days == *days_from_civil(2016, 2, 29));
  CHECK_FALSE(resolve_date(*parts, DateOrder::month_first));  // month 29 does not exist
  CHECK(format_date(resolve_date(*split_date("2023-10-31"), DateOrder::day_first)->days) ==
        "2023-10-31");
  CHECK(format_date(resolve_date(*split_date("31/10/2023"), DateOrder::day_first)->days) ==
        "2023-10-31");
  auto with_time = split_date("2023-10-31T08:15:30Z");
  REQUIRE(with_time);
  CHECK(with_time->seconds == 8 * 3600 + 15 * 60 + 30);
  CHECK_FALSE(split_date("2023"));
  CHECK_FALSE(days_from_civil(2023, 2, 29));
  CHECK(days_from_civil(1970, 1, 1) == 0);
}

TEST_CASE("months and yes/no words", "[values]") {
  CHECK(parse_month("10/2023") == 2023 * 12 + 9);
  CHECK(parse_month("2023-10") == 2023 * 12 + 9);
  CHECK_FALSE(parse_month("13/2023"));
  CHECK(parse_boolean_word("S\xC3\xAC") == true);
  CHECK(parse_boolean_word("no") == false);
  CHECK_FALSE(parse_boolean_word("forse"));
}

TEST_CASE("ISO timestamps of machine exports take the fast path with the same result", "[values]") {
  const auto fast = split_date("2023-10-31T08:15:30");
  const auto general = split_date("2023-10-31T08:15:30+01:00");  // an offset: general scanner
  REQUIRE(fast);
  REQUIRE(general);
  CHECK(fast->year == 2023);
  CHECK(fast->first == 10);
  CHECK(fast->second == 31);
  CHECK(fast->seconds == general->seconds);
  CHECK(split_date("2023-10-31 08:15:30Z")->has_time);
  CHECK_FALSE(split_date("2023-10-31T25:15:30"));
  CHECK_FALSE(split_date("2023-1x-31"));
}
