// A streaming XML tokenizer for workbook parts: fed in chunks of any size,
// it calls a handler for each start tag, end tag and text run, and never
// holds more than the token that a chunk cut in two. Names are local
// (prefix dropped: "table:table-cell" -> "table-cell", "x:c" -> "c").
// Values and text come as written: decode what you keep with
// append_decoded. No DTD is read and no entity is expanded beyond the five
// predefined and character references, so no "billion laughs".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace ascolto::spreadsheet {

struct XmlAttribute {
  std::string_view name;   ///< local name
  std::string_view value;  ///< as written (entities not decoded)
};

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void on_start(std::string_view name, const std::vector<XmlAttribute>& attributes,
                        bool self_closing) = 0;
  virtual void on_end(std::string_view name) = 0;
  /// Character data; `encoded` is false for a CDATA section.
  virtual void on_text(std::string_view text, bool encoded) = 0;
};

/// The value of an attribute, or an empty view.
std::string_view attribute(const std::vector<XmlAttribute>& attributes, std::string_view name);

/// Appends `raw` with its entities and character references decoded.
void append_decoded(std::string& out, std::string_view raw);
std::string decoded(std::string_view raw);

class XmlStream {
 public:
  explicit XmlStream(XmlHandler& handler, std::size_t max_token = 64u << 20)
      : handler_(handler), max_token_(max_token) {}
  Error feed(std::string_view chunk);
  /// The end of the part: fails if a tag is left open or cut.
  Error finish();

 private:
  /// Tokenizes `buffer`; returns how many bytes were consumed (a token cut
  /// by the end stays). Sets error_ on malformed XML.
  std::size_t parse(std::string_view buffer, bool final);
  bool start_tag(std::string_view tag);

  XmlHandler& handler_;
  std::size_t max_token_;
  std::string carry_;
  std::vector<XmlAttribute> attributes_;
  std::uint64_t depth_ = 0;  // elements open: a part cut short leaves some
  Error error_;
};

}  // namespace ascolto::spreadsheet
