#include "csv/encoding.hpp"

#include <cstring>

namespace ascolto::csv {

namespace {

// Windows-1252 0x80..0x9F (WHATWG encoding standard, index-windows-1252);
// the five unassigned bytes map to the C1 controls, as browsers do.
constexpr char32_t kWindows1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

char32_t windows1252_code_point(unsigned char byte) {
  if (byte >= 0x80 && byte < 0xA0) return kWindows1252High[byte - 0x80];
  return byte;
}

// Length of the UTF-8 sequence that starts at s[0], 0 if it is invalid, or
// -1 if it may be valid but is cut by the end of the buffer (RFC 3629 table).
int utf8_sequence_length(const unsigned char* s, std::size_t available) {
  const unsigned char c = s[0];
  int length;
  unsigned char low = 0x80, high = 0xBF;  // bounds of the second byte
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) low = 0xA0;   // no overlong forms
    if (c == 0xED) high = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  for (int i = 1; i < length; ++i) {
    if (static_cast<std::size_t>(i) >= available) return -1;
    const unsigned char b = s[i];
    if (i == 1 ? (b < low || b > high) : (b < 0x80 || b > 0xBF)) return 0;
  }
  return length;
}

// Index of the first byte that is not ASCII, or size.
std::size_t ascii_prefix(const unsigned char* s, std::size_t size) {
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, s + i, 8);
    if (word & 0x8080808080808080ULL) break;
  }
  while (i < size && s[i] < 0x80) ++i;
  return i;
}

}  // namespace

const char* encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::utf8:
      return "utf-8";
    case Encoding::utf8_bom:
      return "utf-8-bom";
    case Encoding::utf16le:
      return "utf-16le";
    case Encoding::utf16be:
      return "utf-16be";
    case Encoding::windows1252:
      return "windows-1252";
  }
  return "utf-8";
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

EncodingGuess detect_encoding(std::string_view head) {
  const auto* s = reinterpret_cast<const unsigned char*>(head.data());
  const std::size_t n = head.size();
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
    return {Encoding::utf8_bom, 3, "UTF-8 byte order mark"};
  if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
    return {Encoding::utf16le, 2, "UTF-16 little-endian byte order mark"};
  if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
    return {Encoding::utf16be, 2, "UTF-16 big-endian byte order mark"};

  // UTF-16 without a mark: ASCII text has a NUL in every other byte.
  std::size_t even_nul = 0, odd_nul = 0;
  const std::size_t probe = n < 4096 ? n : 4096;
  for (std::size_t i = 0; i < probe; ++i)
    if (s[i] == 0) (i % 2 ? odd_nul : even_nul)++;
  if (probe >= 4 && odd_nul * 3 > probe && even_nul * 20 < probe)
    return {Encoding::utf16le, 0, "NUL in every other byte (UTF-16 little-endian, no mark)"};
  if (probe >= 4 && even_nul * 3 > probe && odd_nul * 20 < probe)
    return {Encoding::utf16be, 0, "NUL in every other byte (UTF-16 big-endian, no mark)"};

  std::size_t valid_multibyte = 0, invalid = 0;
  for (std::size_t i = 0; i < n;) {
    i += ascii_prefix(s + i, n - i);
    if (i >= n) break;
    const int length = utf8_sequence_length(s + i, n - i);
    if (length < 0) break;  // cut by the end of the sample
    if (length == 0) {
      ++invalid;
      ++i;
    } else {
      ++valid_multibyte;
      i += static_cast<std::size_t>(length);
    }
  }
  if (invalid > 0 && valid_multibyte == 0)
    return {Encoding::windows1252, 0, "bytes that are not valid UTF-8, read as Windows-1252"};
  if (invalid > 0)
    return {Encoding::utf8, 0,
            "mostly valid UTF-8; the invalid bytes are read as Windows-1252 and counted"};
  return {Encoding::utf8, 0, valid_multibyte ? "valid UTF-8" : "ASCII (valid UTF-8)"};
}

bool looks_binary(std::string_view head) {
  std::size_t controls = 0;
  for (unsigned char c : head) {
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++controls;
  }
  return controls * 100 > head.size();  // more than 1%: no text file looks like this
}

