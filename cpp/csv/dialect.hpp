// Guessing how a CSV file is written from its first lines.
#pragma once

#include <optional>
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

/// Picks the delimiter under which the largest share of the sampled records
/// (quotes honoured, so a quoted line break or a comma inside a comment does
/// not count) has one field count, at least two; a delimiter whose records
/// hold quotes in the middle of unquoted fields loses those records. Ties go
/// to the delimiter that splits the header like the rows, then to the wider
/// split. `sample` is decoded UTF-8 text from the start of the file; when
/// `sample_is_whole`, its last record counts even without a line break (a
/// one-line file takes its delimiter from its header). A file with one
/// column gets ','.
DelimiterGuess guess_delimiter(std::string_view sample, char quote = '"',
                               bool sample_is_whole = false);

/// The delimiter named by Excel's hint on the first line ("sep=;"), if any.
std::optional<char> separator_hint(std::string_view sample);

/// Title, notes or empty lines above the header: how many leading records
/// to skip, and the first one's text (for the report).
struct Preamble {
  std::size_t records = 0;
  std::string first;
};

/// Finds the preamble: leading records that are blank (";;;;", spaces),
/// fill at most half of the table's width (a title "Estrazione feedback",
/// "Periodo: 01/10/2023 - 31/10/2023") or have fewer fields than the table
/// ("more notes,..." above three columns), when a fuller record follows
/// them; and the "sep=" line when `separator_line`.
Preamble find_preamble(const std::vector<std::vector<std::string>>& records, std::size_t width,
                       bool separator_line);

/// The record width most records fit (trailing empty fields may be
/// missing): the table's width.
std::size_t table_width(const std::vector<std::vector<std::string>>& records);

struct HeaderGuess {
  bool has_header = true;
  std::string reason;
};

/// Decides whether the first record is a header: a header cell is text
/// above a column of numbers; a first row of numbers where the rest are
/// numbers is data. Undecided files are taken to have a header.
HeaderGuess guess_header(const std::vector<std::vector<std::string>>& records);

/// Parses `sample` into at most `max_records` records (the last record is
/// dropped when the sample was cut inside it). `stray_quotes`, when given,
/// receives the quotes met inside unquoted fields.
std::vector<std::vector<std::string>> sample_records(std::string_view sample, Dialect dialect,
                                                     std::size_t max_records, bool sample_is_whole,
                                                     std::uint64_t* stray_quotes = nullptr);

/// A record's non-empty cells as one line of text ("Totale 300"), cut at
/// 200 bytes: how a skipped title or footer line is shown.
std::string record_text(const std::vector<std::string>& record);

/// Human-readable name of a delimiter for the report ("tab", ";").
std::string delimiter_name(char delimiter);

}  // namespace ascolto::csv
