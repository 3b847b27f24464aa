// The core's one coarse entry point: datasets fed as byte chunks, then a
// report request (JSON) answered with report JSON. The CLI and the WASM
// binding are thin adapters over this class. No method throws.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/workers.hpp"
#include "report/config.hpp"
#include "spreadsheet/workbook.hpp"

namespace ascolto::report {

class Workspace {
 public:
  Workspace();
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  /// Sets the configuration for the datasets that follow (JSON text; empty
  /// for defaults).
  Error configure(std::string_view config_json);

  /// How many threads read the datasets that follow (the caller's
  /// included; 0: every hardware thread, up to 8). One thread is the default; a
  /// build without thread support always uses one. A file's facts say how
  /// many read it ("threads").
  void set_threads(unsigned threads);
  /// From what size a file is read on the threads, and in what ranges (the
  /// defaults suit real files; tests lower them to read small files so).
  struct ParallelReading {
    std::uint64_t min_bytes = 8u << 20;  ///< the file's expected size
    std::size_t range_bytes = 2u << 20;  ///< bytes parsed by each thread at a time
  };
  void set_parallel_reading(ParallelReading when) { parallel_ = when; }
  unsigned threads() const { return workers_->threads(); }

  /// Starts a new dataset; the previous one must be finished. The size of
  /// the file, when known, lets the reader reserve memory once. `reading`
  /// is a JSON object of configuration keys for this dataset only, over the
  /// workspace's: a caller that converted a typed format (Parquet) to CSV
  /// says how it wrote it, e.g. {"delimiter": ",", "decimal": ".",
  /// "source_format": "parquet"}, so that no number is guessed.
  Error begin_dataset(std::string name, std::uint64_t expected_bytes = 0,
                      std::string_view reading = {});
  /// Ends the dataset being read with `error` (a reader outside the core,
  /// such as the Parquet one in JS, could not go on): it stays in the
  /// report with its error and how far it was read.
  Error fail_dataset(Error error);
  /// Starts the next file of the current dataset: files of one shape (the
  /// same header) read as one table, with a "source_file" column.
  Error append_to_dataset(std::string name, std::uint64_t expected_bytes = 0);
  /// Ends the current file of the dataset (call it after its last bytes,
  /// before append_to_dataset or finish_dataset): different_header when
  /// its columns are not the first file's (the file is left out, nothing of
  /// it kept, and the dataset goes on: read it on its own afterwards), or
  /// the file's reading error (the dataset fails). feed() may answer
  /// different_header earlier, as soon as the header is seen.
  Error end_file();
  /// Feeds the next bytes of the current dataset.
  Error feed(std::string_view bytes);
  /// Ends the current dataset. On error the dataset stays in the report
  /// with its error; the workspace stays usable for the next one.
  Error finish_dataset();

  /// A file whose first bytes (8 are enough) say it is a workbook (.xlsx,
  /// .ods), a ZIP archive or an old Office file: read it with
  /// begin_workbook, not begin_dataset.
  static bool is_workbook(std::string_view head);
  /// Starts reading a workbook of `size` bytes by random access. Each of its
  /// sheets that holds a table becomes a dataset "file · sheet"; the
  /// others are listed in the report's "workbooks". Then, until it says
  /// done: workbook_next() names the bytes to read (and whether to inflate
  /// them), workbook_feed() takes them. A workbook that cannot be read stays
  /// in the report as a dataset with its error.
  Error begin_workbook(std::string name, std::uint64_t size);
  spreadsheet::ByteRequest workbook_next();
  /// Bytes of the request workbook_next() made; an error means: stop
  /// feeding this request and call workbook_next().
  Error workbook_feed(std::string_view bytes);
  /// The caller could not read or inflate the requested bytes: the
  /// workbook ends with this error (the sheets read before it stay).
  void workbook_fail(Error error);
  /// The error of the last workbook as a whole (damaged, encrypted...).
  const Error& workbook_error() const { return workbook_error_; }

  /// Bytes and rows read so far in the current dataset (for progress).
  std::uint64_t bytes_read() const;
  std::uint64_t rows_read() const;

  /// The report JSON for a request ("{}" or empty: everything). A bad
  /// request comes back as {"error": {...}}; a file that failed appears in
  /// "datasets" with its error, and the first such error also as "error".
  std::string report(std::string_view request_json) const;

  std::size_t dataset_count() const;
  /// Forgets the last dataset (finished or failed): a caller whose combined
  /// files failed reads them again one by one.
  void discard_last_dataset();

 private:
  struct Dataset;
  class WorkbookLoad;
  struct WorkbookListing;
  Error fail_current(Error error);
  /// Types the current dataset's table and detects its roles.
  Error finish_table(Dataset& d);

  Config config_;
  // Before the datasets: their builders use the workers until destroyed.
  core::Workers* workers_ = &core::Workers::shared(1);  // a pool that outlives the workspace
  ParallelReading parallel_;
  std::string config_text_;  ///< as given to configure(), to lay a dataset's `reading` over
  std::vector<std::unique_ptr<Dataset>> datasets_;
  std::unique_ptr<WorkbookLoad> workbook_;  // the workbook being read
  Error workbook_error_;
  std::vector<WorkbookListing> workbooks_;  // every workbook read: its sheets, read or skipped
};

}  // namespace ascolto::report
