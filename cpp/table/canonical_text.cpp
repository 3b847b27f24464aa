#include "table/canonical_text.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

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

// "yyyy-mm-dd" at the start of `s` (at least 10 bytes): a valid day from year 1.
std::optional<std::int64_t> iso_days(std::string_view s) {
  if (s[4] != '-' || s[7] != '-' || !digits(s, 0, 4) || !digits(s, 5, 2) || !digits(s, 8, 2))
    return {};
  const int year = number_at(s, 0, 4);
  if (year < 1) return {};
  return days_from_civil(year, number_at(s, 5, 2), number_at(s, 8, 2));
}

// "hh:mm:ss" at offset 11 of a 19-byte timestamp: seconds since midnight, or -1.
int time_seconds(std::string_view s) {
  if (s[13] != ':' || s[16] != ':' || !digits(s, 11, 2) || !digits(s, 14, 2) || !digits(s, 17, 2))
    return -1;
  const int h = number_at(s, 11, 2), m = number_at(s, 14, 2), sec = number_at(s, 17, 2);
  if (h >= 24 || m >= 60 || sec >= 60) return -1;
  return h * 3600 + m * 60 + sec;
}

// Integers exactly representable in a double, written without a leading
// zero or plus sign: 15 digits at most, "-0" excluded.
std::optional<double> canonical_integer(std::string_view s) {
  if (s.empty()) return {};
  const bool negative = s[0] == '-';
  const std::size_t length = s.size() - negative;
  if (length == 0 || length > 15) return {};
  if (s[negative] == '0' && (length > 1 || negative)) return {};
  std::int64_t value = 0;
  for (std::size_t i = negative; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return {};
    value = value * 10 + (s[i] - '0');
  }
  return static_cast<double>(negative ? -value : value);
}

// The 10 bytes of a date compared as two loads (memcmp is a call in WASM).
bool same_date(const char* a, const char* b) {
  std::uint64_t a8, b8;
  std::uint16_t a2, b2;
  std::memcpy(&a8, a, 8);
  std::memcpy(&b8, b, 8);
  std::memcpy(&a2, a + 8, 2);
  std::memcpy(&b2, b + 8, 2);
  return a8 == b8 && a2 == b2;
}

}  // namespace

std::optional<std::int64_t> CanonicalReader::days_of(std::string_view date) {
  if (has_last_ && same_date(date.data(), last_date_)) return last_days_;
  const auto days = iso_days(date);
  if (days) {
    std::memcpy(last_date_, date.data(), sizeof last_date_);
    last_days_ = *days;
    has_last_ = true;
  }
  return days;
}

template <CanonicalShape kShape>
[[gnu::always_inline]] inline std::optional<double> CanonicalReader::read_as(std::string_view s) {
  if constexpr (kShape == CanonicalShape::integer) {
    return canonical_integer(s);
  } else if constexpr (kShape == CanonicalShape::date) {
    if (s.size() != 10) return {};
    if (const auto days = days_of(s)) return static_cast<double>(*days);
    return {};
  } else if constexpr (kShape == CanonicalShape::datetime_t ||
                       kShape == CanonicalShape::datetime_space) {
    constexpr char separator = kShape == CanonicalShape::datetime_t ? 'T' : ' ';
    if (s.size() != 19 || s[10] != separator) return {};
    const int seconds = time_seconds(s);
    if (seconds < 0) return {};
    if (const auto days = days_of(s)) return static_cast<double>(*days) * 86400.0 + seconds;
    return {};
  } else {
    return {};
  }
}

std::optional<double> CanonicalReader::read(std::string_view s) {
  switch (shape_) {
    case CanonicalShape::integer:
      return read_as<CanonicalShape::integer>(s);
    case CanonicalShape::date:
      return read_as<CanonicalShape::date>(s);
    case CanonicalShape::datetime_t:
      return read_as<CanonicalShape::datetime_t>(s);
    case CanonicalShape::datetime_space:
      return read_as<CanonicalShape::datetime_space>(s);
    case CanonicalShape::none:
      break;
  }
  return {};
}

template <CanonicalShape kShape>
std::size_t CanonicalReader::read_column_as(const std::string_view* fields, std::size_t stride,
                                            std::size_t rows, double* out) {
  for (std::size_t row = 0; row < rows; ++row) {
    const std::string_view s = fields[row * stride];
    if (s.empty()) {
      out[row] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    const std::optional<double> value = read_as<kShape>(s);
    if (!value) return row;
    out[row] = *value;
  }
  return rows;
}

std::size_t CanonicalReader::read_column(const std::string_view* fields, std::size_t stride,
                                         std::size_t rows, double* out) {
  switch (shape_) {
    case CanonicalShape::integer:
      return read_column_as<CanonicalShape::integer>(fields, stride, rows, out);
    case CanonicalShape::date:
      return read_column_as<CanonicalShape::date>(fields, stride, rows, out);
    case CanonicalShape::datetime_t:
      return read_column_as<CanonicalShape::datetime_t>(fields, stride, rows, out);
    case CanonicalShape::datetime_space:
      return read_column_as<CanonicalShape::datetime_space>(fields, stride, rows, out);
    case CanonicalShape::none:
      break;
  }
  return 0;
}

CanonicalShape canonical_shape(std::string_view s) {
  for (CanonicalShape shape : {CanonicalShape::date, CanonicalShape::datetime_t,
                               CanonicalShape::datetime_space, CanonicalShape::integer})
    if (CanonicalReader(shape).read(s)) return shape;
  return CanonicalShape::none;
}

double canonical_value(std::string_view s, CanonicalShape shape) {
  return CanonicalReader(shape).read(s).value_or(std::nan(""));
}

CanonicalShape common_canonical_shape(const core::StringIndex& keys) {
  CanonicalShape shape = CanonicalShape::none;
  for (std::uint32_t code = 0; code < keys.size(); ++code) {
    const std::string_view key = keys.key(code);
    if (key.empty()) continue;
    const CanonicalShape s = canonical_shape(key);
    if (s == CanonicalShape::none || (shape != CanonicalShape::none && s != shape))
      return CanonicalShape::none;
    shape = s;
  }
  return shape;
}

void render_canonical(double value, CanonicalShape shape, std::string& out) {
  if (std::isnan(value)) return;
  char buffer[48];
  switch (shape) {
    case CanonicalShape::integer: {
      const auto end = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(value));
      out.append(buffer, end.ptr);
      return;
    }
    case CanonicalShape::date:
      append_date(static_cast<std::int64_t>(value), out);
      return;
    case CanonicalShape::datetime_t:
    case CanonicalShape::datetime_space: {
      const double days = std::floor(value / 86400.0);
      const auto seconds = static_cast<unsigned>(value - days * 86400.0);  // 0 to 86,399
      append_date(static_cast<std::int64_t>(days), out);
      buffer[0] = shape == CanonicalShape::datetime_t ? 'T' : ' ';
      put_digits(buffer + 1, seconds / 3600, 2);
      buffer[3] = ':';
      put_digits(buffer + 4, seconds / 60 % 60, 2);
      buffer[6] = ':';
      put_digits(buffer + 7, seconds % 60, 2);
      out.append(buffer, 9);
      return;
    }
    case CanonicalShape::none:
      return;
  }
}

}  // namespace ascolto::table
