// Reading on several threads (csv/parallel_parse.hpp, the table builder's
// batches) must give the report one thread gives, byte for byte, on every
// file: the demos, the fixtures, the real files of ../shared/data and files
// made to put the cuts in the worst places (line breaks inside quotes,
// CRLF, a preamble, a footer, rows of the wrong width, no final break).
// The thresholds are lowered so that small files go the parallel way, in
// ranges of a few hundred bytes: thousands of cuts a file.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>

#include "helpers.hpp"

namespace {

using ascolto::report::Workspace;

// The report of `bytes` read on `threads` threads (fed in chunks of 7,777
// bytes, a size no block or range is a multiple of), and the threads its
// file facts say read it.
std::pair<nlohmann::json, unsigned> read_on(unsigned threads, const std::string& bytes,
                                            std::size_t range_bytes,
                                            const std::string& config = "{}") {
  Workspace workspace;
  REQUIRE_FALSE(workspace.configure(config));
  workspace.set_threads(threads);
  workspace.set_parallel_reading({0, range_bytes});
  workspace.begin_dataset("file.csv", bytes.size());
  for (std::size_t i = 0; i < bytes.size(); i += 7777)
    if (workspace.feed(std::string_view(bytes).substr(i, 7777))) break;
  workspace.finish_dataset();
  nlohmann::json report = nlohmann::json::parse(workspace.report("{}"));
  unsigned used = 0;
  for (auto& dataset : report["datasets"])
    if (dataset.contains("file")) {
      used = dataset["file"].value("threads", 0u);
      dataset["file"].erase("threads");
    }
  return {report, used};
}

// `parallel`: the cuts cannot all fall inside quotes, so some block must
// have been read on the threads.
// The report of files read as one dataset (monthly exports), on `threads`.
std::string combined_on(unsigned threads, const std::vector<std::string>& files) {
  Workspace workspace;
  workspace.set_threads(threads);
  workspace.set_parallel_reading({0, 300});
  for (std::size_t f = 0; f < files.size(); ++f) {
    const std::string name = "month" + std::to_string(f + 1) + ".csv";
    if (f == 0)
      workspace.begin_dataset(name, files[f].size());
    else
      workspace.append_to_dataset(name, files[f].size());
    for (std::size_t i = 0; i < files[f].size(); i += 5000)
      if (workspace.feed(std::string_view(files[f]).substr(i, 5000))) break;
    workspace.end_file();
  }
  workspace.finish_dataset();
  nlohmann::json report = nlohmann::json::parse(workspace.report("{}"));
  for (auto& dataset : report["datasets"]) dataset["file"].erase("threads");
  return report.dump();
}

void check_same(const std::string& name, const std::string& bytes, std::size_t range_bytes,
                bool parallel = true, const std::string& config = "{}") {
  INFO(name << ", ranges of " << range_bytes << " bytes");
  const auto [one, one_threads] = read_on(1, bytes, range_bytes, config);
  const auto [three, three_threads] = read_on(3, bytes, range_bytes, config);
  CHECK(one_threads == 1);
  CHECK(one.dump() == three.dump());
  // A file with rows was read on the threads (a file that fails has no facts).
  if (parallel && !one["datasets"].empty() && one["datasets"][0].contains("columns"))
    CHECK(three_threads == (ascolto::core::Workers::supported() ? 3u : 1u));
}

}  // namespace

TEST_CASE("Reading on threads gives the one-thread report on every demo and real file",
          "[parallel]") {
  std::vector<std::string> paths;
  const std::string root = std::string(ASCOLTO_FIXTURES) + "/../..";
  // The demos are written by node scripts/gen-demos.mjs (scripts/test runs it first).
  REQUIRE(std::filesystem::exists(root + "/public/demo/feedback-demo.csv"));
  for (const char* dir : {"/public/demo", "/tests/fixtures", "/tests/fixtures/r"})
    for (const auto& entry : std::filesystem::directory_iterator(root + dir))
      if (entry.path().extension() == ".csv") paths.push_back(entry.path().string());
  if (std::filesystem::exists(ASCOLTO_SHARED_DATA))
    for (const auto& entry : std::filesystem::directory_iterator(ASCOLTO_SHARED_DATA))
      if (entry.path().extension() == ".csv") paths.push_back(entry.path().string());
  REQUIRE(paths.size() >= 6);
  for (const std::string& path : paths) {
    const std::string bytes = test::read_file(path);
    // Large files once, in ranges that still cut them thousands of times.
    check_same(path, bytes, std::max<std::size_t>(bytes.size() / 3000, 256));
  }
}

