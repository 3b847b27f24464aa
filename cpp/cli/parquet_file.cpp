#include "cli/parquet_file.hpp"

#include <sys/wait.h>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string_view>
#include <vector>

namespace ascolto::cli {

namespace {

// The path in single quotes for the shell, its own single quotes escaped.
std::string shell_quoted(const std::string& path) {
  std::string out = "'";
  for (const char c : path) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

bool is_parquet_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[4] = {};
  return in.read(head, 4) && std::string_view(head, 4) == "PAR1";
}

Error read_parquet_file(report::Workspace& workspace, const std::string& path,
                        const std::string& name) {
  std::ifstream sized(path, std::ios::binary | std::ios::ate);
  const auto size = sized ? static_cast<std::uint64_t>(sized.tellg()) : 0;
  const char* converter = std::getenv("ASCOLTO_PARQUET_CSV");
  if (!converter || !*converter) {
    if (Error e = workspace.begin_dataset(name, size)) return e;
    Error error = make_error(ErrorCode::unreadable_parquet,
                             "Parquet files are read through node: run scripts/ascolto, which "
                             "sets ASCOLTO_PARQUET_CSV.");
    workspace.fail_dataset(error);
    workspace.finish_dataset();
    return error;
  }
  FILE* pipe = popen((std::string(converter) + " " + shell_quoted(path)).c_str(), "r");
  if (!pipe) return make_error(ErrorCode::io_error, "cannot start the Parquet reader");
  // The first line: the reading options (how the CSV text is written).
  std::string reading;
  for (int c = std::fgetc(pipe); c != EOF && c != '\n'; c = std::fgetc(pipe))
    reading += static_cast<char>(c);
  Error error = workspace.begin_dataset(name, size, reading);
  if (error) {
    pclose(pipe);
    return error;
  }
  std::vector<char> buffer(1u << 20);
  std::size_t got = 0;
  while (!error && (got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    error = workspace.feed(std::string_view(buffer.data(), got));
  const int status = pclose(pipe);
  if (!error && (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
    error = make_error(ErrorCode::unreadable_parquet,
                       "The Parquet file cannot be read (the reader's message is above).");
    workspace.fail_dataset(error);
  } else if (!error) {
    error = workspace.end_file();
  }
  if (Error finished = workspace.finish_dataset(); !error) error = finished;
  return error;
}

}  // namespace ascolto::cli
