#include "table/value_parse.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "table/decimal_to_double.hpp"

namespace ascolto::table {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Exact powers of ten up to 1e22 (all representable in a double).
constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// Reads up to `max_digits` digits; returns how many were read.
int read_int(std::string_view s, std::size_t& i, int max_digits, int& value) {
  int count = 0;
  value = 0;
  while (i < s.size() && is_digit(s[i]) && count < max_digits) {
    value = value * 10 + (s[i] - '0');
    ++i;
    ++count;
  }
  return count;
}

}  // namespace

std::string_view trim(std::string_view value) {
  std::size_t begin = 0, end = value.size();
  while (begin < end && (value[begin] == ' ' || value[begin] == '\t')) ++begin;
  while (end > begin && (value[end - 1] == ' ' || value[end - 1] == '\t')) --end;
  return value.substr(begin, end - begin);
}

std::string ascii_lower(std::string_view value) {
  std::string out(value);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

const std::vector<std::string>& default_missing_tokens() {
  // "–" and "—" (en and em dash) as "-".
  static const std::vector<std::string> tokens = {
      "",  "na",   "n/a", "n.d.", "n.a.", "nd",           "n/d",
      "-", "null", "nan", "#n/d", "#n/a", "\xe2\x80\x93", "\xe2\x80\x94"};
  return tokens;
}

const std::vector<NumberFormat>& candidate_number_formats() {
  static const std::vector<NumberFormat> formats = {{'.', 0},   {',', 0},   {',', '.'},
                                                    {'.', ','}, {',', ' '}, {'.', ' '}};
  return formats;
}

std::optional<double> parse_number(std::string_view text, NumberFormat format) {
  const std::string_view s = trim(text);
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  std::uint64_t mantissa = 0;
  int digits = 0, exponent = 0, group = 0, groups = 0;
  bool exact = true;
  const std::size_t integer_start = i;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (is_digit(c)) {
      if (mantissa < 100000000000000000ULL)
        mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
      else {
        ++exponent;  // digits beyond 17 only scale
        exact = false;
      }
      ++digits;
      ++group;
    } else if (format.thousands && c == format.thousands) {
      // "2.139.112": 1 to 3 digits first (not a lone 0: "0.376" is no
      // thousand), then groups of exactly three.
      if ((groups == 0 && (group == 0 || group > 3 || (group == 1 && s[integer_start] == '0'))) ||
          (groups > 0 && group != 3))
        return {};
      ++groups;
      group = 0;
    } else {
      break;
    }
  }
  if (groups > 0 && group != 3) return {};
  const bool has_integer = i > integer_start;
  bool has_fraction = false;
  if (i < s.size() && s[i] == format.decimal) {
    ++i;
    for (; i < s.size() && is_digit(s[i]); ++i) {
      if (mantissa < 100000000000000000ULL) {
        mantissa = mantissa * 10 + static_cast<std::uint64_t>(s[i] - '0');
        --exponent;
      } else {
        exact = false;
      }
      has_fraction = true;
    }
  }
  if (!has_integer && !has_fraction) return {};
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E') && format.decimal == '.' && !format.thousands) {
    std::size_t j = i + 1;
    bool exp_negative = false;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) exp_negative = s[j++] == '-';
    int value = 0;
    if (read_int(s, j, 4, value) == 0) return {};
    exponent += exp_negative ? -value : value;
    i = j;
  }
  if (i != s.size()) return {};
  double result;
  // Clinger's fast path: an exact mantissa and an exact power of ten give a
  // correctly rounded result with one IEEE operation.
  std::optional<double> converted;
  if (exact && mantissa < (1ULL << 53) && exponent >= -22 && exponent <= 22) {
    const double m = static_cast<double>(mantissa);
    result = exponent < 0 ? m / kPowersOfTen[-exponent] : m * kPowersOfTen[exponent];
  } else if (exact && (converted = decimal_to_double(mantissa, exponent))) {
    // Up to 18 digits, as a database writes a double's 17: exact without strtod.
    result = *converted;
  } else {
    std::string normalized;  // strtod reads the C locale's '.' only
    for (char c : s)
      if (c == format.decimal)
        normalized.push_back('.');
      else if (!(format.thousands && c == format.thousands))
        normalized.push_back(c);
    result = std::strtod(normalized.c_str(), nullptr);
    if (!std::isfinite(result)) return {};
    return result;
  }
  return negative ? -result : result;
}

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Removes one of `marks` at either end of `s` (with the spaces beside it).
bool strip_mark(std::string& s, std::initializer_list<std::string_view> marks) {
  for (std::string_view mark : marks) {
    if (starts_with(s, mark)) {
      s = std::string(trim(std::string_view(s).substr(mark.size())));
      return true;
    }
    if (ends_with(s, mark)) {
      s = std::string(trim(std::string_view(s).substr(0, s.size() - mark.size())));
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<double> parse_amount(std::string_view text, NumberFormat format, Notation* notation) {
  if (auto plain = parse_number(text, format)) {
    if (notation) *notation = {};
    return plain;
  }
  const std::string_view t = trim(text);
  if (t.empty() || t.size() > 64) return {};
  // Only text with a digit and a mark worth removing goes further: plain
  // ASCII that starts and ends with a digit ("2023-01-01T00:00:25") has
  // none, and is turned down without a copy.
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (digit(t.front()) && digit(t.back()) && std::none_of(t.begin(), t.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x80;
      }))
    return {};
  // A word ("Servizio lento, 2 giorni") is no amount: only a currency code
  // (EUR, Euro, USD, GBP) may open one with a letter.
  const char first = t.front();
  const bool letter = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
  if (letter && first != 'E' && first != 'e' && first != 'U' && first != 'G') return {};
  if (std::none_of(t.begin(), t.end(), digit)) return {};
  std::string s;
  s.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    // NBSP and narrow NBSP (French and Excel thousands) as spaces; the
    // Unicode minus as '-'.
    if (t.compare(i, 2, "\xc2\xa0") == 0) {
      s.push_back(' ');
      ++i;
    } else if (t.compare(i, 3, "\xe2\x80\xaf") == 0) {
      s.push_back(' ');
      i += 2;
    } else if (t.compare(i, 3, "\xe2\x88\x92") == 0) {
      s.push_back('-');
      i += 2;
    } else {
      s.push_back(t[i]);
    }
  }
  s = std::string(trim(s));
  Notation found;
  bool negative = false;
  if (s.size() > 2 && s.front() == '(' && s.back() == ')') {
    s = std::string(trim(std::string_view(s).substr(1, s.size() - 2)));
    found.negative_in_parentheses = negative = true;
  }
  if (!s.empty() && s.back() == '%') {
    s = std::string(trim(std::string_view(s).substr(0, s.size() - 1)));
    found.percent = true;
  }
  found.currency = strip_mark(
      s, {"\xe2\x82\xac", "EUR", "Eur", "eur", "euro", "Euro", "$", "USD", "\xc2\xa3", "GBP"});
  if (!found.negative_in_parentheses && s.size() > 2 && s.front() == '(' && s.back() == ')') {
    s = std::string(trim(std::string_view(s).substr(1, s.size() - 2)));  // "€ (1.234)"
    found.negative_in_parentheses = negative = true;
  }
  if (!negative && s.size() > 1 && s.back() == '-' && s[s.size() - 2] >= '0' &&
      s[s.size() - 2] <= '9') {
    s.pop_back();  // "1.234,50-": SAP's negative
    negative = true;
  }
  if (negative && !s.empty() && (s.front() == '-' || s.front() == '+')) return {};
  const auto value = parse_number(s, format);
  if (!value) return {};
  if (notation) *notation = found;
  return negative ? -*value : *value;
}

std::optional<double> parse_number_any(std::string_view text) {
  for (const NumberFormat& format : candidate_number_formats())
    if (auto value = parse_amount(text, format)) return value;
  return {};
}

DecimalEvidence decimal_evidence(std::string_view text) {
  // Without ',' or '.' a number reads the same under every convention.
  if (text.find_first_of(",.") == std::string_view::npos) return DecimalEvidence::none;
  // The value under the Italian family (decimal ',') and the English one
  // (decimal '.'), each with its thousands separators.
  std::optional<double> comma, point;
  for (const NumberFormat& format : candidate_number_formats()) {
    auto& slot = format.decimal == ',' ? comma : point;
    if (!slot) slot = parse_amount(text, format);
  }
  if (comma && point) return *comma == *point ? DecimalEvidence::none : DecimalEvidence::ambiguous;
  if (comma) return DecimalEvidence::comma;
  if (point) return DecimalEvidence::point;
  return DecimalEvidence::none;
}

const std::vector<std::string>& boolean_words(bool value) {
  static const std::vector<std::string> yes = {"si",   "s\xc3\xac", "s\xc3\x8c", "yes",
                                               "true", "vero",      "y"};
  static const std::vector<std::string> no = {"no", "false", "falso", "n"};
  return value ? yes : no;
}

std::optional<bool> parse_boolean_word(std::string_view text) {
  const std::string s = ascii_lower(trim(text));
  for (bool value : {true, false}) {
    const auto& words = boolean_words(value);
    if (std::find(words.begin(), words.end(), s) != words.end()) return value;
  }
  return {};
}

std::optional<std::int64_t> days_from_civil(int y, int m, int d) {
  static constexpr int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || y < 1 || y > 9999) return {};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDaysInMonth[m - 1] + (m == 2 && leap)) return {};
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy =
      (153u * static_cast<unsigned>(m > 2 ? m - 3 : m + 9) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t z) {
  // Howard Hinnant's civil_from_days.
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), m, d};
}

