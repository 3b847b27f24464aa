// libFuzzer target: bytes -> report JSON through the whole core, as one file
// or (odd first byte) as two files of one combined dataset. The report
// must always be valid JSON, and rows read = used + rejected + preamble +
// footer: no row is lost silently.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "report/workspace.hpp"

namespace {

// Feeds `bytes` in chunks of `chunk`; false when the core refused them.
bool feed(ascolto::report::Workspace& workspace, std::string_view bytes, std::size_t chunk) {
  for (std::size_t i = 0; i < bytes.size(); i += chunk)
    if (workspace.feed(bytes.substr(i, chunk))) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk = static_cast<std::size_t>(data[0] >> 1) * 32 + 1;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  ascolto::report::Workspace workspace;
  workspace.begin_dataset("fuzz.csv");
  if (data[0] & 1) {
    // Two files of one dataset (combine): the input cut in two.
    const std::string_view first = bytes.substr(0, bytes.size() / 2);
    if (feed(workspace, first, chunk) && !workspace.end_file()) {
      workspace.append_to_dataset("fuzz-2.csv");
      if (feed(workspace, bytes.substr(first.size()), chunk)) workspace.end_file();
    }
  } else {
    feed(workspace, bytes, chunk);
  }
  workspace.finish_dataset();
  const auto report = nlohmann::json::parse(workspace.report("{}"), nullptr, false);
  if (report.is_discarded()) __builtin_trap();
  // A whole-report error on a small input is a bug (an exception in a report section).
  if (!report.contains("datasets")) __builtin_trap();
  for (const auto& d : report["datasets"]) {
    if (!d.contains("rows")) continue;
    const auto& rows = d["rows"];
    if (rows["read"].get<std::uint64_t>() !=
        rows["used"].get<std::uint64_t>() + rows["rejected"].get<std::uint64_t>() +
            rows["preamble"].get<std::uint64_t>() + rows["footer"].get<std::uint64_t>())
      __builtin_trap();
  }
  return 0;
}
