// ascolto: the native command line over the same core as the browser.
//   ascolto analyze FILE... [--kind auto|survey|feedback|volumes|media] [--combine]
//                           [--config CONFIG.json] [--request JSON] [--pretty] [--timing]
//                           [--threads N]
//   ascolto summary FILE... [--format text|markdown|json] [--lang it|en] [same options]
//   ascolto sql --table NAME [--dialect D] [--kind feedback|survey|volumes|media] [--time-zone Z]
//               [--config C.json] [SAMPLE_FILE]
// Prints the report JSON (or the Sintesi) on stdout. On unusable input: one line per problem
// on stderr, {"error": {...}} on stdout, and a non-zero exit status.
#include <sys/resource.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/parquet_file.hpp"
#include "cli/workbook_file.hpp"
#include "report/dataset_report.hpp"
#include "report/workspace.hpp"
#include "summary/render.hpp"

namespace {

using json = nlohmann::ordered_json;
using ascolto::Error;
using ascolto::ErrorCode;

constexpr int kExitOk = 0, kExitInputError = 1, kExitUsage = 2;
constexpr std::size_t kChunkBytes = 1u << 20;

const char* const kUsage =
    "usage: ascolto analyze FILE... [--kind auto|survey|feedback|volumes|media] [--combine]\n"
    "                       [--config CONFIG.json] [--request JSON] [--pretty] [--timing]\n"
    "                       [--threads N]\n"
    "       ascolto summary FILE... [--format text|markdown|json] [--lang it|en] [options above]\n"
    "       ascolto sql --table NAME [--dialect duckdb|postgres|spark|bigquery|clickhouse|trino]\n"
    "                   [--kind feedback|survey|volumes|media] [--time-zone Europe/Rome] [--config "
    "CONFIG.json] "
    "[SAMPLE]\n"
    "  sql             the query that reduces the table to cells on its own engine; the keys\n"
    "                  are the roles of a sample file's columns, or of the configuration's\n"
    "  --combine       files with the same columns (monthly exports) as one dataset\n"
    "  --request JSON  what to report, e.g. '{\"aggregate\": {\"by\": \"applicativo\"}}'\n"
    "  --timing        print seconds and peak memory on stderr (for scripts/bench)\n"
    "  --threads N     threads that read a large file (default: every hardware thread, up to 8)\n";

std::string base_name(const std::string& path) {
  const std::size_t slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// One line on stderr: "ascolto: WHAT: message (line N)".
void report_problem(const std::string& what, const Error& error) {
  std::cerr << "ascolto: " << what << ": " << error.message;
  if (error.line) std::cerr << " (line " << error.line << ")";
  std::cerr << "\n";
}

int fail(const Error& error, const std::string& what) {
  report_problem(what, error);
  std::cout << json{{"error", ascolto::report::error_json(error)}}.dump() << "\n";
  const bool usage =
      error.code == ErrorCode::invalid_config || error.code == ErrorCode::invalid_request;
  return usage ? kExitUsage : kExitInputError;
}

// Opens one file as a new dataset, or as the next file of the current one
// (`append`), and feeds it in chunks; reading errors become io_error. The
// dataset is not finished.
Error open_and_feed(ascolto::report::Workspace& workspace, const std::string& path, bool append) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  const auto size = in ? static_cast<std::uint64_t>(in.tellg()) : 0;
  in.seekg(0);
  if (Error e = append ? workspace.append_to_dataset(base_name(path), size)
                       : workspace.begin_dataset(base_name(path), size))
    return e;
  if (!in) return ascolto::make_error(ErrorCode::io_error, "cannot open the file");
  std::vector<char> buffer(kChunkBytes);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    if (Error e = workspace.feed(std::string_view(buffer.data(), got))) return e;
  }
  if (in.bad()) return ascolto::make_error(ErrorCode::io_error, "read error");
  return workspace.end_file();
}