std::string format_month(std::int64_t month) {
  char text[48];
  std::snprintf(text, sizeof text, "%04lld-%02lld", static_cast<long long>(month / 12),
                static_cast<long long>(month % 12 + 1));
  return text;
}

std::string format_date(std::int64_t days) {
  std::string out;
  append_date(days, out);
  return out;
}

void append_date(std::int64_t days, std::string& out) {
  const CivilDate c = civil_from_days(days);
  char buffer[32];
  if (c.year < 0 || c.year > 9999) {  // never from a parsed date (four-digit years)
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", c.year, c.month, c.day);
    out += buffer;
    return;
  }
  put_digits(buffer, static_cast<unsigned>(c.year), 4);
  buffer[4] = '-';
  put_digits(buffer + 5, c.month, 2);
  buffer[7] = '-';
  put_digits(buffer + 8, c.day, 2);
  out.append(buffer, 10);
}

namespace {

int two_digits(const char* p) {
  return (p[0] - '0') * 10 + (p[1] - '0');
}

bool all_digits(std::string_view s, std::initializer_list<int> positions) {
  for (int i : positions)
    if (!is_digit(s[static_cast<std::size_t>(i)])) return false;
  return true;
}

// "yyyy-mm-dd", "yyyy-mm-ddThh:mm:ss" and the same with 'Z' or a space:
// the shapes of machine exports, read without the general scanner.
std::optional<DateParts> split_iso_date(std::string_view s) {
  if (s.size() != 10 && s.size() != 19 && !(s.size() == 20 && s[19] == 'Z')) return {};
  if (s[4] != '-' || s[7] != '-' || !all_digits(s, {0, 1, 2, 3, 5, 6, 8, 9})) return {};
  DateParts parts;
  parts.iso = true;
  parts.year = two_digits(s.data()) * 100 + two_digits(s.data() + 2);
  parts.first = two_digits(s.data() + 5);
  parts.second = two_digits(s.data() + 8);
  if (s.size() == 10) return parts;
  if ((s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':' ||
      !all_digits(s, {11, 12, 14, 15, 17, 18}))
    return {};
  const int hour = two_digits(s.data() + 11), minute = two_digits(s.data() + 14),
            second = two_digits(s.data() + 17);
  if (hour > 23 || minute > 59 || second > 60) return {};
  parts.has_time = true;
  parts.seconds = hour * 3600.0 + minute * 60.0 + second;
  return parts;
}

}  // namespace

std::optional<DateParts> split_date(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.size() >= 10 && s[4] == '-') {
    if (auto parts = split_iso_date(s)) return parts;
  }
  DateParts parts;
  std::size_t i = 0;
  int a = 0, b = 0, c = 0;
  const int first_digits = read_int(s, i, 4, a);
  if (first_digits == 0 || i >= s.size()) return {};
  const char separator = s[i];
  if (separator != '/' && separator != '-' && separator != '.') return {};
  ++i;
  if (read_int(s, i, 2, b) == 0 || i >= s.size() || s[i] != separator) return {};
  ++i;
  const int last_digits = read_int(s, i, 4, c);
  if (first_digits == 4 && separator == '-' && last_digits >= 1 && last_digits <= 2) {
    parts.iso = true;  // yyyy-mm-dd
    parts.year = a;
    parts.first = b;
    parts.second = c;
  } else if (first_digits <= 2 && last_digits == 4) {
    parts.first = a;
    parts.second = b;
    parts.year = c;
  } else {
    return {};
  }
  if (i == s.size()) return parts;
  if (s[i] != 'T' && s[i] != ' ') return {};
  ++i;
  int hour = 0, minute = 0, second = 0;
  if (read_int(s, i, 2, hour) == 0 || i >= s.size() || s[i] != ':') return {};
  ++i;
  if (read_int(s, i, 2, minute) != 2) return {};
  double fraction = 0;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (read_int(s, i, 2, second) != 2) return {};
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      double scale = 0.1;
      for (++i; i < s.size() && is_digit(s[i]); ++i, scale /= 10) fraction += (s[i] - '0') * scale;
    }
  }
  if (i < s.size() && s[i] == 'Z')
    ++i;
  else if (i < s.size() && (s[i] == '+' || s[i] == '-'))
    i = s.size();  // offset: local time kept
  if (i != s.size() || hour > 23 || minute > 59 || second > 60) return {};
  parts.has_time = true;
  parts.seconds = hour * 3600.0 + minute * 60.0 + second + fraction;
  return parts;
}

