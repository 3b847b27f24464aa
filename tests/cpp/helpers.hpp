// Small helpers shared by the C++ tests.
#pragma once

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "csv/parser.hpp"
#include "report/workspace.hpp"

namespace test {

struct Record {
  std::vector<std::string> fields;
  std::uint64_t line;
};

class Collect : public ascolto::csv::RecordSink {
 public:
  void on_record(const std::vector<std::string_view>& fields, std::uint64_t line) override {
    records.push_back({std::vector<std::string>(fields.begin(), fields.end()), line});
  }
  std::vector<Record> records;
};

/// Parses `text` fed in chunks of `chunk` bytes.
inline std::vector<Record> parse(std::string_view text, std::size_t chunk, char delimiter = ',',
                                 ascolto::Error* error = nullptr) {
  ascolto::csv::Parser parser({delimiter, '"'});
  Collect sink;
  ascolto::Error e;
  for (std::size_t i = 0; i < text.size() && !e; i += chunk)
    e = parser.feed(text.substr(i, chunk), sink);
  if (!e) e = parser.finish(sink);
  if (error) *error = e;
  return sink.records;
}

/// The report of one file's bytes fed in chunks of `chunk` bytes.
inline nlohmann::json analyze(std::string_view bytes, std::size_t chunk = 1 << 16,
                              const std::string& config = "") {
  ascolto::report::Workspace workspace;
  if (ascolto::Error e = workspace.configure(config)) return {{"config_error", e.message}};
  workspace.begin_dataset("test.csv");
  for (std::size_t i = 0; i < bytes.size(); i += chunk)
    if (workspace.feed(bytes.substr(i, chunk))) break;
  workspace.finish_dataset();
  return nlohmann::json::parse(workspace.report("{}"));
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The first lines of the dataset's warning with this code (null if none).
/// "name value" lines written by an R script in tests/fixtures/r.
inline std::map<std::string, double> r_reference(const std::string& file) {
  std::map<std::string, double> values;
  std::istringstream in(read_file(std::string(ASCOLTO_FIXTURES) + "/r/" + file));
  std::string key;
  double value;
  while (in >> key >> value) values[key] = value;
  return values;
}

inline nlohmann::json warning_lines(const nlohmann::json& dataset, const std::string& code) {
  for (const auto& w : dataset["warnings"])
    if (w["code"] == code) return w["first_lines"];
  return nullptr;
}

inline bool file_exists(const std::string& path) {
  return std::ifstream(path).good();
}

}  // namespace test
