// Cells whose text is the one canonical rendering of a number: integers
// ("-42", no leading zeros), ISO dates ("2023-10-31") and ISO timestamps
// ("2023-10-31T08:15:30", or with a space). A column of such cells is kept
// as numbers while it loads, and its text can be rebuilt byte for byte if a
// later cell breaks the pattern: identifiers and timestamps, the largest
// columns of machine exports, never need a text store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/string_index.hpp"

namespace ascolto::table {

enum class CanonicalShape : std::uint8_t { none, integer, date, datetime_t, datetime_space };

/// The shape of `text` if it is canonical, else none.
CanonicalShape canonical_shape(std::string_view text);

/// The one shape of every key of a column's dictionary (empty keys aside),
/// or none if a key is not canonical or two differ: whether the column
/// can be kept as numbers.
CanonicalShape common_canonical_shape(const core::StringIndex& keys);

/// The stored number of canonical `text`: the integer, days since 1970-01-01,
/// or seconds since 1970-01-01 00:00.
double canonical_value(std::string_view text, CanonicalShape shape);

/// Appends the text `value` was read from; nothing for NaN (an empty cell).
void render_canonical(double value, CanonicalShape shape, std::string& out);

/// Reads the cells of a column of one shape, checking and converting each
/// in a single pass. The day of the last date is remembered: timestamps of
/// one day follow each other in exports, and their day is not worked out
/// again.
class CanonicalReader {
 public:
  explicit CanonicalReader(CanonicalShape shape = CanonicalShape::none) : shape_(shape) {}
  CanonicalShape shape() const { return shape_; }
  /// The stored number of `text` if it is canonical text of this shape.
  std::optional<double> read(std::string_view text);
  /// Reads fields[0], fields[stride], ... (`rows` of them) into `out`, NaN
  /// for an empty field, up to the first that is not canonical text of
  /// this shape: how many were read. One switch on the shape for the lot,
  /// and no call a cell (a column's timestamps cost 12 ns a cell in WASM
  /// read one by one).
  std::size_t read_column(const std::string_view* fields, std::size_t stride, std::size_t rows,
                          double* out);

 private:
  std::optional<std::int64_t> days_of(std::string_view date);
  template <CanonicalShape kShape>
  std::optional<double> read_as(std::string_view text);
  template <CanonicalShape kShape>
  std::size_t read_column_as(const std::string_view* fields, std::size_t stride, std::size_t rows,
                             double* out);

  CanonicalShape shape_;
  bool has_last_ = false;
  char last_date_[10] = {};  // "yyyy-mm-dd" of last_days_
  std::int64_t last_days_ = 0;
};

}  // namespace ascolto::table