std::optional<DateTime> resolve_date(const DateParts& parts, DateOrder order) {
  int month = parts.first, day = parts.second;
  if (!parts.iso && order == DateOrder::day_first) std::swap(month, day);
  auto days = days_from_civil(parts.year, month, day);
  if (!days) return {};
  return DateTime{*days, parts.seconds, parts.has_time};
}

namespace {
int month_from_name(std::string_view word);
bool is_letter(char c);

// "23" in "gen-23" or "01-gen-23": 2000-2069, else 1970-1999.
int year_of_two_digits(int year) {
  return year + (year < 70 ? 2000 : 1900);
}

// "gennaio 2023", "gen-23", "Gen. 2023", "Jan-2023", "set '23".
std::optional<std::int64_t> parse_named_month(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_letter(s[i])) ++i;
  const std::string_view name = s.substr(0, i);
  const int month = name.size() >= 3 ? month_from_name(name) : 0;
  if (!month) return {};
  if (i < s.size() && s[i] == '.') ++i;
  const std::size_t separator_start = i;
  while (i < s.size() && (s[i] == ' ' || s[i] == '-' || s[i] == '/' || s[i] == '\'' || s[i] == '_'))
    ++i;
  if (i == separator_start && i > 0 && s[i - 1] != '.') return {};
  int year = 0;
  const int digits = read_int(s, i, 4, year);
  if (i != s.size() || (digits != 2 && digits != 4)) return {};
  if (digits == 2) year = year_of_two_digits(year);
  if (year < 1000) return {};
  return static_cast<std::int64_t>(year) * 12 + (month - 1);
}
}  // namespace

