// The columnar table: one typed vector per column, built while the CSV
// streams in, so later reports filter and aggregate without re-reading.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/string_index.hpp"
#include "table/byte_buffer.hpp"
#include "table/canonical_text.hpp"
#include "table/code_vector.hpp"
#include "table/row_lines.hpp"
#include "table/value_parse.hpp"

namespace ascolto::table {

enum class ColumnType : std::uint8_t {
  empty,        ///< every value missing
  boolean,      ///< 0/1, sì/no, yes/no, true/false: stored as 0 and 1
  integer,      ///< whole numbers
  decimal,      ///< numbers with a fractional part
  date,         ///< stored as days since 1970-01-01
  datetime,     ///< stored as seconds since 1970-01-01 00:00 (local time as written)
  month,        ///< a period "10/2023": stored as year * 12 + month - 1
  categorical,  ///< dictionary codes into `labels`
  text,         ///< free text
};

const char* column_type_name(ColumnType type);
bool is_numeric_type(ColumnType type);  ///< stored in `numbers`

/// A finished column. Exactly one storage is used, by `type`:
/// numbers (NaN = missing), codes + labels, or text.
struct Column {
  std::string name;
  ColumnType type = ColumnType::empty;
  std::vector<double> numbers;
  CodeVector codes;  ///< kMissingCode for a missing cell
  std::vector<std::string> labels;
  ByteBuffer text_bytes;
  std::vector<std::uint64_t> text_ends;

  std::uint64_t missing = 0;                 ///< missing tokens and empty cells
  std::uint64_t invalid = 0;                 ///< values that did not fit the type (kept as missing)
  std::vector<std::uint64_t> invalid_lines;  ///< the first lines with such values
  std::string invalid_example;               ///< the first such value
  std::string format;       ///< how values are written: "decimal ','", "dd/mm/yyyy", ...
  std::string type_reason;  ///< why this type was chosen
  bool ambiguous_dates = false;
  bool percent = false;      ///< values were percentages ("62,5%"), stored as shares (0.625)
  bool in_words = false;     ///< dates or stars written in words: an engine holds them as text
  bool source_file = false;  ///< the file each row came from (a combined dataset), not data
  /// Its numbers read two ways ("173.376") and nothing in the file tells
  /// which: how they were read is a guess, said in a warning.
  bool number_format_assumed = false;

  std::size_t size() const;
  bool is_missing(std::size_t row) const;
  /// The text of a categorical or text cell (empty when missing).
  std::string_view text(std::size_t row) const;
  /// The day (days since 1970-01-01) of a date or datetime cell: a whole
  /// number, NaN when missing.
  double day(std::size_t row) const {
    const double v = numbers[row];
    return type == ColumnType::datetime ? std::floor(v / 86400.0) : v;
  }
};

/// A row without a day in day_numbers().
constexpr std::int32_t kNoDay = std::numeric_limits<std::int32_t>::min();

/// Every row's day of a date or datetime column (Column::day), kNoDay when
/// missing, for reports that walk the rows by day several times. Parsed
/// dates have four-digit years, so a day fits in 32 bits.
std::vector<std::int32_t> day_numbers(const Column& date);

struct TypingOptions {
  std::vector<std::string> missing_tokens = default_missing_tokens();  ///< lowercase
  /// The decimal mark set in the configuration for the whole file, and per
  /// column (',' or '.'; 0: read from the values).
  char forced_decimal = 0;
  std::vector<std::pair<std::string, char>> column_decimal;
  /// Why a forced mark holds, for the column's type_reason.
  std::string forced_decimal_reason = "the decimal mark is set in the configuration";
  /// The file's decimal mark as decided from all its columns (see
  /// number_format.hpp), for columns whose values read two ways
  /// ("173.376"); 0 when no column tells.
  char file_decimal = 0;
  std::string file_decimal_reason;
  char delimiter = ',';  ///< of the file: a ';' file is Italian when nothing else tells