TEST_CASE("Cuts inside quotes, CRLF, preamble, footer and bad rows read as on one thread",
          "[parallel]") {
  std::string quoted = "Report of the month\n\nid,servizio,voto,commento\r\n";
  for (int i = 1; i <= 3000; ++i) {
    quoted += std::to_string(i) + ",Pensione," + std::to_string(i % 5 + 1) + ",";
    if (i % 3 == 0)
      quoted += "\"a comment\nacross \"\"two\"\" lines\r\nand three\"";
    else if (i % 7 == 0)
      quoted += "plain";
    quoted += i % 11 == 0 ? "\n" : "\r\n";
    if (i % 97 == 0) quoted += "\r\n";              // a blank line
    if (i % 101 == 0) quoted += "1,2\r\n";          // too few fields
    if (i % 103 == 0) quoted += "1,2,3,4,5,6\r\n";  // too many
    if (i % 107 == 0) quoted += "Totale,,,\r\n";    // a total in the data
    if (i % 109 == 0) quoted += "  ,,,\r\n";        // only blanks
    if (i % 113 == 0) quoted += "\t,,,\r\n";        // only blanks, a tab first
  }
  quoted += "Totale,3000,,\r\nFonte: INPS,,,\r\n";
  for (std::size_t range : {32, 100, 333, 4096}) {
    check_same("quoted", quoted, range);
    check_same("quoted, no final line break", quoted.substr(0, quoted.size() - 2), range);
  }
  // The report lists only the first lines of each warning: here the few
  // bad rows and values come late, far past the first block, so that a
  // line counted wrong on the threads shows.
  std::string late = "id,servizio,voto,commento\n";
  for (int i = 1; i <= 4000; ++i) {
    late += std::to_string(i) + ",Pensione," +
            (i == 3500 ? std::string("sette") : std::to_string(i % 5 + 1));
    late += i % 4 == 0 ? ",\"two\nlines\"\n" : ",ok\n";
    if (i == 3000 || i == 3900) late += "1,2\n";
  }
  for (std::size_t range : {64, 1000}) check_same("late", late, range);
  // Every field quoted, a line break in every record: most cuts fall in quotes.
  std::string all_quoted = "\"a\",\"b\"\n";
  for (int i = 0; i < 2000; ++i) all_quoted += "\"" + std::to_string(i) + "\",\"x\ny\"\n";
  check_same("all quoted", all_quoted, 64, false);
  // One quote never closed: the error is the one-thread error.
  check_same("unterminated", quoted + "9999,Pensione,3,\"open\n", 100);
}

TEST_CASE("Files read as one dataset on threads: each file's lines, rows and footer as on one",
          "[parallel]") {
  std::vector<std::string> months;
  for (int m = 1; m <= 3; ++m) {
    std::string text = "Estrazione mese " + std::to_string(m) + "\n\nmese;canale;contatti\n";
    for (int i = 0; i < 2000; ++i) {
      // A value that is no number, late in the second file: its line (a row
      // of a run) is in the report.
      const std::string count = m == 2 && i == 1800 ? "molti" : std::to_string(1000 + i * m);
      text += std::to_string(m) + "/2023;" + (i % 2 ? "web" : "\"sportello\nfisico\"") + ";" +
              count + "\n";
      if (m == 2 && i == 1500) text += "1;2\n";  // too few fields, late in the second file
    }
    text += "Totale;;" + std::to_string(m) + "\n";
    months.push_back(text);
  }
  const std::string one = combined_on(1, months);
  CHECK(one.find("\"too_few_fields\"") != std::string::npos);
  CHECK(one.find("\"invalid_value\"") != std::string::npos);
  CHECK(combined_on(3, months) == one);
}

TEST_CASE("A feedback file without ratings still has its column summaries on threads",
          "[parallel]") {
  // The feedback report, set in the configuration, has nothing to say
  // without a rating column; the column summaries that run beside its
  // tasks must still run.
  std::string text = "data,applicativo,commento\n";
  for (int i = 0; i < 3000; ++i)
    text += "2023-01-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1) + ",app " +
            std::to_string(i % 7) + ",testo " + std::to_string(i % 50) + "\n";
  check_same("no ratings", text, 500, true, R"({"kind": "feedback"})");
  const auto [report, threads] = read_on(3, text, 500, R"({"kind": "feedback"})");
  const auto& dataset = report["datasets"][0];
  CHECK(dataset["kind"]["value"] == "feedback");
  REQUIRE(dataset["columns"].size() == 3);
  CHECK(dataset["columns"][1]["name"] == "applicativo");
  CHECK(dataset["columns"][1]["distinct"] == 7);
}

TEST_CASE("Columns past 256 values read as numbers on the threads give the one-thread report",
          "[parallel]") {
  // Ranges of 16-64 KiB: each range's timestamp and id columns pass 256
  // values, and the thread keeps them as numbers (NumberColumn) until a
  // cell does not read; the table's column takes the numbers as they are
  // when it holds numbers of that shape, else their text.
  std::string text = "note,quando,id,giorno,voto\n";
  for (int i = 0; i < 12000; ++i) {
    char when[32];
    std::snprintf(when, sizeof when, "2023-%02d-%02dT%02d:%02d:%02d", i / 2000 + 1, i / 80 % 25 + 1,
                  i / 60 % 24, i % 60, i * 7 % 60);
    // An empty first field sends the row the slow way (each field asked
    // of its range, a number rendered back to its text).
    text += i % 37 == 0 ? "" : "n";
    text += ",";
    text += i % 53 == 0 ? "" : when;  // empty: NaN among the numbers
    text += ",";
    // Ids are canonical integers until one with a leading zero, late in a
    // range: the range's numbers go back to text, as the table's column.
    text += i == 9000 ? "00042" : std::to_string(100000 + i * 3);
    text += ",";
    // A date column that changes shape (a timestamp with a space) midway.
    char day[32];
    std::snprintf(day, sizeof day,
                  i >= 7000 && i % 2 ? "2023-%02d-%02d 10:00:00" : "2023-%02d-%02d", i % 12 + 1,
                  i % 28 + 1);
    text += std::string(day) + "," + std::to_string(i % 5 + 1) + "\n";
  }
  for (std::size_t range : {16384, 65536}) check_same("numbers", text, range);
  // The same columns with no cell that breaks them: numbers to the end.
  std::string clean = "quando,id,voto\n";
  for (int i = 0; i < 12000; ++i)
    clean += "2023-03-" + std::to_string(10 + i / 1000) +
             "T08:" + std::to_string(10 + i / 60 % 50) + ":" + std::to_string(10 + i % 50) + "," +
             std::to_string(7 + i) + "," + std::to_string(i % 5 + 1) + "\n";
  check_same("numbers, clean", clean, 65536);
}