std::optional<std::int64_t> parse_month(std::string_view text) {
  const std::string_view s = trim(text);
  if (!s.empty() && !is_digit(s[0])) return parse_named_month(s);
  std::size_t i = 0;
  int a = 0, b = 0;
  const int first_digits = read_int(s, i, 4, a);
  if (first_digits == 0 || i >= s.size() || (s[i] != '/' && s[i] != '-' && s[i] != '.')) return {};
  ++i;
  const int second_digits = read_int(s, i, 4, b);
  if (i != s.size()) return {};
  int year, month;
  if (first_digits == 4 && second_digits <= 2 && second_digits > 0) {
    year = a;
    month = b;
  } else if (first_digits <= 2 && second_digits == 4) {
    year = b;
    month = a;
  } else {
    return {};
  }
  if (month < 1 || month > 12 || year < 1000) return {};
  return static_cast<std::int64_t>(year) * 12 + (month - 1);
}

namespace {

// Month names (Italian and English, full and 3-letter) -> 1..12.
int month_from_name(std::string_view word) {
  static const char* const kNames[12][4] = {
      {"gennaio", "january", "gen", "jan"},     {"febbraio", "february", "feb", "feb"},
      {"marzo", "march", "mar", "mar"},         {"aprile", "april", "apr", "apr"},
      {"maggio", "may", "mag", "may"},          {"giugno", "june", "giu", "jun"},
      {"luglio", "july", "lug", "jul"},         {"agosto", "august", "ago", "aug"},
      {"settembre", "september", "set", "sep"}, {"ottobre", "october", "ott", "oct"},
      {"novembre", "november", "nov", "nov"},   {"dicembre", "december", "dic", "dec"}};
  const std::string lower = ascii_lower(word);
  for (int m = 0; m < 12; ++m)
    for (const char* name : kNames[m])
      if (lower == name) return m + 1;
  return 0;
}

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The words of a text: runs of letters or of digits (the degree sign of
// "1°" and punctuation separate them).
std::vector<std::string_view> plain_words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i]) && !is_letter(text[i])) {
      ++i;
      continue;
    }
    const bool digits = is_digit(text[i]);
    std::size_t j = i;
    while (j < text.size() && (digits ? is_digit(text[j]) : is_letter(text[j]))) ++j;
    out.push_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

