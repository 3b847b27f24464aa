// The whole reading path for one file: bytes in chunks -> encoding ->
// dialect -> records. Buffers only the first bytes (to guess the dialect),
// then streams.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/workers.hpp"
#include "csv/dialect.hpp"
#include "csv/encoding.hpp"
#include "csv/parallel_parse.hpp"
#include "csv/parser.hpp"

namespace ascolto::csv {

/// Choices the user can force; what is not forced is guessed.
struct ReadOptions {
  std::optional<char> delimiter;
  std::optional<bool> header;
  std::optional<Encoding> encoding;
  std::size_t max_field_bytes = 64u << 20;
  std::size_t sniff_bytes = 64u << 10;  ///< how much is read before guessing
  std::uint64_t expected_bytes = 0;     ///< the file's size when known (0: unknown)
};

/// Rows of one width handed on together: the records [begin, end) of the
/// table's width that a range's thread kept (`records`: their fields column
/// by column, as codes or views, and their first bytes), row i on line lines[i] +
/// line_offset. Runs come only between the sink's on_stable_views(true)
/// and (false): their views stay valid until then.
struct RowRun {
  const RecordStore* records = nullptr;
  std::size_t begin = 0, end = 0;
  const std::uint64_t* lines = nullptr;
  std::uint64_t line_offset = 0;

  std::size_t width() const { return records->width(); }
  std::size_t size() const { return end - begin; }
  std::uint64_t line(std::size_t i) const { return lines[i] + line_offset; }
  /// The fields of row i.
  void row(std::size_t i, std::vector<std::string_view>& out) const {
    out.clear();
    for (std::size_t j = 0; j < width(); ++j) out.push_back(records->field(j, begin + i));
  }
  /// The run without its first row.
  RowRun rest() const {
    RowRun r = *this;
    ++r.begin;
    ++r.lines;
    return r;
  }
};

/// Receives the header (or empty names when the file has none) and rows.
class DataSink {
 public:
  virtual ~DataSink() = default;
  virtual void on_header(const std::vector<std::string_view>& names, std::uint64_t line) = 0;
  virtual void on_row(const std::vector<std::string_view>& fields, std::uint64_t line) = 0;
  /// Rows in order, as on_row would take them one by one (which is what it
  /// does unless the sink takes them faster in bulk).
  virtual void on_row_run(const RowRun& run) {
    std::vector<std::string_view> fields;
    for (std::size_t i = 0; i < run.size(); ++i) {
      run.row(i, fields);
      on_row(fields, run.line(i));
    }
  }
  /// Rows in order, as on_row would take them one by one (which is what
  /// it does unless the sink takes them faster in bulk): the records the
  /// parser made in place, with their views valid during the call.
  virtual void on_rows(const RecordBatch& rows);
  /// About how many records the file holds, from its size and the lines
  /// read so far: before the first record, then again after each chunk as
  /// the estimate firms up (a hint to reserve memory once, not a promise).
  virtual void on_estimate(std::uint64_t /*records*/) {}
  /// Between true and false, the views of the rows handed on stay valid
  /// (the records of a block read on several threads): the sink may keep
  /// them instead of copying, and must be done with them when it returns
  /// from on_stable_views(false).
  virtual void on_stable_views(bool /*stable*/) {}
};

/// What the reader decided, and why: it goes in the report as "file".
struct FileInfo {
  std::uint64_t bytes = 0;
  Encoding encoding = Encoding::utf8;
  std::string encoding_reason;
  std::uint64_t replaced_bytes = 0;  ///< bytes invalid in the encoding, read as Windows-1252
  char delimiter = ',';
  std::string delimiter_reason;
  bool header = true;
  std::string header_reason;
  std::string line_ending = "none";
  std::uint64_t lines = 0;
  std::uint64_t blank_lines = 0;
  std::uint64_t stray_quotes = 0;
  Preamble preamble;  ///< title, notes or blank records above the header, skipped
  /// The first lines of the file as text (for a report when no row can be
  /// used): at most kFirstLines, each cut at 200 bytes.
  std::vector<std::string> first_lines;
  static constexpr std::size_t kFirstLines = 5;
};

class Reader {
 public:
  Reader(ReadOptions options, DataSink& sink);

  Error feed(std::string_view bytes);
  Error finish();
  const FileInfo& info() const { return info_; }

  /// Threads to parse a large file with (see csv/parallel_parse.hpp): set
  /// before the first feed. Null or one thread: everything on the caller.
  void use_workers(core::Workers* workers) { workers_ = workers; }
  /// From how many bytes (the file's expected size) it is read in blocks
  /// on the workers, and how many bytes each thread parses at a time.
  void set_parallel(std::uint64_t min_bytes, std::size_t range_bytes) {
    parallel_min_bytes_ = min_bytes;
    range_bytes_ = std::max<std::size_t>(range_bytes, 1);
  }

 private:
  class HeaderRouter : public RecordSink {
   public:
    HeaderRouter(DataSink& sink, const bool& has_header, const std::size_t& skip)
        : sink_(sink), has_header_(has_header), skip_(skip) {}
    void on_record(const std::vector<std::string_view>& fields, std::uint64_t line) override;
    /// The batch's records in order: the preamble and header one by one.
    void on_records(const RecordBatch& batch) override;
    void estimate(std::uint64_t records) { sink_.on_estimate(records); }
    void stable_views(bool stable) { sink_.on_stable_views(stable); }
    /// The run's records in order: the preamble and header one by one.
    void on_run(RowRun run);
    std::uint64_t records() const { return records_; }

   private:
    DataSink& sink_;
    const bool& has_header_;
    const std::size_t& skip_;  // preamble records, before the header
    bool first_ = true;
    std::uint64_t records_ = 0;
  };

  Error start(bool at_end);  // guesses encoding and dialect from head_
  Error parse(std::string_view text);
  /// Parses what block_ holds up to its last line break (all of it at the
  /// end), on the workers when the cuts allow, and keeps the rest.
  Error parse_block(bool at_end);
  void estimate_records();  // tells the sink, when the file's size is known
  void keep_first_lines(std::string_view sample);

  ReadOptions options_;
  HeaderRouter router_;
  FileInfo info_;
  std::string head_;  // raw bytes until the dialect is known
  bool started_ = false;
  std::optional<Utf8Transcoder> transcoder_;
  std::optional<Parser> parser_;
  core::Workers* workers_ = nullptr;
  std::uint64_t parallel_min_bytes_ = 8u << 20;
  std::size_t range_bytes_ = 2u << 20;
  bool blocks_ = false;  // the text goes through block_, parsed on the workers
  std::string block_;
  std::vector<ParsedRange> ranges_;  // reused from block to block
  std::size_t width_ = 0;            // the header's (or first record's) fields, from the sample
};

}  // namespace ascolto::csv
