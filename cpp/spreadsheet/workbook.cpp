#include "spreadsheet/workbook.hpp"

#include <algorithm>

namespace ascolto::spreadsheet {

namespace {

constexpr std::uint64_t kHeadBytes = 512;
constexpr std::uint64_t kMaxKeptPart = 64ull << 20;  // workbook.xml, styles: never this large

bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

// A name as an OLE2 directory entry writes it (UTF-16LE).
bool has_utf16_name(std::string_view bytes, std::string_view name) {
  std::string wide;
  for (char c : name) {
    wide += c;
    wide += '\0';
  }
  return bytes.find(wide) != std::string_view::npos;
}

class MetaHandler : public XmlHandler {
 public:
  std::uint64_t tables = 0;
  void on_start(std::string_view name, const std::vector<XmlAttribute>& attributes, bool) override {
    if (name != "document-statistic") return;
    const std::string_view v = attribute(attributes, "table-count");
    for (char c : v)
      if (c >= '0' && c <= '9') tables = tables * 10 + static_cast<std::uint64_t>(c - '0');
  }
  void on_end(std::string_view) override {}
  void on_text(std::string_view, bool) override {}
};

}  // namespace

bool looks_like_workbook(std::string_view head) {
  return looks_like_zip(head) || looks_like_compound_file(head);
}

WorkbookReader::WorkbookReader(std::string file, std::uint64_t size, WorkbookOptions options,
                               SheetSink& sheets, TextFileSink& text_files)
    : file_(std::move(file)),
      size_(size),
      options_(std::move(options)),
      sheets_(sheets),
      text_files_(text_files) {}

WorkbookReader::~WorkbookReader() = default;

ByteRequest WorkbookReader::request(Step step, std::uint64_t offset, std::uint64_t length,
                                    bool inflate, std::uint64_t inflated) {
  step_ = step;
  current_ = {inflate ? ByteRequest::Kind::inflate : ByteRequest::Kind::raw, offset, length,
              inflate ? inflated : length};
  fed_ = 0;
  bytes_.clear();
  return current_;
}

ByteRequest WorkbookReader::fail(Error error) {
  if (!error_) error_ = std::move(error);
  step_ = Step::done;
  current_ = {};
  return current_;
}

Error WorkbookReader::feed(std::string_view bytes) {
  if (error_) return error_;
  fed_ += bytes.size();
  if (fed_ > current_.inflated) {
    // The part inflates past the size its directory declared: a lie, or a bomb.
    const std::string name = part_ ? part_->entry->name : std::string("the archive");
    fail(make_error(ErrorCode::zip_bomb,
                    "The part " + name + " inflates past the " + std::to_string(current_.inflated) +
                        " bytes its archive declares (a ZIP bomb, or a damaged file): it is not "
                        "read further."));
    return error_;
  }
  if (step_ != Step::part || part_->use == Use::keep) {
    bytes_.append(bytes);
    return {};
  }
  if (part_->use == Use::text_file) return text_files_.text_bytes(bytes);
  if (Error e = stream_->feed(bytes)) return e;  // the sheet fails when the part ends
  if (sheet_rows_ && sheet_rows_->failed()) return make_error(ErrorCode::sheet_over_limits);
  if (part_->use == Use::ods_content) {
    const auto* ods = static_cast<OdsContentHandler*>(handler_.get());
    if (ods->failed()) return make_error(ErrorCode::sheet_over_limits);
  }
  return {};
}

ByteRequest WorkbookReader::next() {
  if (error_) return fail(error_);
  switch (step_) {
    case Step::start:
      return request(Step::head, 0, std::min(size_, kHeadBytes));
    case Step::head:
      return after_head();
    case Step::compound_directory:
      return after_compound_directory();
    case Step::tail:
      return after_tail();
    case Step::zip64_end: {
      if (Error e = read_zip64_end(bytes_, place_)) return fail(e);
      return read_directory_at(place_);
    }
    case Step::directory: {
      if (Error e = read_directory(bytes_, place_, size_, directory_)) return fail(e);
      return after_directory();
    }
    case Step::local_header: {
      std::uint64_t data = 0;
      if (Error e = data_offset(bytes_, *part_->entry, size_, data)) return fail(e);
      const ZipEntry& entry = *part_->entry;
      if (part_->use == Use::text_file)
        text_files_.begin_text_file(file_ + " \xc2\xb7 " + entry.name, entry.uncompressed);
      if (part_->use == Use::keep && entry.uncompressed > kMaxKeptPart)
        return fail(make_error(ErrorCode::damaged_workbook,
                               "The part " + entry.name + " is too large for what it holds."));
      return request(Step::part, data, entry.compressed, entry.method == 8, entry.uncompressed);
    }
    case Step::part:
      return after_part();
    case Step::done:
      return current_ = {};
  }
  return fail(make_error(ErrorCode::internal));
}

ByteRequest WorkbookReader::after_head() {
  if (looks_like_compound_file(bytes_)) {
    // An OLE2 file: an .xls, or an .xlsx with a password (Office encrypts
    // the whole package into one). Its directory's first sectors name its streams.
    if (bytes_.size() < 512) return fail(make_error(ErrorCode::xls_workbook));
    const unsigned shift = static_cast<unsigned>(read_le(bytes_, 30, 2));
    if (shift < 9 || shift > 16) return fail(make_error(ErrorCode::xls_workbook));
    const std::uint64_t sector = read_le(bytes_, 48, 4);
    const std::uint64_t offset = (sector + 1) << shift;
    if (offset >= size_) return fail(make_error(ErrorCode::xls_workbook));
    return request(Step::compound_directory, offset,
                   std::min<std::uint64_t>(size_ - offset, 8ull << shift));
  }
  if (!looks_like_zip(bytes_))
    return fail(make_error(ErrorCode::not_a_workbook,
                           "The file is neither a CSV file nor a workbook (.xlsx, .ods)."));
  const std::uint64_t tail = zip_tail_bytes(size_);
  return request(Step::tail, size_ - tail, tail);
}

ByteRequest WorkbookReader::after_compound_directory() {
  if (has_utf16_name(bytes_, "EncryptedPackage") || has_utf16_name(bytes_, "EncryptionInfo"))
    return fail(make_error(ErrorCode::encrypted_workbook));
  return fail(make_error(ErrorCode::xls_workbook));
}

ByteRequest WorkbookReader::after_tail() {
  const std::string tail = std::move(bytes_);
  if (Error e = find_directory(tail, size_, place_)) return fail(e);
  const std::uint64_t tail_start = size_ - tail.size();
  if (place_.zip64) {
    if (place_.zip64_offset >= tail_start) {
      if (Error e = read_zip64_end(
              std::string_view(tail).substr(place_.zip64_offset - tail_start, 56), place_))
        return fail(e);
    } else {
      return request(Step::zip64_end, place_.zip64_offset, 56);
    }
  }
  if (place_.offset >= tail_start) {  // the directory is in the tail already
    if (Error e = spreadsheet::read_directory(
            std::string_view(tail).substr(place_.offset - tail_start, place_.size), place_, size_,
            directory_))
      return fail(e);
    return after_directory();
  }
  return read_directory_at(place_);
}

ByteRequest WorkbookReader::read_directory_at(const DirectoryPlace& place) {
  if (place.size > (64ull << 20) || place.offset + place.size > size_)
    return fail(make_error(ErrorCode::damaged_zip));
  return request(Step::directory, place.offset, place.size);
}

ByteRequest WorkbookReader::after_directory() {
  for (const ZipEntry& e : directory_.entries)
    if (e.encrypted()) return fail(make_error(ErrorCode::encrypted_workbook));
  const auto add = [&](const char* name, Use use, bool optional) {
    if (const ZipEntry* e = directory_.find(name)) parts_.push_back({e, use, 0, optional});
  };
  if (directory_.find("xl/workbook.bin")) return fail(make_error(ErrorCode::xlsb_workbook));
  if (directory_.find("xl/workbook.xml")) {
    format_ = "xlsx";
    // The styles, shared strings and sheets follow, where the
    // relationships say (plan_xlsx_parts).
    add("xl/workbook.xml", Use::keep, false);
    add("xl/_rels/workbook.xml.rels", Use::keep, false);
    return next_part();
  }
  if (directory_.find("content.xml")) {
    format_ = "ods";
    add("META-INF/manifest.xml", Use::keep, true);
    add("meta.xml", Use::keep, true);
    add("content.xml", Use::ods_content, false);
    return next_part();
  }
  for (const ZipEntry& e : directory_.entries)
    if (ends_with(e.name, ".csv") || ends_with(e.name, ".tsv") || ends_with(e.name, ".txt"))
      if (e.name.find("__MACOSX/") != 0) parts_.push_back({&e, Use::text_file, 0, false});
  if (parts_.empty()) return fail(make_error(ErrorCode::not_a_workbook));
  format_ = "zip";
  return next_part();
}

ByteRequest WorkbookReader::next_part() {
  part_.reset();
  if (parts_.empty()) {
    step_ = Step::done;
    return current_ = {};
  }
  part_ = parts_.front();
  parts_.pop_front();
  const ZipEntry& entry = *part_->entry;
  if (Error e = check_entry(entry, options_.limits)) return fail(e);
  handler_.reset();
  stream_.reset();
  sheet_rows_.reset();
  switch (part_->use) {
    case Use::shared_strings:
      handler_ = std::make_unique<SharedStringsHandler>(xlsx_);
      break;
    case Use::sheet: {
      const XlsxSheet& sheet = xlsx_.sheets[part_->sheet];
      SheetFacts facts = facts_of(sheet.name, part_->sheet);
      facts.date_system = xlsx_.date1904 ? "1904" : "1900";
      SheetOptions options = sheet_options();
      options.read_any = picked(sheet.name) || xlsx_.sheets.size() == 1;
      sheet_rows_ = std::make_unique<SheetRows>(std::move(facts), sheets_, options);
      handler_ = std::make_unique<XlsxSheetHandler>(xlsx_, *sheet_rows_);
      break;
    }
    case Use::ods_content:
      handler_ = std::make_unique<OdsContentHandler>(
          [this](const std::string& name, bool hidden) { return ods_sheet(name, hidden); });
      break;
    default:
      break;
  }
  if (handler_) stream_ = std::make_unique<XmlStream>(*handler_);
  return request(Step::local_header, entry.local_offset, kLocalHeaderBytes);
}

SheetFacts WorkbookReader::facts_of(const std::string& sheet, std::size_t index) const {
  SheetFacts facts;
  facts.index = index;
  facts.workbook = file_;
  facts.format = format_;
  facts.sheet = sheet;
  return facts;
}

SheetOptions WorkbookReader::sheet_options() const {
  SheetOptions options;
  options.header = options_.header;
  options.read_any = false;
  options.max_text_bytes = options_.limits.max_sheet_text;
  if (format_ == "ods") options.max_rows = 16777216;  // LibreOffice's largest sheet
  return options;
}

bool WorkbookReader::picked(const std::string& sheet) const {
  return std::find(options_.sheets.begin(), options_.sheets.end(), sheet) != options_.sheets.end();
}

std::unique_ptr<SheetRows> WorkbookReader::ods_sheet(const std::string& name, bool hidden) {
  SheetFacts facts = facts_of(name, ods_sheets_++);
  if (!options_.sheets.empty() && !picked(name)) {
    sheets_.skip_sheet(facts, "not_picked");
    return nullptr;
  }
  if (hidden && !picked(name)) {
    sheets_.skip_sheet(facts, "hidden");
    return nullptr;
  }
  SheetOptions options = sheet_options();
  options.read_any = picked(name) || ods_tables_ == 1;
  return std::make_unique<SheetRows>(std::move(facts), sheets_, options);
}

Error WorkbookReader::finish_stream_part() {
  Error e = stream_->finish();
  if (part_->use == Use::sheet) sheet_rows_->finish(e);
  if (part_->use == Use::ods_content) static_cast<OdsContentHandler*>(handler_.get())->finish(e);
  return part_->use == Use::shared_strings ? e : Error{};
}

ByteRequest WorkbookReader::after_part() {
  switch (part_->use) {
    case Use::keep: {
      if (bytes_.size() > kMaxKeptPart) return fail(make_error(ErrorCode::damaged_workbook));
      // Which part this is: names compared as the directory finds them
      // (case-insensitively).
      const auto is = [&](const std::string& name) {
        return part_->entry == directory_.find(name);
      };
      if (is("xl/workbook.xml")) {
        workbook_xml_ = std::move(bytes_);
      } else if (is("xl/_rels/workbook.xml.rels")) {
        rels_xml_ = std::move(bytes_);
        if (Error e = read_xlsx_workbook(workbook_xml_, rels_xml_, xlsx_)) return fail(e);
        if (const ZipEntry* styles = directory_.find(xlsx_.styles_path))
          parts_.push_back({styles, Use::keep, 0, true});
        if (const ZipEntry* strings = directory_.find(xlsx_.shared_strings_path))
          parts_.push_back({strings, Use::shared_strings, 0, true});
        plan_xlsx_sheets();
      } else if (is(xlsx_.styles_path)) {
        if (Error e = read_xlsx_styles(bytes_, xlsx_)) return fail(e);
      } else if (is("META-INF/manifest.xml")) {
        if (bytes_.find("encryption-data") != std::string::npos)
          return fail(make_error(ErrorCode::encrypted_workbook));
      } else if (is("meta.xml")) {
        MetaHandler meta;
        XmlStream stream(meta);
        if (!stream.feed(bytes_) && !stream.finish()) ods_tables_ = meta.tables;
      }
      break;
    }
    case Use::text_file:
      text_files_.end_text_file();
      break;
    default:
      if (Error e = finish_stream_part()) return fail(e);
      break;
  }
  bytes_.clear();
  return next_part();
}

void WorkbookReader::plan_xlsx_sheets() {
  // Sheets go after the shared strings and styles, in the workbook's order.
  for (std::size_t i = 0; i < xlsx_.sheets.size(); ++i) {
    const XlsxSheet& sheet = xlsx_.sheets[i];
    SheetFacts facts = facts_of(sheet.name, i);
    const ZipEntry* entry = directory_.find(sheet.path);
    if (!options_.sheets.empty() && !picked(sheet.name)) {
      sheets_.skip_sheet(facts, "not_picked");
    } else if (sheet.chart) {
      sheets_.skip_sheet(facts, "chart");
    } else if (sheet.hidden && !picked(sheet.name)) {
      sheets_.skip_sheet(facts, "hidden");
    } else if (!entry) {
      sheets_.skip_sheet(facts, "missing");
    } else {
      parts_.push_back({entry, Use::sheet, i, false});
    }
  }
}

}  // namespace ascolto::spreadsheet
