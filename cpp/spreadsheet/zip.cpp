#include "spreadsheet/zip.hpp"

#include <algorithm>

namespace ascolto::spreadsheet {

std::uint64_t read_le(std::string_view b, std::size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
  return v;
}

namespace {

constexpr std::uint32_t kEndSignature = 0x06054b50;
constexpr std::uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr std::uint32_t kZip64EndSignature = 0x06064b50;
constexpr std::uint32_t kCentralSignature = 0x02014b50;
constexpr std::uint32_t kLocalSignature = 0x04034b50;
constexpr std::uint64_t kEndBytes = 22;
constexpr std::uint64_t kMaxComment = 65535;
constexpr std::uint64_t kMaxDirectory = 64ull << 20;  // ~500,000 entries: no workbook has more

Error damaged(const std::string& what) {
  return make_error(ErrorCode::damaged_zip,
                    "The file is a damaged ZIP archive (" + what +
                        "): save it again from Excel or LibreOffice, or export the sheet as CSV.");
}

}  // namespace

const ZipEntry* ZipDirectory::find(std::string_view name) const {
  // Part names are case-insensitive (OPC): "xl/SharedStrings.xml" is the
  // shared strings too. An exact match wins.
  const auto lower = [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  };
  const ZipEntry* folded = nullptr;
  for (const ZipEntry& e : entries) {
    if (e.name == name) return &e;
    if (!folded && e.name.size() == name.size() &&
        std::equal(e.name.begin(), e.name.end(), name.begin(),
                   [&](char a, char b) { return lower(a) == lower(b); }))
      folded = &e;
  }
  return folded;
}

bool looks_like_zip(std::string_view head) {
  return head.size() >= 4 && head[0] == 'P' && head[1] == 'K' &&
         ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
}

bool looks_like_compound_file(std::string_view head) {
  static constexpr unsigned char kMagic[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  if (head.size() < sizeof kMagic) return false;
  for (std::size_t i = 0; i < sizeof kMagic; ++i)
    if (static_cast<unsigned char>(head[i]) != kMagic[i]) return false;
  return true;
}

std::uint64_t zip_tail_bytes(std::uint64_t file_size) {
  return std::min(file_size, kEndBytes + kMaxComment + 20);  // + the ZIP64 locator
}

Error find_directory(std::string_view tail, std::uint64_t file_size, DirectoryPlace& out) {
  if (tail.size() < kEndBytes) return damaged("too short for a ZIP archive");
  const std::uint64_t tail_start = file_size - tail.size();
  // The end record is the last signature whose comment reaches the end exactly.
  for (std::size_t at = tail.size() - kEndBytes + 1; at-- > 0;) {
    if (read_le(tail, at, 4) != kEndSignature) continue;
    if (at + kEndBytes + read_le(tail, at + 20, 2) != tail.size()) continue;
    out.entries = read_le(tail, at + 10, 2);
    out.size = read_le(tail, at + 12, 4);
    out.offset = read_le(tail, at + 16, 4);
    out.zip64 = out.offset == 0xFFFFFFFFu || out.size == 0xFFFFFFFFu || out.entries == 0xFFFFu;
    if (out.zip64) {
      if (at < 20 || read_le(tail, at - 20, 4) != kZip64LocatorSignature)
        return damaged("a ZIP64 archive without its locator");
      out.zip64_offset = read_le(tail, at - 20 + 8, 8);
      if (out.zip64_offset + 56 > tail_start + at)
        return damaged("the ZIP64 record is out of place");
      return {};
    }
    if (out.offset + out.size > tail_start + at)
      return damaged("the central directory lies past the end of the file");
    return {};
  }
  return damaged("no end-of-directory record: the file is cut short or not a ZIP");
}

Error read_zip64_end(std::string_view record, DirectoryPlace& place) {
  if (record.size() < 56 || read_le(record, 0, 4) != kZip64EndSignature)
    return damaged("the ZIP64 end record is missing");
  place.entries = read_le(record, 32, 8);
  place.size = read_le(record, 40, 8);
  place.offset = read_le(record, 48, 8);
  place.zip64 = false;
  if (place.offset + place.size > place.zip64_offset)
    return damaged("the central directory lies past the end of the file");
  return {};
}

Error read_directory(std::string_view bytes, const DirectoryPlace& place, std::uint64_t file_size,
                     ZipDirectory& out) {
  if (place.size > kMaxDirectory) return damaged("a central directory of implausible size");
  if (bytes.size() != place.size) return damaged("the central directory is cut short");
  out.entries.clear();
  std::size_t at = 0;
  while (at + 46 <= bytes.size()) {
    if (read_le(bytes, at, 4) != kCentralSignature)
      return damaged("a broken central directory entry");
    ZipEntry e;
    e.flags = static_cast<std::uint16_t>(read_le(bytes, at + 8, 2));
    e.method = static_cast<std::uint16_t>(read_le(bytes, at + 10, 2));
    e.compressed = read_le(bytes, at + 20, 4);
    e.uncompressed = read_le(bytes, at + 24, 4);
    const std::size_t name_len = read_le(bytes, at + 28, 2);
    const std::size_t extra_len = read_le(bytes, at + 30, 2);
    const std::size_t comment_len = read_le(bytes, at + 32, 2);
    e.local_offset = read_le(bytes, at + 42, 4);
    const std::size_t next = at + 46 + name_len + extra_len + comment_len;
    if (next > bytes.size()) return damaged("a central directory entry is cut short");
    e.name.assign(bytes.substr(at + 46, name_len));
    // ZIP64 sizes and offset, in this order, for the fields that say 0xFFFFFFFF.
    std::size_t x = at + 46 + name_len;
    const std::size_t extra_end = x + extra_len;
    while (x + 4 <= extra_end) {
      const std::uint64_t id = read_le(bytes, x, 2);
      const std::size_t len = read_le(bytes, x + 2, 2);
      std::size_t f = x + 4;
      const std::size_t field_end = std::min(extra_end, f + len);
      if (id == 0x0001) {
        for (std::uint64_t* value : {&e.uncompressed, &e.compressed, &e.local_offset}) {
          if (*value != 0xFFFFFFFFu) continue;
          if (f + 8 > field_end) return damaged("a ZIP64 field is cut short");
          *value = read_le(bytes, f, 8);
          f += 8;
        }
      }
      x += 4 + len;
    }
    if (e.local_offset + kLocalHeaderBytes + e.compressed > file_size)
      return damaged("an entry lies past the end of the file");
    out.entries.push_back(std::move(e));
    at = next;
  }
  return {};
}

Error data_offset(std::string_view local_header, const ZipEntry& entry, std::uint64_t file_size,
                  std::uint64_t& out) {
  if (local_header.size() < kLocalHeaderBytes || read_le(local_header, 0, 4) != kLocalSignature)
    return damaged("the entry " + entry.name + " has no local header");
  out = entry.local_offset + kLocalHeaderBytes + read_le(local_header, 26, 2) +
        read_le(local_header, 28, 2);
  if (out + entry.compressed > file_size)
    return damaged("the entry " + entry.name + " lies past the end of the file");
  return {};
}

Error check_entry(const ZipEntry& entry, const InflateLimits& limits) {
  if (entry.method != 0 && entry.method != 8)
    return damaged("the entry " + entry.name + " uses compression method " +
                   std::to_string(entry.method) + ", which no workbook writer uses");
  if (entry.method == 0 && entry.compressed != entry.uncompressed)
    return damaged("the stored entry " + entry.name + " has two sizes");
  if (entry.uncompressed > limits.max_entry ||
      entry.uncompressed > limits.max_ratio * std::max<std::uint64_t>(entry.compressed, 1) + 4096)
    return make_error(ErrorCode::zip_bomb,
                      "The part " + entry.name + " would inflate from " +
                          std::to_string(entry.compressed) + " to " +
                          std::to_string(entry.uncompressed) +
                          " bytes: out of proportion for a workbook (a ZIP bomb?). It is not "
                          "read.");
  return {};
}

}  // namespace ascolto::spreadsheet
