// libFuzzer target for the reader. Any bytes must go through without a
// crash, a hang or an out-of-bounds read, with line numbers that never go
// back. And the parser must give the same records however the input is
// chunked: fed whole (records parsed in place, without copying) and fed one
// byte at a time (every record through the copying state machine).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "csv/parser.hpp"
#include "csv/reader.hpp"

namespace {

class CheckingSink : public ascolto::csv::DataSink {
 public:
  void on_header(const std::vector<std::string_view>&, std::uint64_t) override {}
  void on_row(const std::vector<std::string_view>& fields, std::uint64_t line) override {
    if (line < last_line_ || fields.empty()) __builtin_trap();
    last_line_ = line;
  }

 private:
  std::uint64_t last_line_ = 0;
};

struct Collect : ascolto::csv::RecordSink {
  void on_record(const std::vector<std::string_view>& fields, std::uint64_t line) override {
    records.emplace_back(std::vector<std::string>(fields.begin(), fields.end()), line);
  }
  std::vector<std::pair<std::vector<std::string>, std::uint64_t>> records;
};

// Records, errors and line counts of `bytes` cut into `chunk`-byte pieces.
struct Parsed {
  Collect sink;
  ascolto::ErrorCode error = ascolto::ErrorCode::ok;
  std::uint64_t lines = 0, blank = 0;
};

void parse(std::string_view bytes, std::size_t chunk, char delimiter, Parsed& out) {
  ascolto::csv::Parser parser({delimiter, '"'}, 1 << 20);
  for (std::size_t i = 0; i < bytes.size(); i += chunk) {
    if (ascolto::Error e = parser.feed(bytes.substr(i, chunk), out.sink)) {
      out.error = e.code;
      return;
    }
  }
  out.error = parser.finish(out.sink).code;
  out.lines = parser.lines();
  out.blank = parser.blank_lines();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the chunk size (1..256), so splits land everywhere.
  const std::size_t chunk = static_cast<std::size_t>(data[0]) + 1;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  CheckingSink sink;
  ascolto::csv::ReadOptions options;
  options.sniff_bytes = 512;  // reach the streaming path on small inputs too
  options.max_field_bytes = 4096;
  ascolto::csv::Reader reader(options, sink);
  bool failed = false;
  for (std::size_t i = 0; i < bytes.size() && !failed; i += chunk)
    failed = static_cast<bool>(reader.feed(bytes.substr(i, chunk)));
  if (!failed) reader.finish();

  const char delimiter = data[0] & 1 ? ';' : ',';
  Parsed whole, bytewise;
  parse(bytes, bytes.size() ? bytes.size() : 1, delimiter, whole);
  parse(bytes, 1, delimiter, bytewise);
  if (whole.error != bytewise.error) __builtin_trap();
  if (whole.error == ascolto::ErrorCode::ok &&
      (whole.sink.records != bytewise.sink.records || whole.lines != bytewise.lines ||
       whole.blank != bytewise.blank))
    __builtin_trap();
  return 0;
}
