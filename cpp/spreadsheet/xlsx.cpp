#include "spreadsheet/xlsx.hpp"

#include <charconv>
#include <cstdlib>

namespace ascolto::spreadsheet {

namespace {

// Collects the elements of a small part, all of it in memory.
class Collect : public XmlHandler {
 public:
  struct Element {
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;  // decoded
    int depth;
  };
  std::vector<Element> elements;
  void on_start(std::string_view name, const std::vector<XmlAttribute>& attributes, bool) override {
    Element e{std::string(name), {}, depth_++};
    for (const XmlAttribute& a : attributes)
      e.attributes.emplace_back(std::string(a.name), decoded(a.value));
    elements.push_back(std::move(e));
  }
  void on_end(std::string_view) override { --depth_; }
  void on_text(std::string_view, bool) override {}

 private:
  int depth_ = 0;
};

std::string get(const Collect::Element& e, std::string_view name) {
  for (const auto& [key, value] : e.attributes)
    if (key == name) return value;
  return {};
}

Error collect(std::string_view xml, Collect& out) {
  XmlStream stream(out);
  if (Error e = stream.feed(xml)) return e;
  return stream.finish();
}

bool truthy(std::string_view v) {
  return v == "1" || v == "true";
}

std::uint64_t to_uint(std::string_view s) {
  std::uint64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// A relationship's target, as a path in the archive: relative to xl/ or
// absolute ("/xl/worksheets/sheet1.xml").
std::string part_path(std::string target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::string base = "xl/";
  while (target.compare(0, 3, "../") == 0) {
    target.erase(0, 3);
    base.clear();
  }
  return base + target;
}

}  // namespace

std::string_view XlsxWorkbook::shared_string(std::size_t i) const {
  if (i >= string_ends.size()) return {};
  const std::uint64_t begin = i ? string_ends[i - 1] : 0;
  return std::string_view(strings).substr(begin, string_ends[i] - begin);
}

Error read_xlsx_workbook(std::string_view workbook_xml, std::string_view rels_xml,
                         XlsxWorkbook& out) {
  Collect rels, book;
  if (Error e = collect(rels_xml, rels)) return e;
  if (Error e = collect(workbook_xml, book)) return e;
  std::map<std::string, std::pair<std::string, std::string>> targets;  // id -> type, path
  const auto ends_with = [](const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  for (const auto& e : rels.elements) {
    if (e.name != "Relationship") continue;
    const std::string type = get(e, "Type");
    const std::string path = part_path(get(e, "Target"));
    targets[get(e, "Id")] = {type, path};
    if (ends_with(type, "/styles")) out.styles_path = path;
    if (ends_with(type, "/sharedStrings")) out.shared_strings_path = path;
  }
  for (const auto& e : book.elements) {
    if (e.name == "workbookPr") out.date1904 = truthy(get(e, "date1904"));
    if (e.name != "sheet") continue;
    XlsxSheet sheet;
    sheet.name = get(e, "name");
    const std::string state = get(e, "state");
    sheet.hidden = state == "hidden" || state == "veryHidden";
    const auto target = targets.find(get(e, "id"));  // r:id
    if (target != targets.end()) {
      sheet.path = target->second.second;
      sheet.chart = target->second.first.find("/chartsheet") != std::string::npos ||
                    target->second.first.find("/dialogsheet") != std::string::npos;
    }
    out.sheets.push_back(std::move(sheet));
  }
  return {};
}

Error read_xlsx_styles(std::string_view styles_xml, XlsxWorkbook& out) {
  Collect styles;
  if (Error e = collect(styles_xml, styles)) return e;
  std::map<std::uint64_t, NumberShows> custom;
  int cell_xfs_depth = -1;
  for (const auto& e : styles.elements) {
    if (cell_xfs_depth >= 0 && e.depth <= cell_xfs_depth) cell_xfs_depth = -1;
    if (e.name == "numFmt")
      custom[to_uint(get(e, "numFmtId"))] = number_format_shows(get(e, "formatCode"));
    else if (e.name == "cellXfs")
      cell_xfs_depth = e.depth;
    else if (e.name == "xf" && cell_xfs_depth >= 0 && e.depth == cell_xfs_depth + 1) {
      const std::uint64_t id = to_uint(get(e, "numFmtId"));
      const auto c = custom.find(id);
      out.styles.push_back(c != custom.end() ? c->second
                                             : builtin_format_shows(static_cast<unsigned>(id)));
    }
  }
  return {};
}

void SharedStringsHandler::on_start(std::string_view name, const std::vector<XmlAttribute>&, bool) {
  if (name == "si") {
    in_item_ = true;
    item_.clear();
  } else if (name == "rPh") {
    ++in_phonetic_;
  } else if (name == "t") {
    in_text_ = true;
  }
}

void SharedStringsHandler::on_end(std::string_view name) {
  if (name == "si") {
    in_item_ = false;
    unescape_ooxml(item_);
    out_.strings += item_;
    out_.string_ends.push_back(out_.strings.size());
  } else if (name == "rPh") {
    --in_phonetic_;
  } else if (name == "t") {
    in_text_ = false;
  }
}

void SharedStringsHandler::on_text(std::string_view text, bool encoded) {
  if (!in_item_ || !in_text_ || in_phonetic_) return;
  if (encoded)
    append_decoded(item_, text);
  else
    item_.append(text);
}

void XlsxSheetHandler::on_start(std::string_view name, const std::vector<XmlAttribute>& attributes,
                                bool self_closing) {
  if (in_cell_) {
    if (name == "v")
      in_value_ = true;
    else if (name == "f")
      has_formula_ = true;
    else if (name == "is")
      in_inline_ = true;
    else if (name == "t" && in_inline_)
      in_text_ = true;
    else if (name == "rPh")
      ++in_phonetic_;
    return;
  }
  if (name == "c") {
    in_cell_ = true;
    has_value_ = has_formula_ = false;
    value_.clear();
    const CellRef ref = parse_cell_ref(attribute(attributes, "r"));
    cell_column_ = ref.valid ? ref.column : column_;
    type_.assign(attribute(attributes, "t"));
    const std::string_view style = attribute(attributes, "s");
    std::size_t s = 0;
    std::from_chars(style.data(), style.data() + style.size(), s);
    shows_ = s < workbook_.styles.size() ? workbook_.styles[s] : NumberShows::number;
    if (self_closing) {
      // on_end follows at once.
    }
  } else if (name == "row") {
    const std::string_view r = attribute(attributes, "r");
    row_ = r.empty() ? row_ + 1 : to_uint(r);
    row_hidden_ = truthy(attribute(attributes, "hidden"));
    column_ = 0;
  } else if (name == "col") {
    if (!truthy(attribute(attributes, "hidden"))) return;
    const std::uint64_t min = to_uint(attribute(attributes, "min"));
    const std::uint64_t max = to_uint(attribute(attributes, "max"));
    for (std::uint64_t c = min; c <= max && c <= rows_.max_columns() && c > 0; ++c)
      rows_.hide_column(static_cast<std::uint32_t>(c - 1));
  } else if (name == "mergeCell") {
    rows_.add_merged();
  }
}

void XlsxSheetHandler::on_text(std::string_view text, bool encoded) {
  if (!(in_value_ || (in_inline_ && in_text_ && !in_phonetic_))) return;
  if (encoded)
    append_decoded(value_, text);
  else
    value_.append(text);
}

void XlsxSheetHandler::end_cell() {
  in_cell_ = false;
  column_ = cell_column_ + 1;
  const std::string_view t = type_;
  if (t == "inlineStr") {
    unescape_ooxml(value_);
    rows_.cell(cell_column_, value_, CellKind::text);
    return;
  }
  if (!has_value_ || (has_formula_ && value_.empty())) {
    // openpyxl and other writers that never compute leave <v/> empty.
    if (has_formula_) rows_.formula_without_value();
    return;  // a styled empty cell
  }
  if (t == "s") {
    std::size_t index = 0;
    std::from_chars(value_.data(), value_.data() + value_.size(), index);
    rows_.cell(cell_column_, workbook_.shared_string(index), CellKind::text);
  } else if (t == "str") {
    unescape_ooxml(value_);
    rows_.cell(cell_column_, value_, CellKind::text);
  } else if (t == "b") {
    rows_.cell(cell_column_, value_ == "1" ? "true" : "false", CellKind::boolean);
  } else if (t == "e") {
    rows_.cell(cell_column_, value_, CellKind::error);
  } else if (t == "d") {  // an ISO 8601 date (strict OOXML)
    std::string_view v = value_;
    if (v.size() > 19) v = v.substr(0, 19);  // fractions of a second, time zone
    if (v.size() == 19 && v.substr(10) == "T00:00:00") v = v.substr(0, 10);
    rows_.cell(cell_column_, v, CellKind::date);
  } else if (shows_ == NumberShows::percent) {
    rows_.cell(cell_column_, percent_text(value_), CellKind::number);
  } else if (shows_ != NumberShows::number) {
    const auto text = serial_to_text(parse_serial(value_), workbook_.date1904, shows_);
    if (text)
      rows_.cell(cell_column_, *text, CellKind::date);
    else
      rows_.cell(cell_column_, "#DATE? " + value_, CellKind::error);  // 29/02/1900, negative
  } else {
    rows_.cell(cell_column_, value_, CellKind::number);
  }
}

void XlsxSheetHandler::on_end(std::string_view name) {
  if (in_cell_) {
    if (name == "v") {
      in_value_ = false;
      has_value_ = true;
    } else if (name == "is") {
      in_inline_ = false;
      has_value_ = true;
    } else if (name == "t") {
      in_text_ = false;
    } else if (name == "rPh") {
      --in_phonetic_;
    } else if (name == "c") {
      end_cell();
    }
    return;
  }
  if (name == "row") {
    rows_.end_row(row_, row_hidden_);
  }
}

}  // namespace ascolto::spreadsheet
