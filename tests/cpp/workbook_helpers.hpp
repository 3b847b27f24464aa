// Workbooks built in the tests: a ZIP writer (stored or deflated entries,
// zlib) and a driver that serves a WorkbookReader's byte requests from
// memory, in pieces of any size.
#pragma once

#include <zlib.h>

#include <string>
#include <utility>
#include <vector>

#include "spreadsheet/workbook.hpp"

namespace test {

struct ZipPart {
  std::string name;
  std::string content;
};

inline void put(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

inline std::string deflate_raw(const std::string& in) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(in.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

/// A ZIP archive of the parts; `declared` overrides an entry's inflated
/// size in the directory (to lie, as a ZIP bomb does).
inline std::string make_zip(const std::vector<ZipPart>& parts, bool deflate = true,
                            std::uint16_t flags = 0, std::uint64_t declared = 0) {
  std::string out, directory;
  for (const ZipPart& p : parts) {
    const std::string data = deflate ? deflate_raw(p.content) : p.content;
    const auto crc = crc32(0, reinterpret_cast<const Bytef*>(p.content.data()),
                           static_cast<uInt>(p.content.size()));
    const std::uint64_t size = declared ? declared : p.content.size();
    const std::uint64_t offset = out.size();
    put(out, 0x04034b50, 4);
    put(out, 20, 2);
    put(out, flags, 2);
    put(out, deflate ? 8 : 0, 2);
    put(out, 0, 4);
    put(out, crc, 4);
    put(out, data.size(), 4);
    put(out, size, 4);
    put(out, p.name.size(), 2);
    put(out, 0, 2);
    out += p.name;
    out += data;
    put(directory, 0x02014b50, 4);
    put(directory, 20, 2);
    put(directory, 20, 2);
    put(directory, flags, 2);
    put(directory, deflate ? 8 : 0, 2);
    put(directory, 0, 4);
    put(directory, crc, 4);
    put(directory, data.size(), 4);
    put(directory, size, 4);
    put(directory, p.name.size(), 2);
    put(directory, 0, 2);
    put(directory, 0, 2);
    put(directory, 0, 2);
    put(directory, 0, 2);
    put(directory, 0, 4);
    put(directory, offset, 4);
    directory += p.name;
  }
  const std::uint64_t directory_offset = out.size();
  out += directory;
  put(out, 0x06054b50, 4);
  put(out, 0, 2);
  put(out, 0, 2);
  put(out, parts.size(), 2);
  put(out, parts.size(), 2);
  put(out, directory.size(), 4);
  put(out, directory_offset, 4);
  put(out, 0, 2);
  return out;
}

/// The same archive with a ZIP64 end of directory (as writers of archives
/// over 4 GiB or 65,535 entries write it): the classic record says "see
/// ZIP64" and the ZIP64 record holds the directory's place.
inline std::string as_zip64(const std::string& zip) {
  const std::size_t end = zip.size() - 22;
  auto read = [&](std::size_t at, int bytes) {
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(zip[at + i]);
    return v;
  };
  const std::uint64_t entries = read(end + 10, 2), size = read(end + 12, 4),
                      offset = read(end + 16, 4);
  std::string out = zip.substr(0, end);
  const std::uint64_t record = out.size();
  put(out, 0x06064b50, 4);
  put(out, 44, 8);
  put(out, 45, 2);
  put(out, 45, 2);
  put(out, 0, 4);
  put(out, 0, 4);
  put(out, entries, 8);
  put(out, entries, 8);
  put(out, size, 8);
  put(out, offset, 8);
  put(out, 0x07064b50, 4);
  put(out, 0, 4);
  put(out, record, 8);
  put(out, 1, 4);
  put(out, 0x06054b50, 4);
  put(out, 0, 2);
  put(out, 0, 2);
  put(out, 0xFFFF, 2);
  put(out, 0xFFFF, 2);
  put(out, 0xFFFFFFFF, 4);
  put(out, 0xFFFFFFFF, 4);
  put(out, 0, 2);
  return out;
}

/// Raw deflate undone; what inflates before an error is kept.
inline std::string inflate_raw(std::string_view in) {
  std::string out;
  z_stream z{};
  inflateInit2(&z, -MAX_WBITS);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  char buffer[4096];
  int status = Z_OK;
  while (status == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    status = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
    if (status == Z_BUF_ERROR && z.avail_in == 0) break;
  }
  inflateEnd(&z);
  return out;
}

/// Serves byte requests (`next` returns a ByteRequest) from `file`, fed
/// through `feed` (false: stop this request) in pieces of `piece` bytes.
template <typename Next, typename Feed>
void serve(const std::string& file, std::size_t piece, Next next, Feed feed) {
  using Kind = ascolto::spreadsheet::ByteRequest::Kind;
  for (;;) {
    const auto r = next();
    if (r.kind == Kind::done) return;
    std::string bytes = r.offset < file.size() ? file.substr(r.offset, r.length) : std::string();
    if (r.kind == Kind::inflate) bytes = inflate_raw(bytes);
    for (std::size_t i = 0; i < bytes.size(); i += piece)
      if (!feed(std::string_view(bytes).substr(i, piece))) break;
  }
}

/// Serves a WorkbookReader's requests from `file`.
inline void drive(ascolto::spreadsheet::WorkbookReader& reader, const std::string& file,
                  std::size_t piece) {
  serve(
      file, piece, [&] { return reader.next(); },
      [&](std::string_view bytes) { return !reader.feed(bytes); });
}

/// An .xlsx of sheets given as sheetData XML, with optional extra parts.
inline std::string make_xlsx(const std::vector<std::pair<std::string, std::string>>& sheets,
                             const std::string& shared_strings = "", const std::string& styles = "",
                             bool date1904 = false, std::vector<ZipPart> extra = {}) {
  std::string book =
      "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/"
      "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
      "officeDocument/2006/relationships\">";
  if (date1904) book += "<workbookPr date1904=\"1\"/>";
  book += "<sheets>";
  std::string rels = "<?xml version=\"1.0\"?><Relationships>";
  std::vector<ZipPart> parts;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    book += "<sheet name=\"" + sheets[i].first + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            "worksheet\" Target=\"worksheets/sheet" +
            n + ".xml\"/>";
    parts.push_back({"xl/worksheets/sheet" + n + ".xml",
                     "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                     "spreadsheetml/2006/main\">" +
                         sheets[i].second + "</worksheet>"});
  }
  book += "</sheets></workbook>";
  rels += "</Relationships>";
  parts.insert(parts.begin(), {{"[Content_Types].xml", "<Types/>"},
                               {"xl/workbook.xml", book},
                               {"xl/_rels/workbook.xml.rels", rels}});
  if (!shared_strings.empty())
    parts.push_back({"xl/sharedStrings.xml", "<sst>" + shared_strings + "</sst>"});
  if (!styles.empty())
    parts.push_back({"xl/styles.xml", "<styleSheet>" + styles + "</styleSheet>"});
  for (auto& p : extra) parts.push_back(std::move(p));
  return make_zip(parts);
}

}  // namespace test
