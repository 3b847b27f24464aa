#include "spreadsheet/xml.hpp"

#include <cstring>

#include "csv/byte_scan.hpp"
#include "csv/encoding.hpp"

namespace ascolto::spreadsheet {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

std::string_view local_name(std::string_view name) {
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

Error malformed(const std::string& what) {
  return make_error(ErrorCode::damaged_workbook,
                    "A part of the workbook is not well-formed XML (" + what +
                        "): save it again from Excel or LibreOffice, or export the sheet as CSV.");
}

// A character reference's code point, or U+FFFD for one XML cannot hold.
void append_reference(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  csv::append_utf8(out, cp);
}

}  // namespace

std::string_view attribute(const std::vector<XmlAttribute>& attributes, std::string_view name) {
  for (const XmlAttribute& a : attributes)
    if (a.name == name) return a.value;
  return {};
}

void append_decoded(std::string& out, std::string_view raw) {
  std::size_t at = 0;
  while (at < raw.size()) {
    const std::size_t amp = raw.find('&', at);
    if (amp == std::string_view::npos) {
      out.append(raw.substr(at));
      return;
    }
    out.append(raw.substr(at, amp - at));
    const std::size_t semi = raw.find(';', amp);
    if (semi == std::string_view::npos || semi - amp > 12) {
      out += '&';  // a bare ampersand: kept as written
      at = amp + 1;
      continue;
    }
    const std::string_view entity = raw.substr(amp + 1, semi - amp - 1);
    if (entity == "lt")
      out += '<';
    else if (entity == "gt")
      out += '>';
    else if (entity == "amp")
      out += '&';
    else if (entity == "quot")
      out += '"';
    else if (entity == "apos")
      out += '\'';
    else if (entity.size() > 1 && entity[0] == '#') {
      std::uint32_t cp = 0;
      const bool hex = entity[1] == 'x' || entity[1] == 'X';
      bool valid = entity.size() > (hex ? 2u : 1u);
      for (std::size_t i = hex ? 2 : 1; i < entity.size() && valid; ++i) {
        const char c = entity[i];
        int digit = -1;
        if (c >= '0' && c <= '9')
          digit = c - '0';
        else if (hex && c >= 'a' && c <= 'f')
          digit = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F')
          digit = c - 'A' + 10;
        if (digit < 0 || cp > 0x10FFFF)
          valid = false;
        else
          cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
      }
      if (valid)
        append_reference(out, cp);
      else
        out.append(raw.substr(amp, semi - amp + 1));
    } else {
      out.append(raw.substr(amp, semi - amp + 1));  // unknown entity: as written
    }
    at = semi + 1;
  }
}

std::string decoded(std::string_view raw) {
  std::string out;
  append_decoded(out, raw);
  return out;
}

bool XmlStream::start_tag(std::string_view tag) {
  // tag: between '<' and '>' exclusive, e.g. c r="A1" t="s" or row/
  bool self_closing = !tag.empty() && tag.back() == '/';
  if (self_closing) tag.remove_suffix(1);
  std::size_t i = 0;
  while (i < tag.size() && !is_space(tag[i])) ++i;
  const std::string_view name = local_name(tag.substr(0, i));
  if (name.empty()) {
    error_ = malformed("a tag without a name");
    return false;
  }
  attributes_.clear();
  while (i < tag.size()) {
    while (i < tag.size() && is_space(tag[i])) ++i;
    if (i >= tag.size()) break;
    const std::size_t name_start = i;
    while (i < tag.size() && tag[i] != '=' && !is_space(tag[i])) ++i;
    const std::string_view attr_name = tag.substr(name_start, i - name_start);
    while (i < tag.size() && is_space(tag[i])) ++i;
    if (i >= tag.size() || tag[i] != '=') {
      error_ = malformed("an attribute without a value");
      return false;
    }
    ++i;
    while (i < tag.size() && is_space(tag[i])) ++i;
    if (i >= tag.size() || (tag[i] != '"' && tag[i] != '\'')) {
      error_ = malformed("an attribute value without quotes");
      return false;
    }
    const char quote = tag[i++];
    const std::size_t close = tag.find(quote, i);
    if (close == std::string_view::npos) {
      error_ = malformed("an attribute value never closed");
      return false;
    }
    attributes_.push_back({local_name(attr_name), tag.substr(i, close - i)});
    i = close + 1;
  }
  handler_.on_start(name, attributes_, self_closing);
  if (self_closing)
    handler_.on_end(name);
  else
    ++depth_;
  return true;
}

std::size_t XmlStream::parse(std::string_view buffer, bool final) {
  // Text runs end at '<'; a tag ends at the first '>' outside quotes. Both
  // are found 16 bytes at a time (csv::ByteScan: SIMD in WASM too).
  static const csv::ByteScan text_end('<', '<', '<', '<');
  static const csv::ByteScan tag_end('>', '"', '\'', '>');
  static const csv::ByteScan double_quote('"', '"', '"', '"');
  static const csv::ByteScan single_quote('\'', '\'', '\'', '\'');
  const char* data = buffer.data();
  const std::size_t n = buffer.size();
  std::size_t p = 0;
  while (p < n && !error_) {
    if (data[p] != '<') {
      const char* found = text_end.find(data + p, data + n);
      const bool lt = found != data + n;
      const std::size_t end = static_cast<std::size_t>(found - data);
      if (!lt && !final) return p;  // an entity may be cut: wait for the rest
      handler_.on_text(buffer.substr(p, end - p), true);
      p = end;
      continue;
    }
    if (n - p < 2) return final ? (error_ = malformed("the part ends inside a tag"), n) : p;
    const char next = data[p + 1];
    if (next == '!' || next == '?') {
      // Comments, CDATA, processing instructions and the doctype: their ends.
      std::string_view rest = buffer.substr(p);
      std::string_view close = ">";
      bool cdata = false;
      if (rest.size() < 9 && !final) return p;
      if (rest.substr(0, 4) == "<!--")
        close = "-->";
      else if (rest.substr(0, 9) == "<![CDATA[")
        close = "]]>", cdata = true;
      else if (next == '?')
        close = "?>";
      else if (rest.substr(0, 9) == "<!DOCTYPE" && rest.find('[') < rest.find('>'))
        close = "]>";
      const std::size_t end = rest.find(close, 2);
      if (end == std::string_view::npos) {
        if (final) error_ = malformed("the part ends inside a comment or declaration");
        return final ? n : p;
      }
      if (cdata) handler_.on_text(rest.substr(9, end - 9), false);
      p += end + close.size();
      continue;
    }
    // A tag: its end is the first '>' outside quotes ('>' may stand in a
    // value, as in an ODF formula "of:=IF([.A1]>0;...)").
    std::size_t q = p + 1;
    for (;;) {
      q = static_cast<std::size_t>(tag_end.find(data + q, data + n) - data);
      if (q >= n || data[q] == '>') break;
      const csv::ByteScan& close = data[q] == '"' ? double_quote : single_quote;
      q = static_cast<std::size_t>(close.find(data + q + 1, data + n) - data) + 1;
      if (q >= n) {
        q = n;
        break;
      }
    }
    if (q >= n) {
      if (final) error_ = malformed("the part ends inside a tag");
      return final ? n : p;
    }
    if (next == '/') {
      std::string_view name = buffer.substr(p + 2, q - p - 2);
      while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
      if (depth_ == 0) {
        error_ = malformed("an end tag without its start");
        return n;
      }
      --depth_;
      handler_.on_end(local_name(name));
    } else if (!start_tag(buffer.substr(p + 1, q - p - 1))) {
      return n;
    }
    p = q + 1;
  }
  return p;
}

Error XmlStream::feed(std::string_view chunk) {
  if (error_) return error_;
  if (carry_.empty()) {
    const std::size_t used = parse(chunk, false);
    carry_.assign(chunk.substr(used));
  } else {
    carry_.append(chunk);
    const std::size_t used = parse(carry_, false);
    carry_.erase(0, used);
  }
  if (!error_ && carry_.size() > max_token_)
    error_ = malformed("a token longer than " + std::to_string(max_token_ >> 20) + " MiB");
  return error_;
}

Error XmlStream::finish() {
  if (error_) return error_;
  if (!carry_.empty()) parse(carry_, true);
  carry_.clear();
  if (!error_ && depth_ > 0) error_ = malformed("the part ends before its elements close");
  return error_;
}

}  // namespace ascolto::spreadsheet
