// Reading one cell: numbers in Italian and English notation, dates,
// booleans and missing-value tokens. Pure functions, no state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ascolto::table {

/// The value without surrounding spaces and tabs.
std::string_view trim(std::string_view value);

/// ASCII lowercase copy (accented letters are left as they are).
std::string ascii_lower(std::string_view value);

/// The tokens that mean "no answer" unless configured otherwise:
/// empty, NA, N/A, n.d., n.a., -, null (compared case-insensitively).
const std::vector<std::string>& default_missing_tokens();

/// How numbers are written in a column.
struct NumberFormat {
  char decimal = '.';  ///< '.' or ','
  char thousands = 0;  ///< 0 (none), '.', ',' or ' '
};

/// Parses a number written in `format`. Thousands separators must group
/// three digits ("2.139.112"); an exponent is accepted with '.' decimals.
std::optional<double> parse_number(std::string_view text, NumberFormat format);

/// How an amount is written around its digits.
struct Notation {
  bool percent = false;                  ///< "62,5%"
  bool currency = false;                 ///< "€ 1.234,50", "1.234,50 EUR", "$12"
  bool negative_in_parentheses = false;  ///< "(1.234)": accounting negative
};

/// Parses a number in `format` as exports write amounts: a percent sign
/// (the value is returned as written: 62.5 for "62,5%"), a currency sign or
/// code before or after, accounting negatives "(1.234)" and "1.234-",
/// "+3,2", the Unicode minus, and non-breaking spaces as thousands
/// separators. `notation`, when given, receives what was found.
std::optional<double> parse_amount(std::string_view text, NumberFormat format,
                                   Notation* notation = nullptr);

/// Parses a number in any of the usual formats, for sniffing only.
std::optional<double> parse_number_any(std::string_view text);

/// What a value says about the decimal mark of the file it comes from.
enum class DecimalEvidence : std::uint8_t {
  none,       ///< not a number, or the same number either way ("1234", "1 234")
  comma,      ///< only a decimal comma reads it: "3,93", "1.234,5", "2.139.112", "0,376"
  point,      ///< only a decimal point reads it: "12.5", "1,234.5", "1,234,567", "0.376"
  ambiguous,  ///< both do, with different values: "173.376", "1,234"
};
DecimalEvidence decimal_evidence(std::string_view text);

/// The formats tried when a column is typed, most common first.
const std::vector<NumberFormat>& candidate_number_formats();

/// The words read as 1 (value true) or 0, in lower case.
const std::vector<std::string>& boolean_words(bool value);
/// Parses "sì", "si", "no", "yes", "true", "falso", ... to 1 or 0.
std::optional<bool> parse_boolean_word(std::string_view text);

/// Order of day and month in a numeric date.
enum class DateOrder : std::uint8_t { day_first, month_first };

/// A parsed date or date-time: days since 1970-01-01 plus seconds in the day.
struct DateTime {
  std::int64_t days = 0;
  double seconds = 0;  ///< seconds since midnight
  bool has_time = false;
};

/// The parts of a numeric date before the day/month order is known.
struct DateParts {
  int first = 0, second = 0, year = 0;  ///< as written: a/b/yyyy, or ISO y-m-d
  bool iso = false;                     ///< yyyy-mm-dd: order is known
  double seconds = 0;
  bool has_time = false;
};

/// Splits "dd/mm/yyyy", "d-m-yyyy", "yyyy-mm-dd" (with an optional time
/// "hh:mm[:ss[.fff]]", 'T' or space separated, optional Z or offset ignored).
std::optional<DateParts> split_date(std::string_view text);

/// Days since 1970-01-01 of a valid civil date, or nothing.
std::optional<std::int64_t> days_from_civil(int year, int month, int day);

/// The date of `parts` in `order`, or nothing if it is not a valid date.
std::optional<DateTime> resolve_date(const DateParts& parts, DateOrder order);

/// A date written with a month name, anywhere in the text: "7 febbraio
/// 2024", "Recensito in Italia il 7 febbraio 2024", "1° marzo 2023",
/// "7 February 2024", "February 7, 2024". Days since 1970-01-01.
std::optional<std::int64_t> parse_written_date(std::string_view text);

/// A rating written as stars, the whole value: "5,0 su 5 stelle",
/// "4.0 out of 5 stars", "4/5". The rating (5, 4, 4); nothing otherwise.
std::optional<double> parse_stars(std::string_view text);

/// Parses a month period "mm/yyyy", "m-yyyy", "yyyy-mm", or with the
/// month's Italian or English name or abbreviation: "gennaio 2023",
/// "gen-23", "Gen. 2023", "Jan-2023", to year*12 + month-1.
std::optional<std::int64_t> parse_month(std::string_view text);

/// "yyyy-mm-dd" of days since 1970-01-01.
std::string format_date(std::int64_t days);
/// The same, appended to `out` (no string of its own).
void append_date(std::int64_t days, std::string& out);

/// `value` (below 10^width) as `width` digits, zero-padded, at `at`:
/// without printf, which a column's typing sample called 8,192 times.
inline void put_digits(char* at, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i, value /= 10) at[i] = static_cast<char>('0' + value % 10);
}

/// "yyyy-mm" of a month period (year * 12 + month - 1, as parse_month gives).
std::string format_month(std::int64_t month);

struct CivilDate {
  int year;
  unsigned month, day;
};
/// The calendar date of days since 1970-01-01.
CivilDate civil_from_days(std::int64_t days);

/// The Monday of the week of a day counted from 1970-01-01 (a Thursday):
/// weeks as ISO 8601 starts them.
inline std::int64_t week_start(std::int64_t days) {
  return days - (((days + 3) % 7) + 7) % 7;
}

}  // namespace ascolto::table