// Reads the files, each a dataset; with `combine`, each file whose columns
// are the first pending file's goes into that file's dataset, and the
// others form the next groups. A file that fails inside a group is read on
// its own (with its error) and the group is read again without it: one
// broken month costs only itself.
std::vector<std::pair<std::string, Error>> load_files(ascolto::report::Workspace& workspace,
                                                      std::vector<std::string> pending,
                                                      bool combine) {
  std::vector<std::pair<std::string, Error>> failures;
  auto load_alone = [&](const std::string& path) {
    Error e = open_and_feed(workspace, path, false);
    if (Error finished = workspace.finish_dataset(); !e) e = finished;
    if (e) failures.emplace_back(path, e);
  };
  while (!pending.empty()) {
    const std::string first = pending.front();
    pending.erase(pending.begin());
    if (ascolto::cli::is_workbook_file(first)) {  // each sheet a dataset: never combined
      if (Error e = ascolto::cli::read_workbook_file(workspace, first, base_name(first)))
        failures.emplace_back(first, e);
      continue;
    }
    if (ascolto::cli::is_parquet_file(first)) {  // typed columns: never combined with CSV
      if (Error e = ascolto::cli::read_parquet_file(workspace, first, base_name(first)))
        failures.emplace_back(first, e);
      continue;
    }
    if (!combine) {
      load_alone(first);
      continue;
    }
    if (Error e = open_and_feed(workspace, first, false)) {
      workspace.finish_dataset();  // the file stays in the report with its error
      failures.emplace_back(first, e);
      continue;
    }
    std::vector<std::string> group = {first}, other_shape;
    std::size_t next = 0;
    bool part_failed = false;
    for (; next < pending.size() && !part_failed; ++next) {
      if (ascolto::cli::is_workbook_file(pending[next]) ||
          ascolto::cli::is_parquet_file(pending[next])) {
        other_shape.push_back(pending[next]);
        continue;
      }
      const Error appended = open_and_feed(workspace, pending[next], true);
      if (appended.code == ErrorCode::different_header)
        other_shape.push_back(pending[next]);
      else if (appended)
        part_failed = true;
      else
        group.push_back(pending[next]);
    }
    if (part_failed) {
      workspace.discard_last_dataset();
      load_alone(pending[next - 1]);
      group.insert(group.end(), other_shape.begin(), other_shape.end());
      group.insert(group.end(), pending.begin() + static_cast<std::ptrdiff_t>(next), pending.end());
      pending = group;
      continue;
    }
    if (Error e = workspace.finish_dataset()) {
      workspace.discard_last_dataset();
      for (const std::string& path : group) load_alone(path);
    }
    pending = other_shape;
  }
  return failures;
}

// The reduction query of each file read (or of the configuration's
// columns), as text to paste into the engine's console.
int print_queries(const ascolto::report::Workspace& workspace, const std::string& kind,
                  const std::string& dialect, const std::string& table,
                  const std::string& time_zone,
                  const std::vector<std::pair<std::string, Error>>& failures) {
  json request = {{"dialect", dialect}, {"table", table}, {"time_zone", time_zone}};
  if (!kind.empty()) request["kind"] = kind;
  const json out = json::parse(workspace.report(json{{"sql", request}}.dump()));
  for (const auto& [path, error] : failures) report_problem(path, error);
  bool printed = false;
  for (const json& q : out.value("sql", json::array())) {
    if (q.contains("error")) {
      std::cerr << "ascolto: " << q.value("dataset", std::string("sql")) << ": "
                << q["error"].value("message", "") << "\n";
      continue;
    }
    std::cout << q["query"].get<std::string>();
    printed = true;
  }
  if (out.contains("error")) std::cerr << "ascolto: " << out["error"].value("message", "") << "\n";
  return printed && failures.empty() ? kExitOk : kExitInputError;
}

}  // namespace

