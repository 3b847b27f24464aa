#include <catch2/catch.hpp>

#include "csv/encoding.hpp"

using namespace ascolto::csv;

namespace {
std::string decode_in_chunks(Encoding encoding, const std::string& bytes, std::size_t chunk) {
  Utf8Transcoder t(encoding);
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += chunk)
    out += t.decode(std::string_view(bytes).substr(i, chunk));
  out += t.finish();
  return out;
}
}  // namespace

TEST_CASE("byte order marks name the encoding", "[encoding]") {
  CHECK(detect_encoding("\xEF\xBB\xBFid;x").encoding == Encoding::utf8_bom);
  CHECK(detect_encoding("\xEF\xBB\xBFid;x").bom_size == 3);
  CHECK(detect_encoding(std::string("\xFF\xFEi\0d\0", 6)).encoding == Encoding::utf16le);
  CHECK(detect_encoding(std::string("\xFE\xFF\0i\0d", 6)).encoding == Encoding::utf16be);
}

TEST_CASE("bytes that are not UTF-8 are read as Windows-1252", "[encoding]") {
  const std::string latin = "citt\xE0;perch\xE9\n";  // "città;perché" from Italian Excel
  CHECK(detect_encoding(latin).encoding == Encoding::windows1252);
  CHECK(decode_in_chunks(Encoding::windows1252, latin, 3) == "citt\xC3\xA0;perch\xC3\xA9\n");
  CHECK(decode_in_chunks(Encoding::windows1252, "\x80", 1) == "\xE2\x82\xAC");  // euro sign
}

TEST_CASE("a UTF-8 character split across chunks is carried over", "[encoding]") {
  const std::string text = "gi\xC3\xA0 \xF0\x9F\x98\x80 \xE2\x82\xAC";  // già 😀 €
  for (std::size_t chunk : {1u, 2u, 3u, 5u, 64u}) {
    Utf8Transcoder t(Encoding::utf8);
    std::string out;
    for (std::size_t i = 0; i < text.size(); i += chunk)
      out += t.decode(std::string_view(text).substr(i, chunk));
    out += t.finish();
    CHECK(out == text);
    CHECK(t.replaced_bytes() == 0);
  }
}

TEST_CASE("an invalid byte inside UTF-8 text is kept as Windows-1252 and counted", "[encoding]") {
  Utf8Transcoder t(Encoding::utf8);
  std::string out(t.decode("ok \xE8 ok"));
  out += t.finish();
  CHECK(out == "ok \xC3\xA8 ok");
  CHECK(t.replaced_bytes() == 1);
}

TEST_CASE("UTF-16 with surrogate pairs split across chunks", "[encoding]") {
  // "a€😀" little endian
  const std::string le("a\0\xAC\x20\x3D\xD8\x00\xDE", 8);
  CHECK(decode_in_chunks(Encoding::utf16le, le, 1) == "a\xE2\x82\xAC\xF0\x9F\x98\x80");
  const std::string be("\0a\x20\xAC\xD8\x3D\xDE\x00", 8);
  CHECK(decode_in_chunks(Encoding::utf16be, be, 3) == "a\xE2\x82\xAC\xF0\x9F\x98\x80");
}

TEST_CASE("NUL bytes mean binary data", "[encoding]") {
  CHECK(looks_binary(std::string("PK\x03\x04\0\0", 6)));
  CHECK_FALSE(looks_binary("a;b\r\n1;2\r\n"));
}
