// Parsing one block of a large file on several threads. The block is cut
// into ranges just after line breaks; each range is parsed by a fresh
// Parser into its own RecordStore. A cut may fall inside a quoted field
// (a line break in a comment): the range before it then ends inside a
// record, which its parser tells, and the block is parsed on one thread
// instead. Ranges that all end on a record boundary were cut where the
// one-thread parse would have been between records, so their records,
// handed on in order, are the same records on the same lines.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/string_index.hpp"
#include "core/text_arena.hpp"
#include "core/workers.hpp"
#include "csv/parser.hpp"
#include "table/canonical_text.hpp"

namespace ascolto::csv {

/// A column of a range's records as dictionary codes, made by the thread
/// that parsed the range while the fields were in its cache: the distinct
/// values in the order they first appear, and each record's code. Kept
/// while the range's column has at most 256 distinct values (applications,
/// channels, ratings); past that, `coded` is false and views serve. While
/// coded, the codes are the column's only store: a million views of the
/// same few values would be written for nothing (most of a range's work).
struct CodedColumn {
  static constexpr std::size_t kMaxKeys = 256;
  core::StringIndex keys;
  std::vector<std::uint8_t> codes;  // by record of the table's width
  bool coded = true;

  void clear() {
    keys.clear();
    codes.clear();
    coded = true;
  }
  /// Codes `field`; false when it is one value too many (the column is
  /// no longer coded, and its code not kept).
  bool add(std::string_view field) {
    const std::uint32_t code = keys.intern(field);
    if (code >= kMaxKeys) {
      coded = false;
      return false;
    }
    codes.push_back(static_cast<std::uint8_t>(code));
    return true;
  }
};

/// A column of a range's records past its 256th value whose every cell is
/// empty or canonical text of one shape (timestamps, identifiers: see
/// table/canonical_text.hpp), kept as the numbers the table will store,
/// read by the thread that parsed the range. Empty cells are NaN. The first
/// cell that does not read ends it: the column goes on as views, and the
/// numbers so far are rendered back to their exact text.
struct NumberColumn {
  table::CanonicalReader reader;
  std::vector<double> values;  // by record of the table's width

  table::CanonicalShape shape() const { return reader.shape(); }
};

/// One column of a range's records, in the first of its stores that holds
/// it. Aligned to a cache line: the stores of two ranges, written on two
/// threads at every record, must not share one (WASM's allocator puts
/// the threads' allocations side by side).
struct alignas(64) KeptColumn {
  CodedColumn coded;
  NumberColumn numbers;  // shape none unless the column is kept so
  std::vector<std::string_view> views;
};

/// The records of one range, kept until they are handed on in order.
/// Records of the table's width (nearly all) are kept column by column, so
/// that they are handed on as runs and appended one column per thread:
/// as codes while the column is coded, then as numbers while it reads as
/// such, else as views; the others are kept whole, at their place. A field
/// lying in the block is kept as a view of it; one the parser built (an unescaped quoted field) is
/// copied to storage that never moves.
class RecordStore : public RecordSink {
 public:
  /// Empties the store for the records of `block`, keeping its memory.
  void reset(std::string_view block, std::size_t width);
  void on_record(const std::vector<std::string_view>& fields, std::uint64_t line) override;
  void on_records(const RecordBatch& batch) override;

  /// A record not of the table's width, at its place among all records.
  struct Odd {
    std::size_t record;
    std::size_t first, count;  // its fields in odd_fields()
  };
  std::size_t size() const { return lines_.size(); }
  const std::vector<std::uint64_t>& lines() const { return lines_; }
  /// The table's width: the columns of the records kept column by column.
  std::size_t width() const { return columns_.size(); }
  /// Column j as codes: its only store while `coded`.
  const CodedColumn& coded(std::size_t j) const { return columns_[j].coded; }
  /// Column j as numbers, when not coded and its shape is not none.
  const NumberColumn& numbers(std::size_t j) const { return columns_[j].numbers; }
  /// Column j as views, one a record of the table's width, when neither.
  const std::string_view* views(std::size_t j) const { return columns_[j].views.data(); }
  /// Field j of the table-width record r, however it is kept (a number is
  /// rendered back to its text, kept until the store is reset).
  std::string_view field(std::size_t j, std::size_t r) const;
  /// The first byte of each such record's first field ('\0' when empty),
  /// so that the rows can be told ordinary without going back to the text.
  const std::vector<char>& first_bytes() const { return first_bytes_; }
  const std::vector<Odd>& odd() const { return odd_; }
  const std::vector<std::string_view>& odd_fields() const { return odd_fields_; }

 private:
  std::string_view keep(std::string_view field);
  void add(const std::string_view* fields, std::size_t count, std::uint64_t line);
  /// Column j, coded until now, goes on as numbers if its keys allow it.
  void leave_codes(std::size_t j);
  /// Column j, numbers until now, goes on as views of their text.
  void numbers_to_views(std::size_t j);

  std::string_view block_;
  std::vector<KeptColumn> columns_;
  std::vector<char> first_bytes_;     // one a record of the table's width
  std::vector<std::uint64_t> lines_;  // of every record
  std::vector<Odd> odd_;
  std::vector<std::string_view> odd_fields_;
  core::TextArena copies_;            // fields the parser built, numbers rendered back
  mutable core::TextArena rendered_;  // numbers rendered for field()
};

// Aligned for the same reason as KeptColumn: a range's parser and store
// are written at every record.
struct alignas(64) ParsedRange {
  std::optional<Parser> parser;  // its counts, to add to the file's
  RecordStore records;
  bool whole = false;  // ended on a record boundary, without error
};

/// Parses `block` (starting on a record boundary, ending just after a line
/// break) in up to `ranges` ranges on `workers`. `out` is reused from block
/// to block, so that its memory is not asked for again each time. Returns
/// how many of `out` hold the block's ranges; 0 when a cut fell inside a
/// record or a range failed (a field too large): nothing is kept,
/// and the caller parses the block on one thread, which also reports any
/// error where it belongs.
std::size_t parse_ranges(std::string_view block, Dialect dialect, std::size_t max_field_bytes,
                         std::size_t width, std::size_t ranges, core::Workers& workers,
                         std::vector<ParsedRange>& out);

}  // namespace ascolto::csv