  /// The decimal mark forced for this column, or 0.
  char forced_decimal_of(const std::string& column) const;
};

/// What a column's values say of the decimal mark (see decimal_evidence):
/// counts over its distinct values (or a sample of its cells).
struct DecimalVotes {
  std::uint64_t filled = 0, numbers = 0;
  std::uint64_t comma = 0, point = 0, ambiguous = 0;
  std::string example;  ///< the first value with evidence
};

/// Accumulates the raw cells of one column. Low-cardinality columns are
/// dictionary-encoded as they arrive (each distinct value parsed once at
/// the end); a column with mostly distinct values switches to a compact
/// text store.
class ColumnBuilder {
 public:
  void append(std::string_view value) {
    switch (mode_) {
      case Mode::text:
        append_text(value);
        return;
      case Mode::numbers:
        append_number(value);
        return;
      case Mode::dictionary:
        // (Checking for a repeat of the previous cell first cost more than
        // it saved on unsorted exports.)
        push_code(dictionary_.intern(value));
        return;
    }
  }
  /// Appends fields[0], fields[stride], ... (`rows` of them): a column of
  /// rows given row by row, or of a column's own vector (stride 1).
  void append_strided(const std::string_view* fields, std::size_t stride, std::size_t rows) {
    std::size_t row = 0;
    // Most columns stay dictionaries, and a timestamp or id column is read
    // as numbers: their loops have no switch on the mode. A dictionary's
    // codes are interned into a block, then appended at once: a code
    // stored into the byte-wide vector at each cell may alias any field
    // (a char store), so the dictionary's fields were loaded again at
    // every cell.
    while (row < rows && mode_ == Mode::dictionary) {
      std::uint32_t block[kBlockRows];
      // Up to the next multiple of kBlockRows codes, as push_code tests.
      const std::size_t n = std::min(rows - row, kBlockRows - codes_.size() % kBlockRows);
      for (std::size_t i = 0; i < n; ++i) block[i] = dictionary_.intern(fields[(row + i) * stride]);
      codes_.append(block, n);
      row += n;
      if (mostly_distinct()) leave_dictionary();
    }
    while (row < rows && mode_ == Mode::numbers) {
      double block[kBlockRows];
      const std::size_t n = std::min(rows - row, kBlockRows);
      const std::size_t read = canonical_.read_column(fields + row * stride, stride, n, block);
      numbers_.insert(numbers_.end(), block, block + read);
      row += read;
      if (read < n) leave_numbers(fields[row++ * stride]);  // not canonical: text from here
    }
    for (; row < rows; ++row) append(fields[row * stride]);
  }
  /// Appends `rows` values given as codes into `keys` (a range's own
  /// dictionary): the same as appending the keys, each interned once at
  /// its first row.
  void append_coded(const core::StringIndex& keys, const std::uint8_t* codes, std::size_t rows);
  /// Appends `rows` values given as the numbers canonical text of `shape`
  /// reads as (NaN for an empty cell): the same as appending their text.
  void append_canonical(CanonicalShape shape, const double* values, std::size_t rows);
  /// Room for `rows` cells in the storage of the current mode.
  void reserve(std::size_t rows);
  /// What the values say of the decimal mark (nothing for canonical numbers).
  DecimalVotes decimal_votes(const TypingOptions& options) const;
  std::size_t size() const {
    return mode_ == Mode::text      ? ends_.size()
           : mode_ == Mode::numbers ? numbers_.size()
                                    : codes_.size();
  }

  /// Chooses the type and converts. `row_lines` maps rows to input lines,
  /// for reporting values that do not fit.
  Column finish(std::string name, const RowLines& row_lines, const TypingOptions& options);

 private:
  enum class Mode : std::uint8_t {
    dictionary,  ///< codes_ into dictionary_
    numbers,     ///< numbers_ read by canonical_ (their text rebuildable exactly)
    text,        ///< bytes_ and ends_
  };
  /// A dictionary code appended; the dictionary is left for mostly
  /// distinct values.
  void push_code(std::uint32_t code) {
    codes_.push_back(code);
    if (mostly_distinct()) leave_dictionary();
  }
  // Cells append_strided handles at once; the dictionary is tested every
  // kBlockRows codes for mostly distinct values.
  static constexpr std::size_t kBlockRows = 256;
  // Mostly distinct values (comments, identifiers, timestamps): hashing
  // them buys nothing.
  bool mostly_distinct() const {
    return dictionary_.size() > 256 && dictionary_.size() * 2 > codes_.size() &&
           codes_.size() % kBlockRows == 0;
  }
  /// A cell of a column read as numbers; text from there on when it is not
  /// canonical text of the column's shape.
  void append_number(std::string_view value) {
    double number;
    if (canonical_.read_column(&value, 1, 1, &number) == 1)
      numbers_.push_back(number);
    else
      leave_numbers(value);
  }
  /// `value` broke the column's pattern: rebuild the text so far, exactly,
  /// and go on as text from it.
  void leave_numbers(std::string_view value) {
    numbers_to_text();
    append_text(value);
  }
  void append_text(std::string_view value) {
    bytes_.append(value);
    ends_.push_back(bytes_.size());
  }
  void leave_dictionary();
  void switch_to_text();
  void numbers_to_text();

  Mode mode_ = Mode::dictionary;
  core::StringIndex dictionary_;
  std::vector<double> numbers_;
  CanonicalReader canonical_;  // the shape of numbers_
  CodeVector codes_;
  ByteBuffer bytes_;
  std::vector<std::uint64_t> ends_;
};

}  // namespace ascolto::table
