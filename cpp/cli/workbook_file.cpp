#include "cli/workbook_file.hpp"

#include <zlib.h>

#include <fstream>
#include <vector>

namespace ascolto::cli {

namespace {

constexpr std::size_t kChunkBytes = 1u << 20;

using Kind = spreadsheet::ByteRequest::Kind;

// Feeds `length` bytes at `offset`, inflated (raw deflate) when asked.
Error feed_range(report::Workspace& workspace, std::ifstream& in,
                 const spreadsheet::ByteRequest& request) {
  in.clear();
  in.seekg(static_cast<std::streamoff>(request.offset));
  std::vector<char> input(kChunkBytes), output(kChunkBytes);
  z_stream z{};
  const bool inflating = request.kind == Kind::inflate;
  if (inflating && inflateInit2(&z, -MAX_WBITS) != Z_OK)
    return make_error(ErrorCode::out_of_memory);
  Error result;
  std::uint64_t left = request.length;
  bool ended = false;
  while (left > 0 && !ended && !result) {
    in.read(input.data(), static_cast<std::streamsize>(std::min<std::uint64_t>(left, kChunkBytes)));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) {
      result = make_error(ErrorCode::io_error, "the file ends before its archive says");
      break;
    }
    left -= got;
    if (!inflating) {
      if (workspace.workbook_feed(std::string_view(input.data(), got))) break;
      continue;
    }
    z.next_in = reinterpret_cast<Bytef*>(input.data());
    z.avail_in = static_cast<uInt>(got);
    while (z.avail_in > 0 && !ended) {
      z.next_out = reinterpret_cast<Bytef*>(output.data());
      z.avail_out = static_cast<uInt>(output.size());
      const int status = inflate(&z, Z_NO_FLUSH);
      if (status != Z_OK && status != Z_STREAM_END) {
        result = make_error(ErrorCode::damaged_zip,
                            "A part of the workbook does not inflate: the file is damaged.");
        break;
      }
      const std::size_t produced = output.size() - z.avail_out;
      if (produced && workspace.workbook_feed(std::string_view(output.data(), produced))) {
        ended = true;  // the core has refused: stop this part
        break;
      }
      if (status == Z_STREAM_END) ended = true;
    }
  }
  if (inflating) inflateEnd(&z);
  return result;
}

}  // namespace

bool is_workbook_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[8] = {};
  in.read(head, sizeof head);
  return report::Workspace::is_workbook(
      std::string_view(head, static_cast<std::size_t>(in.gcount())));
}

Error read_workbook_file(report::Workspace& workspace, const std::string& path,
                         const std::string& name) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return make_error(ErrorCode::io_error, "cannot open the file");
  const auto size = static_cast<std::uint64_t>(in.tellg());
  if (Error e = workspace.begin_workbook(name, size)) return e;
  for (;;) {
    const spreadsheet::ByteRequest request = workspace.workbook_next();
    if (request.kind == Kind::done) break;
    if (Error e = feed_range(workspace, in, request)) workspace.workbook_fail(e);
  }
  return workspace.workbook_error();
}

}  // namespace ascolto::cli
