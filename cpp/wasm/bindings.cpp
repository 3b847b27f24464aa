// The only file that knows about JavaScript: embind over report::Workspace.
// Each function converts types and nothing else; errors come back as JSON
// strings, never as C++ exceptions (the Workspace does not throw).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "report/dataset_report.hpp"
#include "report/workspace.hpp"

namespace {

using ascolto::Error;
using ascolto::report::Workspace;

// "" when ok, else {"error": {...}}.
std::string status(const Error& e) {
  if (!e) return {};
  return nlohmann::ordered_json{{"error", ascolto::report::error_json(e)}}.dump(
      -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// A reusable input buffer inside WASM memory: JS copies each chunk of
// File.stream() straight into it, then calls feed(length).
class Session {
 public:
  std::string configure(const std::string& config) { return status(workspace_.configure(config)); }
  std::string begin_dataset(const std::string& name, double expected_bytes,
                            const std::string& reading) {
    return status(
        workspace_.begin_dataset(name, static_cast<std::uint64_t>(expected_bytes), reading));
  }

  /// A Uint8Array view of `size` bytes of WASM memory to write the next
  /// chunk into. Valid until the next call into the module (memory may grow).
  /// Its memory is not written here (a std::string would zero-fill it):
  /// the warm-up writes its prepared heap in steps it can stop between
  /// (web/warm-up.js), and a file's pieces overwrite it anyway.
  emscripten::val input_buffer(std::size_t size) {
    if (buffer_size_ < size) {
      buffer_.reset();  // freed first: the larger block may take its place
      buffer_.reset(new char[size]);
      buffer_size_ = size;
    }
    return emscripten::val(emscripten::typed_memory_view(size, buffer_.get()));
  }
  std::string feed(std::size_t length) { return status(workspace_.feed(input(length))); }
  std::string append_to_dataset(const std::string& name, double expected_bytes) {
    return status(workspace_.append_to_dataset(name, static_cast<std::uint64_t>(expected_bytes)));
  }
  std::string end_file() { return status(workspace_.end_file()); }
  std::string finish_dataset() {
    free_buffer();
    return status(workspace_.finish_dataset());
  }
  void discard_last_dataset() { workspace_.discard_last_dataset(); }
  /// Whether the first bytes (in the input buffer) start a workbook.
  bool is_workbook(std::size_t length) const { return Workspace::is_workbook(input(length)); }
  std::string fail_dataset(const std::string& message) {
    return status(workspace_.fail_dataset(
        ascolto::make_error(ascolto::ErrorCode::unreadable_parquet, message)));
  }
  std::string begin_workbook(const std::string& name, double size) {
    return status(workspace_.begin_workbook(name, static_cast<std::uint64_t>(size)));
  }
  /// The next bytes to read: {"done": true} or {"offset", "length", "inflate"}.
  std::string workbook_next() {
    const auto r = workspace_.workbook_next();
    using Kind = ascolto::spreadsheet::ByteRequest::Kind;
    if (r.kind == Kind::done) {
      free_buffer();
      return "{\"done\":true}";
    }
    return nlohmann::json{
        {"offset", r.offset}, {"length", r.length}, {"inflate", r.kind == Kind::inflate}}
        .dump();
  }
  std::string workbook_feed(std::size_t length) {
    return status(workspace_.workbook_feed(input(length)));
  }
  void workbook_fail(const std::string& message) {
    workspace_.workbook_fail(ascolto::make_error(ascolto::ErrorCode::damaged_zip, message));
  }
  double bytes_read() const { return static_cast<double>(workspace_.bytes_read()); }
  double rows_read() const { return static_cast<double>(workspace_.rows_read()); }
  std::string report(const std::string& request) const { return workspace_.report(request); }
  /// Threads for the files that follow (0: every core); 1 in a module
  /// without thread support. Returns the threads that will read.
  unsigned set_threads(unsigned threads) {
    workspace_.set_threads(threads);
    return workspace_.threads();
  }
  /// From what size a file is read in blocks on the threads, and how many
  /// bytes a thread parses at a time (the warm-up's small file takes that
  /// path too, so that it is optimized code before the first large file).
  void set_parallel_reading(double min_bytes, double range_bytes) {
    workspace_.set_parallel_reading(
        {static_cast<std::uint64_t>(min_bytes), static_cast<std::size_t>(range_bytes)});
  }

 private:
  Workspace workspace_;
  // The first `length` bytes written by JS (no more than it holds).
  std::string_view input(std::size_t length) const {
    return {buffer_.get(), std::min(length, buffer_size_)};
  }
  void free_buffer() {
    buffer_.reset();
    buffer_size_ = 0;
  }

  std::unique_ptr<char[]> buffer_;
  std::size_t buffer_size_ = 0;
};

}  // namespace

EMSCRIPTEN_BINDINGS(ascolto) {
  emscripten::class_<Session>("Session")
      .constructor<>()
      .function("configure", &Session::configure)
      .function("beginDataset", &Session::begin_dataset)
      .function("inputBuffer", &Session::input_buffer)
      .function("feed", &Session::feed)
      .function("appendToDataset", &Session::append_to_dataset)
      .function("endFile", &Session::end_file)
      .function("finishDataset", &Session::finish_dataset)
      .function("discardLastDataset", &Session::discard_last_dataset)
      .function("isWorkbook", &Session::is_workbook)
      .function("failDataset", &Session::fail_dataset)
      .function("beginWorkbook", &Session::begin_workbook)
      .function("workbookNext", &Session::workbook_next)
      .function("workbookFeed", &Session::workbook_feed)
      .function("workbookFail", &Session::workbook_fail)
      .function("bytesRead", &Session::bytes_read)
      .function("rowsRead", &Session::rows_read)
      .function("report", &Session::report)
      .function("setThreads", &Session::set_threads)
      .function("setParallelReading", &Session::set_parallel_reading);
}
