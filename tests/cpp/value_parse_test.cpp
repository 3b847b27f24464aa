#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "table/decimal_to_double.hpp"
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

namespace {

std::uint64_t bits_of(double value) {
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

// The reader's number against glibc's strtod (correctly rounded), bit for bit.
void check_as_strtod(const std::string& text) {
  const auto read = parse_number(text, NumberFormat{'.', 0});
  INFO(text);
  REQUIRE(read);
  CHECK(bits_of(*read) == bits_of(std::strtod(text.c_str(), nullptr)));
}

}  // namespace

TEST_CASE("17-digit decimals, as engines write doubles, are the nearest double", "[values]") {
  // Ties between two doubles go to the even one; 1e23 is not a double.
  for (const char* text : {"9007199254740993",        "9007199254740995",
                           "9007199254740993.0",      "4503599627370496.5",
                           "4503599627370497.5",      "1e23",
                           "8.9884656743115795e307",  "2.2250738585072011e-308",
                           "2.2250738585072014e-308", "4.9406564584124654e-324",
                           "1.7976931348623157e308",  "0.30000000000000004",
                           "123456789012345678",      "0.1000000000000000055511151231257827",
                           "7.2057594037927933e16",   "1.00000000000000011102230246251565404e0",
                           "0.000000000000000000001", "-1234.5678901234567",
                           "3.0517578125e-05",        "100000000000000000000000000000000"})
    check_as_strtod(text);
  // Random significands of 1 to 18 digits with the point anywhere, and in
  // scientific notation with exponents beyond the fast path's table.
  std::mt19937_64 random(20261203);
  for (int i = 0; i < 200000; ++i) {
    const int digits = 1 + static_cast<int>(random() % 18);
    std::string significand;
    for (int d = 0; d < digits; ++d) significand += static_cast<char>('0' + random() % 10);
    if (i % 2 == 0) {
      const std::size_t point = random() % (significand.size() + 1);
      check_as_strtod(significand.substr(0, point) + "." + significand.substr(point) + "1");
    } else {
      const int exponent = static_cast<int>(random() % 261) - 130;
      check_as_strtod(significand + "e" + std::to_string(exponent));
    }
  }
  // In the Italian notation, grouped: the same double as the plain text.
  CHECK(parse_number("1.234.567,8901234567", NumberFormat{',', '.'}) ==
        std::strtod("1234567.8901234567", nullptr));
  // The conversion itself: ties to even, and no answer outside its table.
  CHECK(decimal_to_double(9007199254740993ULL, 0) == 9007199254740992.0);
  CHECK(decimal_to_double(12345678901234567ULL, -13) == 1234.5678901234567);
  CHECK_FALSE(decimal_to_double(1, 101));
  CHECK_FALSE(decimal_to_double(1, -101));
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