std::string_view Utf8Transcoder::decode(std::string_view chunk) {
  switch (encoding_) {
    case Encoding::utf8:
    case Encoding::utf8_bom:
      return decode_utf8(chunk);
    case Encoding::windows1252:
      return decode_windows1252(chunk);
    case Encoding::utf16le:
    case Encoding::utf16be:
      return decode_utf16(chunk);
  }
  return chunk;
}

std::string_view Utf8Transcoder::decode_utf8(std::string_view chunk) {
  if (!pending_.empty()) {  // a character was cut by the previous chunk boundary
    joined_ = pending_;
    joined_.append(chunk);
    pending_.clear();
    chunk = joined_;
  }
  const auto* s = reinterpret_cast<const unsigned char*>(chunk.data());
  const std::size_t n = chunk.size();
  // Fast path: valid up to its last (possibly cut) character: return a view.
  std::size_t i = 0;
  for (;;) {
    i += ascii_prefix(s + i, n - i);
    if (i >= n) return chunk;
    const int length = utf8_sequence_length(s + i, n - i);
    if (length < 0) {
      pending_.assign(chunk.substr(i));
      return chunk.substr(0, i);
    }
    if (length == 0) break;
    i += static_cast<std::size_t>(length);
  }
  // Slow path: copy, reading invalid bytes as Windows-1252.
  out_.assign(chunk.data(), i);
  while (i < n) {
    const std::size_t ascii = ascii_prefix(s + i, n - i);
    out_.append(chunk.data() + i, ascii);
    i += ascii;
    if (i >= n) break;
    const int length = utf8_sequence_length(s + i, n - i);
    if (length < 0) {
      pending_.assign(chunk.substr(i));
      break;
    }
    if (length == 0) {
      append_utf8(out_, windows1252_code_point(s[i]));
      ++replaced_bytes_;
      ++i;
    } else {
      out_.append(chunk.data() + i, static_cast<std::size_t>(length));
      i += static_cast<std::size_t>(length);
    }
  }
  return out_;
}

std::string_view Utf8Transcoder::decode_windows1252(std::string_view chunk) {
  out_.clear();
  out_.reserve(chunk.size() + chunk.size() / 8);
  for (unsigned char c : chunk) {
    if (c < 0x80)
      out_.push_back(static_cast<char>(c));
    else
      append_utf8(out_, windows1252_code_point(c));
  }
  return out_;
}

std::string_view Utf8Transcoder::decode_utf16(std::string_view chunk) {
  out_.clear();
  out_.reserve(chunk.size());
  std::string_view in = chunk;
  if (!pending_.empty()) {
    joined_ = pending_;
    joined_.append(chunk);
    pending_.clear();
    in = joined_;
  }
  const bool little = encoding_ == Encoding::utf16le;
  const auto* s = reinterpret_cast<const unsigned char*>(in.data());
  const std::size_t n = in.size();
  auto unit_at = [&](std::size_t i) -> char32_t {
    return little ? static_cast<char32_t>(s[i] | (s[i + 1] << 8))
                  : static_cast<char32_t>((s[i] << 8) | s[i + 1]);
  };
  std::size_t i = 0;
  while (i + 2 <= n) {
    const char32_t unit = unit_at(i);
    if (unit >= 0xD800 && unit <= 0xDBFF) {  // high surrogate: needs its pair
      if (i + 4 > n) break;
      const char32_t low = unit_at(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(out_, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
        i += 4;
        continue;
      }
      append_utf8(out_, 0xFFFD);
      ++replaced_bytes_;
      i += 2;
      continue;
    }
    if (unit >= 0xDC00 && unit <= 0xDFFF) {  // a lone low surrogate
      append_utf8(out_, 0xFFFD);
      ++replaced_bytes_;
    } else {
      append_utf8(out_, unit);
    }
    i += 2;
  }
  pending_.assign(in.substr(i));
  return out_;
}

std::string_view Utf8Transcoder::finish() {
  out_.clear();
  if (pending_.empty()) return out_;
  // An incomplete character at the very end: keep its bytes as Windows-1252
  // (UTF-8) or as a replacement character (UTF-16), never drop them.
  if (encoding_ == Encoding::utf16le || encoding_ == Encoding::utf16be) {
    append_utf8(out_, 0xFFFD);
  } else {
    for (unsigned char c : pending_) append_utf8(out_, windows1252_code_point(c));
  }
  replaced_bytes_ += pending_.size();
  pending_.clear();
  return out_;
}

}  // namespace ascolto::csv
