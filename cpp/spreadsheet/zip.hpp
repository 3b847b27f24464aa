// The ZIP container of .xlsx and .ods workbooks: the central directory, the
// local headers, and the limits that refuse a damaged archive or a ZIP bomb
// before its bytes are inflated. Inflating is the caller's (zlib natively,
// the platform's DecompressionStream in JS): this file only says which bytes
// hold which entry.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace ascolto::spreadsheet {

struct ZipEntry {
  std::string name;
  std::uint64_t local_offset = 0;  ///< of the entry's local header
  std::uint64_t compressed = 0;
  std::uint64_t uncompressed = 0;
  std::uint16_t method = 0;  ///< 0 stored, 8 deflate
  std::uint16_t flags = 0;
  bool encrypted() const { return flags & 1u; }
};

struct ZipDirectory {
  std::vector<ZipEntry> entries;
  /// The entry with this exact name, or nullptr.
  const ZipEntry* find(std::string_view name) const;
};

/// `bytes` little-endian bytes at `at` as a number (ZIP and OLE2 headers).
std::uint64_t read_le(std::string_view b, std::size_t at, int bytes);

/// The archive's first bytes say ZIP ("PK\3\4", or an empty archive).
bool looks_like_zip(std::string_view head);
/// The first bytes of an OLE2 compound file: an old .xls, or an encrypted
/// .xlsx (Office wraps those in one).
bool looks_like_compound_file(std::string_view head);

/// How many bytes at the end of a file hold the end-of-central-directory
/// record (with its comment): the tail to read first.
std::uint64_t zip_tail_bytes(std::uint64_t file_size);

/// Where the central directory is, from the tail: {offset, size}. Fails
/// with zip_damaged when the tail holds no end record.
struct DirectoryPlace {
  std::uint64_t offset = 0, size = 0, entries = 0;
  /// A ZIP64 archive: the end record's own ZIP64 record must be read
  /// first, at `zip64_offset` (56 bytes).
  bool zip64 = false;
  std::uint64_t zip64_offset = 0;
};
Error find_directory(std::string_view tail, std::uint64_t file_size, DirectoryPlace& out);
/// Reads the ZIP64 end record (56 bytes at place.zip64_offset) into place.
Error read_zip64_end(std::string_view record, DirectoryPlace& place);
/// Parses the central directory (place.size bytes at place.offset).
Error read_directory(std::string_view bytes, const DirectoryPlace& place, std::uint64_t file_size,
                     ZipDirectory& out);

/// The local header of an entry is 30 bytes plus its name and extra field;
/// from its first 30 bytes, where the entry's data starts.
inline constexpr std::uint64_t kLocalHeaderBytes = 30;
Error data_offset(std::string_view local_header, const ZipEntry& entry, std::uint64_t file_size,
                  std::uint64_t& out);

/// Refuses an entry whose inflated size is out of proportion (a ZIP bomb)
/// or beyond what a workbook part may hold, before any byte is inflated.
struct InflateLimits {
  std::uint64_t max_ratio = 1000;        ///< inflated / compressed bytes
  std::uint64_t max_entry = 8ull << 30;  ///< inflated bytes of one part
  /// Cell text of one sheet with its repetitions expanded (ODF's repeated
  /// rows and cells, a shared string used again and again): a few bytes of
  /// XML can ask for terabytes. More than a browser's memory holds.
  std::uint64_t max_sheet_text = 2ull << 30;
};
Error check_entry(const ZipEntry& entry, const InflateLimits& limits);

}  // namespace ascolto::spreadsheet
