// libFuzzer target: any bytes, cut into chunks at places the input itself
// chooses, through the reader. It must never crash, hang or read out of
// bounds, and every record must come with a line number that never goes back.
#include <cstddef>
#include <cstdint>
#include <string_view>

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
  for (std::size_t i = 0; i < bytes.size(); i += chunk)
    if (reader.feed(bytes.substr(i, chunk))) return 0;
  reader.finish();
  return 0;
}