int small_number(std::string_view digits) {
  if (digits.empty() || digits.size() > 4) return -1;
  int v = 0;
  for (char c : digits) {
    if (!is_digit(c)) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

std::optional<std::int64_t> parse_written_date(std::string_view text) {
  if (text.size() > 200) return {};  // a comment, not a date
  // A month's name has letters: numbers (a cells file's sums are hundreds of
  // distinct values per column) are turned away before any word is compared.
  if (std::none_of(text.begin(), text.end(), is_letter)) return {};
  const std::vector<std::string_view> words = plain_words(text);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!is_letter(words[i][0])) continue;  // a run of digits
    const int month = month_from_name(words[i]);
    if (!month || words[i].size() < 3) continue;
    // "7 febbraio 2024"; Excel's Italian "01-gen-24" (a two-digit year
    // only in such a short cell: in a sentence "3 maggio 24 persone" is no date)
    if (i >= 1 && i + 1 < words.size()) {
      const int day = small_number(words[i - 1]);
      int year = small_number(words[i + 1]);
      const bool short_year =
          words[i + 1].size() == 2 && trim(text).size() <= 12 && i == 1 && words.size() == 3;
      if (short_year) year = year_of_two_digits(year);
      if (day >= 1 && (words[i + 1].size() == 4 || short_year))
        if (auto d = days_from_civil(year, month, day)) return d;
    }
    // "February 7, 2024"
    if (i + 2 < words.size()) {
      const int day = small_number(words[i + 1]), year = small_number(words[i + 2]);
      if (day >= 1 && words[i + 2].size() == 4)
        if (auto d = days_from_civil(year, month, day)) return d;
    }
  }
  return {};
}

std::optional<double> parse_stars(std::string_view text) {
  std::string lower = ascii_lower(trim(text));
  // The rating: digits with an optional ',' or '.' decimal part.
  std::size_t i = 0;
  while (i < lower.size() && is_digit(lower[i])) ++i;
  if (i == 0) return {};
  std::size_t end = i;
  if (end < lower.size() && (lower[end] == ',' || lower[end] == '.') && end + 1 < lower.size() &&
      is_digit(lower[end + 1])) {
    ++end;
    while (end < lower.size() && is_digit(lower[end])) ++end;
  }
  std::string number = lower.substr(0, end);
  for (char& c : number)
    if (c == ',') c = '.';
  std::string_view rest = trim(std::string_view(lower).substr(end));
  bool joined = false;
  for (std::string_view joiner : {std::string_view("su"), std::string_view("out of"),
                                  std::string_view("/"), std::string_view("di")}) {
    if (rest.substr(0, joiner.size()) == joiner) {
      rest = trim(rest.substr(joiner.size()));
      joined = true;
      break;
    }
  }
  if (!joined) return {};
  std::size_t digits = 0;
  while (digits < rest.size() && is_digit(rest[digits])) ++digits;
  if (digits == 0 || digits > 2) return {};
  rest = trim(rest.substr(digits));
  if (!rest.empty() && rest != "stelle" && rest != "stella" && rest != "stars" && rest != "star")
    return {};
  char* parse_end = nullptr;
  const double value = std::strtod(number.c_str(), &parse_end);
  if (parse_end != number.c_str() + number.size()) return {};
  return value;
}

}  // namespace ascolto::table
