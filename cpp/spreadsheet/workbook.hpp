// Reads a workbook (.xlsx, .ods) or a ZIP of CSV files by random access:
// the reader says which bytes it needs next (ByteRequest), the caller reads
// them and, when asked, inflates them (zlib in the CLI, the platform's
// DecompressionStream in JS), and feeds them back. All the format knowledge
// (the ZIP container, which parts to read in which order, what they mean)
// is here; the caller only moves bytes.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "spreadsheet/ods.hpp"
#include "spreadsheet/sheet_rows.hpp"
#include "spreadsheet/xlsx.hpp"
#include "spreadsheet/xml.hpp"
#include "spreadsheet/zip.hpp"

namespace ascolto::spreadsheet {

/// The file's first bytes say it is a workbook or a ZIP (or an old Office
/// file, which the reader names): read it with WorkbookReader, not as CSV.
bool looks_like_workbook(std::string_view head);

struct ByteRequest {
  enum class Kind : std::uint8_t { done, raw, inflate };
  Kind kind = Kind::done;
  std::uint64_t offset = 0, length = 0;
  std::uint64_t inflated = 0;  ///< the bytes the caller will feed, once inflated
};

/// A CSV file inside a ZIP archive: the workspace reads it as any CSV.
class TextFileSink {
 public:
  virtual ~TextFileSink() = default;
  virtual void begin_text_file(const std::string& name, std::uint64_t size) = 0;
  virtual Error text_bytes(std::string_view bytes) = 0;
  virtual void end_text_file() = 0;
};

struct WorkbookOptions {
  std::vector<std::string> sheets;  ///< picked by name: only these (empty: every table)
  std::optional<bool> header;
  InflateLimits limits;
};

class WorkbookReader {
 public:
  WorkbookReader(std::string file, std::uint64_t size, WorkbookOptions options, SheetSink& sheets,
                 TextFileSink& text_files);
  ~WorkbookReader();

  /// Ends the request before (its bytes were all fed) and says what to read
  /// next; done when the workbook is read or failed (see error()).
  ByteRequest next();
  /// Bytes of the current request, in order (inflated when it said so). An
  /// error means: stop feeding, call next().
  Error feed(std::string_view bytes);
  /// The caller could not read or inflate the bytes: the workbook fails.
  void abort(Error error) { fail(std::move(error)); }
  /// Why the whole file could not be read (damaged ZIP, password, .xls).
  const Error& error() const { return error_; }
  /// "xlsx", "ods", "zip" or "" while unknown.
  const std::string& format() const { return format_; }

 private:
  enum class Step : std::uint8_t {
    start,
    head,
    compound_directory,
    tail,
    zip64_end,
    directory,
    local_header,
    part,
    done
  };
  enum class Use : std::uint8_t { keep, shared_strings, sheet, ods_content, text_file };
  struct Part {
    const ZipEntry* entry;
    Use use;
    std::size_t sheet = 0;  // of the xlsx workbook
    bool optional = false;
  };

  ByteRequest request(Step step, std::uint64_t offset, std::uint64_t length, bool inflate = false,
                      std::uint64_t inflated = 0);
  ByteRequest fail(Error error);
  /// What the bytes of the step just ended mean, and the request after.
  ByteRequest after_head();
  ByteRequest after_compound_directory();
  ByteRequest after_tail();
  ByteRequest read_directory_at(const DirectoryPlace& place);
  ByteRequest after_directory();
  ByteRequest after_part();
  ByteRequest next_part();
  void plan_xlsx_sheets();
  bool picked(const std::string& sheet) const;
  SheetFacts facts_of(const std::string& sheet, std::size_t index) const;
  SheetOptions sheet_options() const;
  std::unique_ptr<SheetRows> ods_sheet(const std::string& name, bool hidden);
  Error finish_stream_part();

  std::string file_;
  std::uint64_t size_;
  WorkbookOptions options_;
  SheetSink& sheets_;
  TextFileSink& text_files_;
  Error error_;
  std::string format_;
  Step step_ = Step::start;
  ByteRequest current_;
  std::uint64_t fed_ = 0;
  std::string bytes_;  // the current request's bytes, when they are kept
  DirectoryPlace place_;
  ZipDirectory directory_;
  std::deque<Part> parts_;
  std::optional<Part> part_;
  std::string workbook_xml_, rels_xml_;
  XlsxWorkbook xlsx_;
  std::size_t ods_sheets_ = 0;  // sheets met in content.xml
  std::size_t ods_tables_ = 0;  // sheets that content.xml declares (from settings: unknown)
  // The part being streamed.
  std::unique_ptr<XmlHandler> handler_;
  std::unique_ptr<XmlStream> stream_;
  std::unique_ptr<SheetRows> sheet_rows_;
};

}  // namespace ascolto::spreadsheet
