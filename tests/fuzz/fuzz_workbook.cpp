// libFuzzer target: bytes -> workbook -> report JSON. The first byte picks
// what the rest is: the XML of an .xlsx worksheet (1), the content.xml of
// an .ods (2), or (otherwise) the whole file, ZIP container included, so
// that both the container and the XML readers are reached. Bytes are served
// in pieces of a size the first byte also picks. The report must be valid
// JSON and, for each dataset, rows read = used + rejected + preamble + footer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "../cpp/workbook_helpers.hpp"
#include "report/workspace.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string file;
  if ((data[0] & 3) == 1)
    file = test::make_xlsx({{"Fuzz", rest}}, "<si><t>a</t></si><si><t>b</t></si>",
                           "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>",
                           data[0] & 4);
  else if ((data[0] & 3) == 2)
    file = test::make_zip(
        {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", rest}});
  else
    file = rest;
  const std::size_t piece = static_cast<std::size_t>(data[0] >> 3) * 61 + 1;
  ascolto::report::Workspace workspace;
  if (workspace.begin_workbook("fuzz.xlsx", file.size())) return 0;
  test::serve(
      file, piece, [&] { return workspace.workbook_next(); },
      [&](std::string_view bytes) { return !workspace.workbook_feed(bytes); });
  const auto report = nlohmann::json::parse(workspace.report("{}"), nullptr, false);
  if (report.is_discarded()) std::abort();
  for (const auto& d : report["datasets"]) {
    if (!d.contains("rows")) continue;
    const auto& r = d["rows"];
    if (r["read"].get<std::uint64_t>() !=
        r["used"].get<std::uint64_t>() + r["rejected"].get<std::uint64_t>() +
            r["preamble"].get<std::uint64_t>() + r["footer"].get<std::uint64_t>())
      std::abort();
  }
  return 0;
}
