// A finished table and the sink that builds it from CSV records.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/warnings.hpp"
#include "core/workers.hpp"
#include "csv/reader.hpp"
#include "table/column.hpp"
#include "table/row_batch.hpp"

namespace ascolto::table {

/// Row accounting: read = used + rejected + footer, always (the records
/// after the header; the preamble above it is the reader's).
struct RowCounts {
  std::uint64_t read = 0;
  std::uint64_t used = 0;
  std::uint64_t rejected = 0;
  std::uint64_t footer = 0;  ///< total, source or notes lines below the data, skipped
};

/// One file of a dataset read from several files of the same shape.
struct Part {
  std::string name;
  RowCounts rows;
  std::string footer_first;
  std::uint64_t first_line = 1;  ///< lines of the dataset are numbered across its files
};

struct Table {
  std::vector<Column> columns;
  std::vector<Part> parts;  ///< the files read into the table, in order (one for a plain file)
  RowLines row_lines;       ///< input line of each row
  RowCounts rows;
  /// The records each row stands for: a cells file's count column (see
  /// cpp/cells/contract.hpp); empty for microdata, one record per row.
  std::vector<std::uint64_t> frequencies;
  /// Threads that appended and typed the columns (1: read on one thread).
  unsigned reading_threads = 1;

  bool aggregated() const { return !frequencies.empty(); }
  std::uint64_t frequency(std::size_t row) const {
    return frequencies.empty() ? 1 : frequencies[row];
  }
  /// The records the rows stand for: rows.used for microdata.
  std::uint64_t records() const;

  /// The first footer line's text, of the first file that has one.
  std::string_view footer_first() const;

  std::size_t row_count() const { return row_lines.size(); }
  /// The column with this exact name, or nullptr.
  const Column* find(std::string_view name) const;
};

struct TableLimits {
  std::size_t max_columns = 5000;
};

/// Builds a Table from the records of a csv::Reader. Rows of the wrong
/// width are rejected and reported with their line numbers; extra fields
/// that are all empty (a trailing delimiter) are tolerated and counted.
class TableBuilder : public csv::DataSink {
 public:
  explicit TableBuilder(Warnings& warnings, TableLimits limits = {})
      : warnings_(warnings), limits_(limits) {}
  ~TableBuilder() override;
  TableBuilder(const TableBuilder&) = delete;
  TableBuilder& operator=(const TableBuilder&) = delete;

  /// Threads to build the columns with: on a large file, accepted rows are
  /// batched and each batch is appended by the workers, one column each,
  /// while the reader parses the next (every column sees the same values
  /// in the same order as on one thread); columns are typed in parallel.
  /// Null or one thread: everything on the caller.
  void use_workers(core::Workers* workers) { workers_ = workers; }

  /// Starts the next file of the same dataset (the first part starts by
  /// itself). Its lines are numbered from `first_line` on; its header must
  /// be the first file's, or the file is refused (part_refused) and none of
  /// its rows is taken.
  void begin_part(std::string name, std::uint64_t first_line);
  /// The current part's header differs from the first file's.
  bool part_refused() const { return part_refused_; }
  /// Forgets the refused part: the dataset goes on with the parts before it.
  void drop_refused_part();

  void on_header(const std::vector<std::string_view>& names, std::uint64_t line) override;
  void on_row(const std::vector<std::string_view>& fields, std::uint64_t line) override;
  void on_estimate(std::uint64_t records) override;
  void on_stable_views(bool stable) override;
  /// Ordinary rows (see on_row) are taken in bulk; any other one by one.
  void on_row_run(const csv::RowRun& run) override;
  void on_rows(const csv::RecordBatch& rows) override;

  std::uint64_t rows_read() const { return rows_.read; }

  /// The column's numbers are written with a decimal point whatever the
  /// file's other columns say: a workbook stores them as numbers ("3.93"),
  /// so their text is never Italian. Its votes do not sway the others.
  void mark_point_decimal(std::size_t column);

  /// The first error met while building (too many columns), if any.
  const Error& error() const { return error_; }

  /// Types every column and returns the table; fails on a file without data.
  Error finish(const TypingOptions& options, Table& out);

 private:
  /// Makes room for more rows in every column at once: for the rows the
  /// reader expects (with 5% spare), or half as many again as there are.
  void grow_storage(std::uint64_t needed_rows = 0);
  /// Checks a row's width and stores it, or rejects it.
  void take_row(const std::vector<std::string_view>& fields, std::uint64_t line);
  /// Whether a row may start the footer: a total, source or notes line, or
  /// a narrow row of one text cell; blank rows continue a footer.
  bool footer_candidate(const std::vector<std::string_view>& fields) const;
  /// The held rows were not a footer after all: read them as rows.
  void release_held();
  /// Ends the current part: what is held is its footer; its counts are kept.
  void end_part();
  /// Takes rows [i, j) of a run, all ordinary: counted, lines kept, fields
  /// handed to the columns.
  void take_run(const csv::RowRun& run, std::size_t i, std::size_t j);
  /// The same for rows [i, j) of a parser's batch.
  void take_rows(const csv::RecordBatch& rows, std::size_t i, std::size_t j);
  /// Counts `n` ordinary rows and makes room for them.
  void count_ordinary(std::size_t n);
  /// Hands a row's fields to the columns: at once, or through a batch.
  void append_row(const std::string_view* fields);
  /// Starts the workers on the filled batch and fills the other meanwhile.
  void dispatch_batch();
  /// Appends every batched row; the columns are complete after it.
  void drain_batches();
  /// The "source_file" column of a dataset read from several files.
  Column source_column(const Table& table) const;

  static constexpr std::size_t kMaxFooterRows = 20;
  struct HeldRow {
    std::vector<std::string> fields;
    std::uint64_t line;
  };

  Warnings& warnings_;
  TableLimits limits_;
  Error error_;
  bool has_header_ = false;
  std::vector<std::string> names_;
  std::size_t trailing_unnamed_ = 0;       // empty names at the header's end (a trailing delimiter)
  std::vector<std::string_view> padded_;   // a row without the trailing delimiter, padded
  std::vector<std::string_view> run_row_;  // a row of a run taken one by one
  std::vector<HeldRow> held_;              // possible footer rows, not stored yet
  std::vector<std::string> header_;        // the first file's names, as written (trimmed)
  std::vector<Part> parts_;
  RowCounts part_start_;           // the totals when the current part began
  std::uint64_t line_offset_ = 0;  // added to the current part's lines
  bool part_refused_ = false;
  bool part_ended_ = false;  // the current part's counts and footer are taken
  std::vector<ColumnBuilder> builders_;
  std::vector<bool> point_decimal_;  // see mark_point_decimal
  RowLines row_lines_;
  std::uint64_t reserved_rows_ = 0;  // rows every column has room for
  RowCounts rows_;
  std::uint64_t expected_rows_ = 0;
  core::Workers* workers_ = nullptr;
  bool batched_ = false;         // rows go through batches_ (a large file, workers to append them)
  bool stable_views_ = false;    // the rows' views stay valid until on_stable_views(false)
  bool read_in_blocks_ = false;  // some rows came from blocks parsed on the workers
  RowBatch batches_[2];          // one filled by the reader while the workers append the other
  int filling_ = 0;
};

}  // namespace ascolto::table
