// libFuzzer target: bytes -> report JSON through the whole core. The report
// must always be valid JSON, and rows read = used + rejected + preamble +
// footer: no row is lost silently.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "report/workspace.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk = static_cast<std::size_t>(data[0]) * 16 + 1;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  ascolto::report::Workspace workspace;
  workspace.begin_dataset("fuzz.csv");
  bool failed = false;
  for (std::size_t i = 0; i < bytes.size() && !failed; i += chunk)
    failed = static_cast<bool>(workspace.feed(bytes.substr(i, chunk)));
  if (!failed) workspace.finish_dataset();
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
