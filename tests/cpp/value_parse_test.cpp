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

TEST_CASE("ratings written as stars, whole values only", "[value]") {
  using ascolto::table::parse_stars;
  CHECK(parse_stars("5,0 su 5 stelle") == 5.0);
  CHECK(parse_stars(" 4.5 out of 5 stars ") == 4.5);
  CHECK(parse_stars("3/5") == 3.0);
  CHECK(parse_stars("2 su 5") == 2.0);
  CHECK_FALSE(parse_stars("5,0 su 5 stelle Consigliato"));
  CHECK_FALSE(parse_stars("5 stelle"));
  CHECK_FALSE(parse_stars("su 5 stelle"));
  CHECK_FALSE(parse_stars("3,5"));
}

TEST_CASE("dates written with month names, inside text too", "[value]") {
  using ascolto::table::format_date;
  using ascolto::table::parse_written_date;
  auto iso = [](std::string_view text) {
    auto days = parse_written_date(text);
    return days ? format_date(*days) : std::string("none");
  };
  CHECK(iso("Recensito in Italia il 7 febbraio 2024") == "2024-02-07");
  CHECK(iso("1° marzo 2023") == "2023-03-01");
  CHECK(iso("26 dicembre 2023") == "2023-12-26");
  CHECK(iso("February 7, 2024") == "2024-02-07");
  CHECK(iso("7 Feb 2024") == "2024-02-07");
  CHECK(iso("31 febbraio 2024") == "none");
  CHECK(iso("marzo 2024") == "none");
  CHECK(iso("il servizio di maggio") == "none");
}
