#include <catch2/catch.hpp>

#include "csv/dialect.hpp"

using namespace ascolto::csv;

TEST_CASE("the delimiter that splits most records evenly wins", "[dialect]") {
  CHECK(guess_delimiter("a;b;c\n1,5;2;3\n4;5;6\n").delimiter == ';');
  CHECK(guess_delimiter("a,b\n1,2\n").delimiter == ',');
  CHECK(guess_delimiter("a\tb\tc\n1\t2\t3\n").delimiter == '\t');
  CHECK(guess_delimiter("a|b\n1|2\n").delimiter == '|');
  // Decimal commas inside a ';' file do not fool it.
  CHECK(guess_delimiter("voto;peso\n3,5;1,2\n4,0;0,8\n").delimiter == ';');
  CHECK(guess_delimiter("solo\nuna\ncolonna\n").columns == 1);
}

TEST_CASE("a header is text above numbers; numbers above numbers are data", "[dialect]") {
  CHECK(guess_header(sample_records("voto,peso\n1,2\n3,4\n", {',', '"'}, 10, true)).has_header);
  CHECK_FALSE(guess_header(sample_records("5,2\n1,2\n3,4\n", {',', '"'}, 10, true)).has_header);
}