int main(int argc, char** argv) {
#ifdef __GLIBC__
  // Column vectors grow and are freed by the hundred megabytes: keep that
  // memory in the heap instead of mapping fresh (page-faulted) memory each time.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cerr << kUsage;
    return args.empty() ? kExitUsage : kExitOk;
  }
  const bool summary = args[0] == "summary", sql = args[0] == "sql";
  if (args[0] != "analyze" && !summary && !sql) {
    std::cerr << "ascolto: unknown command '" << args[0] << "'\n" << kUsage;
    return kExitUsage;
  }
  std::vector<std::string> files;
  std::string kind, config_path, request = "{}", format = "text", lang = "it";
  std::string dialect = "duckdb", table, time_zone;  // sql
  bool pretty = false, timing = false, combine = false;
  unsigned threads = 0;  // every hardware thread
  const auto started = std::chrono::steady_clock::now();
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if ((a == "--kind" || a == "--config" || a == "--request") && i + 1 < args.size()) {
      (a == "--kind" ? kind : a == "--config" ? config_path : request) = args[++i];
    } else if (summary && (a == "--format" || a == "--lang") && i + 1 < args.size()) {
      (a == "--format" ? format : lang) = args[++i];
    } else if (sql && (a == "--dialect" || a == "--table" || a == "--time-zone") &&
               i + 1 < args.size()) {
      (a == "--dialect" ? dialect : a == "--table" ? table : time_zone) = args[++i];
    } else if (a == "--threads" && i + 1 < args.size()) {
      const std::string& n = args[++i];
      if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string::npos) {
        std::cerr << "ascolto: --threads takes a number (0: every hardware thread)\n" << kUsage;
        return kExitUsage;
      }
      threads = static_cast<unsigned>(std::stoul(n));
    } else if (a == "--combine") {
      combine = true;
    } else if (a == "--pretty") {
      pretty = true;
    } else if (a == "--timing") {
      timing = true;
    } else if (a.rfind("--", 0) == 0) {
      std::cerr << "ascolto: unknown or incomplete option '" << a << "'\n" << kUsage;
      return kExitUsage;
    } else {
      files.push_back(a);
    }
  }
  if (files.empty() && !sql) {
    std::cerr << "ascolto: no input file\n" << kUsage;
    return kExitUsage;
  }
  if ((format != "text" && format != "markdown" && format != "json") ||
      (lang != "it" && lang != "en")) {
    std::cerr << "ascolto: --format is text, markdown or json; --lang is it or en\n" << kUsage;
    return kExitUsage;
  }

  json config = json::object();
  if (!config_path.empty()) {
    std::ifstream in(config_path);
    if (!in)
      return fail(
          ascolto::make_error(ErrorCode::invalid_config, "cannot open the configuration file"),
          config_path);
    std::stringstream text;
    text << in.rdbuf();
    config = json::parse(text.str(), nullptr, false);
    if (config.is_discarded() || !config.is_object())
      return fail(
          ascolto::make_error(ErrorCode::invalid_config, "The configuration is not a JSON object."),
          config_path);
  }
  if (!kind.empty()) config["kind"] = kind;

  ascolto::report::Workspace workspace;
  workspace.set_threads(threads);
  if (Error e = workspace.configure(config.dump()))
    return fail(e, config_path.empty() ? "--kind" : config_path);

  combine = combine || config.value("combine", false);
  const auto failures = load_files(workspace, files, combine);
  if (sql) return print_queries(workspace, kind, dialect, table, time_zone, failures);

  json report = json::parse(workspace.report(request));
  if (report.contains("error") && !report.contains("datasets") && !report.contains("aggregates"))
    return fail(
        ascolto::make_error(ErrorCode::invalid_request, report["error"].value("message", "")),
        "--request");
  for (const auto& [path, error] : failures) {
    report_problem(path, error);
  }
  if (summary && format != "json") {
    std::cout << ascolto::summary::render(
        report,
        format == "markdown" ? ascolto::summary::Format::markdown : ascolto::summary::Format::text,
        lang == "en" ? ascolto::summary::Lang::en : ascolto::summary::Lang::it);
  } else if (summary) {  // the findings as objects, for other tools
    json out = {{"format", "ascolto-sintesi"}, {"version", 1}};
    out["sintesi"] = report.contains("sintesi") ? report["sintesi"] : json(nullptr);
    out["datasets"] = json::array();
    for (const json& d : report.value("datasets", json::array()))
      out["datasets"].push_back(
          {{"name", d["name"]},
           {"kind", d["kind"]["value"]},
           {"sintesi", d.contains("sintesi") ? d["sintesi"] : json(nullptr)}});
    std::cout << out.dump(pretty ? 2 : -1, ' ', false, json::error_handler_t::replace) << "\n";
  } else {
    std::cout << report.dump(pretty ? 2 : -1, ' ', false, json::error_handler_t::replace) << "\n";
  }
  if (timing) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::cerr << json{{"seconds", seconds}, {"peak_rss_bytes", usage.ru_maxrss * 1024L}}.dump()
              << "\n";
  }
  return failures.empty() ? kExitOk : kExitInputError;
}
