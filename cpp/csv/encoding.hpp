// Character encodings of the CSV files analysts receive, and a streaming
// transcoder to UTF-8 (the only encoding the rest of the core sees).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ascolto::csv {

enum class Encoding : std::uint8_t {
  utf8,         ///< UTF-8 without byte order mark
  utf8_bom,     ///< UTF-8 with byte order mark (Excel's "CSV UTF-8")
  utf16le,      ///< UTF-16 little endian (Excel's "Unicode text")
  utf16be,      ///< UTF-16 big endian
  windows1252,  ///< Italian-locale Excel's "CSV (separato da ;)"
};

/// Stable name used in the report ("utf-8", "windows-1252", ...).
const char* encoding_name(Encoding encoding);

struct EncodingGuess {
  Encoding encoding = Encoding::utf8;
  std::size_t bom_size = 0;  ///< bytes of byte order mark to skip
  std::string reason;        ///< why, for the report
};

/// Guesses the encoding from the first bytes of a file (a byte order mark,
/// NUL patterns of UTF-16 text, or bytes that are not valid UTF-8).
EncodingGuess detect_encoding(std::string_view head);

/// Counts NUL and other control bytes that never occur in text files.
/// `head` must not be UTF-16.
bool looks_binary(std::string_view head);

/// Transcodes a byte stream, fed in chunks of any size, to UTF-8. A
/// multi-byte character split across chunks is carried over.
///
/// In UTF-8 mode, a byte that is not part of a valid sequence is read as
/// Windows-1252 (so a file that mixes the two loses nothing) and counted.
class Utf8Transcoder {
 public:
  explicit Utf8Transcoder(Encoding encoding) : encoding_(encoding) {}

  /// Transcodes one chunk. The result stays valid until the next call; it
  /// points into `chunk` when no conversion was needed.
  std::string_view decode(std::string_view chunk);

  /// Flushes a sequence left incomplete at the end of the input.
  std::string_view finish();

  /// Bytes that were not valid in the encoding and were replaced.
  std::uint64_t replaced_bytes() const { return replaced_bytes_; }

 private:
  std::string_view decode_utf8(std::string_view chunk);
  std::string_view decode_windows1252(std::string_view chunk);
  std::string_view decode_utf16(std::string_view chunk);

  Encoding encoding_;
  std::string pending_;  // bytes of an incomplete character from the previous chunk
  std::string joined_;   // pending_ followed by the new chunk
  std::string out_;      // conversion buffer
  std::uint64_t replaced_bytes_ = 0;
};

/// Appends the UTF-8 encoding of a code point.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace ascolto::csv
