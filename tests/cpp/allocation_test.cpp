// What the core does when memory runs out, as a browser's does. These
// tests replace the global operator new (failing_allocations.cpp), so they
// are their own binary: scripts/test runs it in the release build, since
// under AddressSanitizer (the unit tests' run) they are skipped.
#include <catch2/catch.hpp>

#include <fstream>

#include "cli/workbook_file.hpp"
#include "failing_allocations.hpp"
#include "report/workspace.hpp"
#include "workbook_helpers.hpp"

TEST_CASE("memory running out inside a sheet is said as such, not as a damaged file",
          "[workbook]") {
  // A cell of 2 MiB of text: its token outgrows what may be allocated in
  // one block here (1 MiB), as a large sheet outgrows a browser's memory.
  // The sheet's XML parser is left mid-token; ending the part must not
  // turn that into "not well-formed XML: save it again".
  const std::string content =
      "<office:document-content><office:body><office:spreadsheet><table:table "
      "table:name=\"S\"><table:table-row><table:table-cell office:value-type=\"string\">"
      "<text:p>nota</text:p></table:table-cell></table:table-row><table:table-row>"
      "<table:table-cell office:value-type=\"string\"><text:p>" +
      std::string(2 << 20, 'x') +
      "</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>"
      "</office:body></office:document-content>";
  if (!test::FailAllocationsAbove::supported()) {
    WARN("skipped: AddressSanitizer has its own operator new");
    return;
  }
  const std::string path = "/tmp/ascolto_workbook_memory_test.ods";
  {
    std::ofstream out(path, std::ios::binary);
    out << test::make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                           {"content.xml", content},
                           {"META-INF/manifest.xml", "<manifest/>"}});
  }
  ascolto::report::Workspace workspace;
  {
    const test::FailAllocationsAbove limit(1 << 20);
    ascolto::cli::read_workbook_file(workspace, path, "memoria.ods");
  }
  const auto report = nlohmann::json::parse(workspace.report("{}"));
  REQUIRE(!report["datasets"].empty());
  for (const auto& dataset : report["datasets"]) {
    INFO(dataset.dump());
    CHECK(dataset["error"]["code"] == "out_of_memory");
  }
}
