// The whole reading path for one file: bytes in chunks -> encoding ->
// dialect -> records. Buffers only the first bytes (to guess the dialect),
// then streams.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "csv/dialect.hpp"
#include "csv/encoding.hpp"
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

/// Receives the header (or empty names when the file has none) and rows.
class DataSink {
 public:
  virtual ~DataSink() = default;
  virtual void on_header(const std::vector<std::string_view>& names, std::uint64_t line) = 0;
  virtual void on_row(const std::vector<std::string_view>& fields, std::uint64_t line) = 0;
  /// About how many records the file holds, from its size and the lines
  /// read so far: before the first record, then again after each chunk as
  /// the estimate firms up (a hint to reserve memory once, not a promise).
  virtual void on_estimate(std::uint64_t /*records*/) {}
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

 private:
  class HeaderRouter : public RecordSink {
   public:
    HeaderRouter(DataSink& sink, const bool& has_header, const std::size_t& skip)
        : sink_(sink), has_header_(has_header), skip_(skip) {}
    void on_record(const std::vector<std::string_view>& fields, std::uint64_t line) override;
    void estimate(std::uint64_t records) { sink_.on_estimate(records); }
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
  void estimate_records();  // tells the sink, when the file's size is known
  void keep_first_lines(std::string_view sample);

  ReadOptions options_;
  HeaderRouter router_;
  FileInfo info_;
  std::string head_;  // raw bytes until the dialect is known
  bool started_ = false;
  std::optional<Utf8Transcoder> transcoder_;
  std::optional<Parser> parser_;
};

}  // namespace ascolto::csv
