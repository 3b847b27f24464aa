#include "table/canonical_text.hpp"

#include <cmath>
#include <cstdio>

#include "table/value_parse.hpp"

namespace ascolto::table {

namespace {

bool digits(std::string_view s, std::size_t from, std::size_t count) {
  for (std::size_t i = from; i < from + count; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

int number_at(std::string_view s, std::size_t from, std::size_t count) {
  int value = 0;
  for (std::size_t i = from; i < from + count; ++i) value = value * 10 + (s[i] - '0');
  return value;
}

bool valid_date(std::string_view s) {
  return s[4] == '-' && s[7] == '-' && digits(s, 0, 4) && digits(s, 5, 2) && digits(s, 8, 2) &&
         number_at(s, 0, 4) >= 1 &&
         days_from_civil(number_at(s, 0, 4), number_at(s, 5, 2), number_at(s, 8, 2));
}

}  // namespace

CanonicalShape canonical_shape(std::string_view s) {
  if (s.empty()) return CanonicalShape::none;
  if (s.size() == 10 && valid_date(s)) return CanonicalShape::date;
  if (s.size() == 19 && (s[10] == 'T' || s[10] == ' ') && valid_date(s) && s[13] == ':' &&
      s[16] == ':' && digits(s, 11, 2) && digits(s, 14, 2) && digits(s, 17, 2) &&
      number_at(s, 11, 2) < 24 && number_at(s, 14, 2) < 60 && number_at(s, 17, 2) < 60)
    return s[10] == 'T' ? CanonicalShape::datetime_t : CanonicalShape::datetime_space;
  // Integers exactly representable in a double, written without a leading
  // zero or plus sign: 15 digits at most, "-0" excluded.
  const std::size_t sign = s[0] == '-' ? 1 : 0;
  const std::size_t length = s.size() - sign;
  if (length == 0 || length > 15 || !digits(s, sign, length)) return CanonicalShape::none;
  if (s[sign] == '0' && (length > 1 || sign)) return CanonicalShape::none;
  return CanonicalShape::integer;
}

double canonical_value(std::string_view s, CanonicalShape shape) {
  switch (shape) {
    case CanonicalShape::integer: {
      const bool negative = s[0] == '-';
      double value = 0;
      for (std::size_t i = negative; i < s.size(); ++i) value = value * 10 + (s[i] - '0');
      return negative ? -value : value;
    }
    case CanonicalShape::date:
      return static_cast<double>(
          *days_from_civil(number_at(s, 0, 4), number_at(s, 5, 2), number_at(s, 8, 2)));
    case CanonicalShape::datetime_t:
    case CanonicalShape::datetime_space: {
      const auto days =
          *days_from_civil(number_at(s, 0, 4), number_at(s, 5, 2), number_at(s, 8, 2));
      return static_cast<double>(days) * 86400.0 + number_at(s, 11, 2) * 3600.0 +
             number_at(s, 14, 2) * 60.0 + number_at(s, 17, 2);
    }
    case CanonicalShape::none:
      break;
  }
  return std::nan("");
}

void render_canonical(double value, CanonicalShape shape, std::string& out) {
  char buffer[48];
  switch (shape) {
    case CanonicalShape::integer:
      std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(value));
      out += buffer;
      return;
    case CanonicalShape::date:
      out += format_date(static_cast<std::int64_t>(value));
      return;
    case CanonicalShape::datetime_t:
    case CanonicalShape::datetime_space: {
      const double days = std::floor(value / 86400.0);
      const auto seconds = static_cast<int>(value - days * 86400.0);
      out += format_date(static_cast<std::int64_t>(days));
      std::snprintf(buffer, sizeof buffer, "%c%02d:%02d:%02d",
                    shape == CanonicalShape::datetime_t ? 'T' : ' ', seconds / 3600,
                    seconds / 60 % 60, seconds % 60);
      out += buffer;
      return;
    }
    case CanonicalShape::none:
      return;
  }
}

}  // namespace ascolto::table
