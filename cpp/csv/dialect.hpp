// Guessing how a CSV file is written from its first lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "csv/parser.hpp"

namespace ascolto::csv {

/// The delimiters Ascolto recognizes, in order of preference on ties.
inline constexpr char kCandidateDelimiters[] = {',', ';', '\t', '|'};

struct DelimiterGuess {
  char delimiter = ',';
  std::size_t columns = 1;  ///< the most common number of fields per record
  std::string reason;
};

/// Picks the delimiter whose most common record width, times the records of
/// that width, is largest over `sample` (decoded UTF-8 text from the start
/// of the file). A file with one column gets ','.
DelimiterGuess guess_delimiter(std::string_view sample, char quote = '"');

struct HeaderGuess {
  bool has_header = true;
  std::string reason;
};

/// Decides whether the first record is a header: a header cell is text
/// above a column of numbers; a first row of numbers where the rest are
/// numbers is data. Undecided files are taken to have a header.
HeaderGuess guess_header(const std::vector<std::vector<std::string>>& records);

/// Parses `sample` into at most `max_records` records (the last record is
/// dropped when the sample was cut inside it).
std::vector<std::vector<std::string>> sample_records(std::string_view sample, Dialect dialect,
                                                     std::size_t max_records, bool sample_is_whole);

/// Human-readable name of a delimiter for the report ("tab", ";").
std::string delimiter_name(char delimiter);

}  // namespace ascolto::csv
