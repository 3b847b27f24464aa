#include "spreadsheet/cells.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "csv/encoding.hpp"
#include "table/value_parse.hpp"

namespace ascolto::spreadsheet {

NumberShows number_format_shows(std::string_view code) {
  // Only the first section (positive numbers) tells.
  bool date = false, time = false, month_or_minute = false, elapsed = false, percent = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;
    if (c == '"') {
      const std::size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // an escaped or padding character
    } else if (c == '[') {
      const std::size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && (inside[0] == 'h' || inside[0] == 'H' || inside[0] == 'm' ||
                              inside[0] == 'M' || inside[0] == 's' || inside[0] == 'S'))
        elapsed = true;
      i = close;
    } else if (c == 'y' || c == 'Y' || c == 'd' || c == 'D' || c == 'e' || c == 'g' || c == 'G') {
      date = true;
    } else if (c == 'h' || c == 'H' || c == 's' || c == 'S') {
      time = true;
    } else if (c == 'm' || c == 'M') {
      month_or_minute = true;
    } else if (c == '%') {
      percent = true;
    } else if (c == 'a' || c == 'A') {
      if (code.substr(i, 5) == "AM/PM" || code.substr(i, 5) == "am/pm" ||
          code.substr(i, 3) == "A/P")
        time = true;
    }
  }
  // "General" holds an 'e': it is a word, not a date.
  if (code.find("General") != std::string_view::npos ||
      code.find("general") != std::string_view::npos)
    date = false;
  if (elapsed) return NumberShows::number;
  if (percent && !date && !time && !month_or_minute) return NumberShows::percent;
  if (month_or_minute && !time) date = true;
  if (date && time) return NumberShows::datetime;
  if (date) return NumberShows::date;
  if (time) return NumberShows::time;
  return NumberShows::number;
}

NumberShows builtin_format_shows(unsigned id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
      (id >= 50 && id <= 58))
    return NumberShows::date;
  if ((id >= 18 && id <= 21) || id == 32 || id == 33 || id == 45 || id == 47)
    return NumberShows::time;
  if (id == 22) return NumberShows::datetime;
  if (id == 9 || id == 10) return NumberShows::percent;
  return NumberShows::number;  // 46 is "[h]:mm:ss", a duration
}

namespace {

void put_digits(std::string& out, long long value, int digits) {
  char buffer[20];
  for (int i = digits - 1; i >= 0; --i) {
    buffer[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buffer, static_cast<std::size_t>(digits));
}

void put_time(std::string& out, long long seconds) {
  put_digits(out, seconds / 3600, 2);
  out += ':';
  put_digits(out, seconds / 60 % 60, 2);
  out += ':';
  put_digits(out, seconds % 60, 2);
}

}  // namespace

std::string percent_text(std::string_view number) {
  std::string sign;
  if (!number.empty() && (number[0] == '-' || number[0] == '+')) {
    if (number[0] == '-') sign = "-";
    number.remove_prefix(1);
  }
  const std::size_t point = number.find('.');
  const std::string_view whole = number.substr(0, point);
  std::string fraction(point == std::string_view::npos ? "" : number.substr(point + 1));
  const bool plain = !whole.empty() &&
                     whole.find_first_not_of("0123456789") == std::string_view::npos &&
                     fraction.find_first_not_of("0123456789") == std::string::npos;
  if (!plain) {  // an exponent ("1.5E-3"): through a double, to 15 digits
    char buffer[48];
    std::snprintf(
        buffer, sizeof buffer, "%.15g%%",
        std::strtod(std::string(number).c_str(), nullptr) * 100 * (sign.empty() ? 1 : -1));
    return buffer;
  }
  while (fraction.size() < 2) fraction += '0';
  std::string digits = std::string(whole) + fraction.substr(0, 2);
  const std::size_t first = std::min(digits.find_first_not_of('0'), digits.size() - 1);
  std::string out = sign + digits.substr(first);
  if (fraction.size() > 2) out += "." + fraction.substr(2);
  return out + "%";
}

double parse_serial(std::string_view text) {
  // Workbook writers store serials as plain decimals ("45292.75"): read
  // those without strtod (slow in WASM); anything else goes to strtod.
  double whole = 0, fraction = 0, scale = 1;
  std::size_t i = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
    whole = whole * 10 + (text[i] - '0');
  if (i < text.size() && text[i] == '.')
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
      fraction += (text[i] - '0') * (scale /= 10);
  if (i == text.size() && !text.empty() && text.size() < 24) return whole + fraction;
  return std::strtod(std::string(text).c_str(), nullptr);
}

std::optional<std::string> serial_to_text(double serial, bool date1904, NumberShows shows) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958466) return std::nullopt;  // 9999-12-31
  double whole = std::floor(serial);
  long long seconds = std::llround((serial - whole) * 86400.0);
  if (seconds >= 86400) {
    whole += 1;
    seconds -= 86400;
  }
  const auto day = static_cast<std::int64_t>(whole);
  std::string out;
  if (shows == NumberShows::time && day == 0) {
    put_time(out, seconds);
    return out;
  }
  std::int64_t days_since_1970;
  if (date1904) {
    days_since_1970 = day - 24107;  // serial 0 is 1904-01-01
  } else {
    if (day == 60) return std::nullopt;  // 1900-02-29: Lotus's leap-year bug, kept by Excel
    if (day == 0) return std::nullopt;   // "1900-01-00"
    days_since_1970 = day < 60 ? day - 25568 : day - 25569;
  }
  const table::CivilDate c = table::civil_from_days(days_since_1970);
  put_digits(out, c.year, 4);
  out += '-';
  put_digits(out, c.month, 2);
  out += '-';
  put_digits(out, c.day, 2);
  if (shows == NumberShows::date && seconds == 0) return out;
  if (shows != NumberShows::number || seconds != 0) {
    out += 'T';
    put_time(out, seconds);
  }
  return out;
}

CellRef parse_cell_ref(std::string_view ref) {
  CellRef out;
  std::size_t i = 0;
  std::uint64_t column = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 4; ++i)
    column = column * 26 + static_cast<std::uint64_t>(ref[i] - 'A' + 1);
  if (i == 0) return out;
  std::uint64_t row = 0;
  const std::size_t digits = i;
  for (; i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && i - digits < 10; ++i)
    row = row * 10 + static_cast<std::uint64_t>(ref[i] - '0');
  if (i != ref.size()) return out;
  out.column = static_cast<std::uint32_t>(column - 1);
  out.row = row;
  out.valid = true;
  return out;
}

void unescape_ooxml(std::string& text) {
  std::size_t at = text.find("_x");
  if (at == std::string::npos) return;
  std::string out;
  std::size_t from = 0;
  for (; at != std::string::npos; at = text.find("_x", at)) {
    unsigned value = 0;
    bool hex = at + 7 <= text.size() && text[at + 6] == '_';
    for (std::size_t k = at + 2; hex && k < at + 6; ++k) {
      const char c = text[k];
      const int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
      if (d < 0)
        hex = false;
      else
        value = value * 16 + static_cast<unsigned>(d);
    }
    if (!hex) {
      at += 2;
      continue;
    }
    out.append(text, from, at - from);
    csv::append_utf8(out, value);
    at += 7;
    from = at;
  }
  out.append(text, from, std::string::npos);
  text = std::move(out);
}

}  // namespace ascolto::spreadsheet
