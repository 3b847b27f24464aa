// A CSV parser fed with UTF-8 text in chunks of any size (RFC 4180, with
// the leniency real exports need). It never sees the whole file: a quoted
// field, a CRLF pair or a record may be split across chunks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "csv/byte_scan.hpp"

namespace ascolto::csv {

struct Dialect {
  char delimiter = ',';
  char quote = '"';
};

/// Records handed on together, in order: record r has the fields
/// [starts[r], starts[r + 1]) of `fields` and starts on line lines[r].
struct RecordBatch {
  const std::string_view* fields = nullptr;
  const std::uint32_t* starts = nullptr;  // size + 1 entries
  const std::uint64_t* lines = nullptr;
  std::size_t size = 0;

  std::size_t width(std::size_t r) const { return starts[r + 1] - starts[r]; }
  const std::string_view* record(std::size_t r) const { return fields + starts[r]; }
  /// The fields of record r.
  void row(std::size_t r, std::vector<std::string_view>& out) const {
    out.assign(record(r), record(r) + width(r));
  }
  /// The batch from record r on.
  RecordBatch from(std::size_t r) const { return {fields, starts + r, lines + r, size - r}; }
};

/// Receives each complete record. The views are valid only during the call.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  /// `line` is the 1-based physical line on which the record starts.
  virtual void on_record(const std::vector<std::string_view>& fields, std::uint64_t line) = 0;
  /// Records in order, as on_record would take them one by one (which is
  /// what it does unless the sink takes them faster together).
  virtual void on_records(const RecordBatch& batch);
};

/// How lines end in the input, counted between records (not inside quotes).
struct LineEndCounts {
  std::uint64_t crlf = 0, lf = 0, cr = 0;
  /// "crlf", "lf", "cr", "mixed" or "none".
  const char* name() const;
};

class Parser {
 public:
  explicit Parser(Dialect dialect, std::size_t max_field_bytes = 64u << 20);

  /// Parses one chunk, calling `sink` for each record it completes.
  Error feed(std::string_view text, RecordSink& sink);

  /// Ends the input: emits a last record without line break; fails if a
  /// quoted field is still open.
  Error finish(RecordSink& sink);

  std::uint64_t blank_lines() const { return blank_lines_; }
  std::uint64_t stray_quotes() const { return stray_quotes_; }
  /// Lines seen so far (a last line without line break counts).
  std::uint64_t lines() const { return line_; }
  const LineEndCounts& line_ends() const { return line_ends_; }

  /// Nothing of a record is pending: the input may be cut here and the
  /// rest parsed by a fresh Parser (a range read on another thread).
  bool at_record_boundary() const {
    return state_ == State::field_start && !record_started_ && !skip_lf_;
  }
  /// Starts again on line 1 with nothing read, keeping the buffers it grew.
  void restart();
  /// Takes on the counts (lines, blank lines, stray quotes, line ends) of a
  /// fresh Parser that read the text right after this one's, from a record
  /// boundary to just after a line break.
  void add_counts(const Parser& next);

 private:
  enum class State : std::uint8_t { field_start, unquoted, quoted, quoted_quote };

  void end_field() { field_ends_.push_back(row_.size()); }
  void end_record(RecordSink& sink);
  /// Parses one record lying whole in [p, end) without copying into the
  /// batch; returns where the next record starts, or nullptr (nothing
  /// changed) when the record continues past `end` or needs the lenient
  /// state machine.
  const char* parse_record_in_place(const char* p, const char* end, StructuralCursor& structurals,
                                    RecordSink& sink);
  /// Hands the batched records to the sink (before any record the state
  /// machine makes, and at the end of each chunk, whose views they are).
  void flush_batch(RecordSink& sink);
  void grow_batch_fields();
  Error check_field_size() const;
  void count_quoted_line_breaks(const char* begin, const char* end);

  Dialect dialect_;
  std::size_t max_field_bytes_;
  ByteScan scan_;  // the bytes that end an unquoted run (delimiter, quote, CR, LF)

  State state_ = State::field_start;
  bool skip_lf_ = false;         // a record ended with CR: a following LF belongs to it
  bool last_was_cr_ = false;     // inside quotes: the previous byte was CR
  bool record_started_ = false;  // the current record has at least one byte
  std::uint64_t line_ = 1;
  std::uint64_t record_line_ = 1;
  std::uint64_t quote_line_ = 0;  // where the open quoted field began
  std::uint64_t blank_lines_ = 0;
  std::uint64_t stray_quotes_ = 0;
  LineEndCounts line_ends_;

  std::string row_;                      // the fields of the current record, concatenated
  std::vector<std::size_t> field_ends_;  // end offset of each completed field in row_
  std::vector<std::string_view> views_;  // reused for the sink
  // Records parsed in place, handed on together: one call into the sink per
  // batch, and the table appends them a column at a time while in cache.
  static constexpr std::size_t kBatchRecords = 512;
  // A buffer: its first batch_starts_.back() views are the batch's fields.
  std::vector<std::string_view> batch_fields_;
  std::vector<std::uint32_t> batch_starts_{0};
  std::vector<std::uint64_t> batch_lines_;
  std::string scratch_;  // unescaped quoted fields of the batch (capacity >= chunk)
};

}  // namespace ascolto::csv
