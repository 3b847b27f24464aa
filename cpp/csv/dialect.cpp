#include "csv/dialect.hpp"

#include <algorithm>
#include <map>

#include "table/value_parse.hpp"

namespace ascolto::csv {

namespace {

class CollectingSink : public RecordSink {
 public:
  explicit CollectingSink(std::size_t max_records) : max_records_(max_records) {}
  void on_record(const std::vector<std::string_view>& fields, std::uint64_t) override {
    if (records.size() >= max_records_) return;
    records.emplace_back(fields.begin(), fields.end());
  }
  std::vector<std::vector<std::string>> records;

 private:
  std::size_t max_records_;
};

bool looks_numeric(const std::string& value) {
  return table::parse_number_any(value).has_value();
}

}  // namespace

std::string delimiter_name(char delimiter) {
  if (delimiter == '\t') return "tab";
  return std::string(1, delimiter);
}

std::vector<std::vector<std::string>> sample_records(std::string_view sample, Dialect dialect,
                                                     std::size_t max_records, bool sample_is_whole,
                                                     std::uint64_t* stray_quotes) {
  Parser parser(dialect);
  CollectingSink sink(max_records + 1);
  if (parser.feed(sample, sink)) return {};
  // In a whole file the last record may lack a line break; in a cut sample
  // it is dropped by not finishing. A quote still open at the end loses
  // only its own record here (reading the file will say where it opened).
  if (sample_is_whole) parser.finish(sink);
  if (sink.records.size() > max_records) sink.records.resize(max_records);
  if (stray_quotes) *stray_quotes = parser.stray_quotes();
  return std::move(sink.records);
}

namespace {

// Fields up to the last non-empty one: "a;b;c;" has 3.
std::size_t filled_width(const std::vector<std::string>& record) {
  std::size_t width = record.size();
  while (width > 0 && table::trim(record[width - 1]).empty()) --width;
  return width;
}

std::size_t non_empty_fields(const std::vector<std::string>& record) {
  return static_cast<std::size_t>(std::count_if(
      record.begin(), record.end(), [](const auto& f) { return !table::trim(f).empty(); }));
}

// A record fits a width when it has that many fields, or fewer filled
// ones followed by empty fields up to at least that width (a trailing
// delimiter on the header or on the rows).
bool fits_width(const std::vector<std::string>& record, std::size_t width) {
  return record.size() == width || (filled_width(record) <= width && record.size() >= width);
}

struct WidthCount {
  std::size_t width = 1, records = 0;
};

// The width (of at least 2 fields when `at_least_two`) that most records
// fit; on ties the wider.
WidthCount modal_width(const std::vector<std::vector<std::string>>& records, bool at_least_two) {
  std::map<std::size_t, std::size_t> by_width;
  for (const auto& record : records) ++by_width[record.size()];
  // The most frequent raw widths are the candidates (a wrongly split file
  // may have hundreds of widths).
  std::vector<std::pair<std::size_t, std::size_t>> candidates(by_width.begin(), by_width.end());
  std::sort(candidates.begin(), candidates.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  if (candidates.size() > 8) candidates.resize(8);
  WidthCount best;
  for (const auto& [width, count] : candidates) {
    if (at_least_two && width < 2) continue;
    std::size_t fitting = 0;
    for (const auto& record : records) fitting += fits_width(record, width);
    if (fitting > best.records || (fitting == best.records && width > best.width))
      best = {width, fitting};
  }
  return best;
}

bool only_numbers(const std::vector<std::string>& record) {
  return std::all_of(record.begin(), record.end(), [](const std::string& field) {
    return table::trim(field).empty() || looks_numeric(field);
  });
}

bool first_cell_is_label(const std::vector<std::string>& record) {
  for (const std::string& field : record) {
    const std::string_view f = table::trim(field);
    if (!f.empty()) return f.back() == ':';
  }
  return false;
}

}  // namespace

std::string record_text(const std::vector<std::string>& record) {
  std::string out;
  for (const std::string& field : record) {
    const std::string_view f = table::trim(field);
    if (f.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out.append(f);
  }
  if (out.size() > 200) out.resize(200);
  return out;
}

std::size_t table_width(const std::vector<std::vector<std::string>>& records) {
  return modal_width(records, false).width;
}

std::optional<char> separator_hint(std::string_view sample) {
  // "sep=;" alone on the first line, possibly quoted: Excel's own hint.
  std::size_t end = sample.find_first_of("\r\n");
  std::string_view line = sample.substr(0, end);
  if (line.size() >= 2 && line.front() == '"' && line.back() == '"')
    line = line.substr(1, line.size() - 2);
  if (line.size() != 5 || table::ascii_lower(line.substr(0, 4)) != "sep=") return {};
  return line[4];
}

DelimiterGuess guess_delimiter(std::string_view sample, char quote, bool sample_is_whole) {
  DelimiterGuess best;
  double best_share = -1;
  bool best_header_fits = false;
  std::size_t best_cells = 0;
  for (char delimiter : kCandidateDelimiters) {
    std::uint64_t stray_quotes = 0;
    const auto records =
        sample_records(sample, Dialect{delimiter, quote}, 1000, sample_is_whole, &stray_quotes);
    if (records.empty()) continue;
    const WidthCount modal = modal_width(records, true);
    if (modal.records == 0) continue;
    // A quote in the middle of an unquoted field means this delimiter cut
    // a quoted field apart: each such record counts against it.
    const std::size_t consistent =
        modal.records -
        std::min<std::size_t>(modal.records, static_cast<std::size_t>(stray_quotes));
    const double share = static_cast<double>(consistent) / static_cast<double>(records.size());
    const bool header_fits = fits_width(records.front(), modal.width);
    const std::size_t cells = modal.width * consistent;
    const bool better =
        share > best_share + 1e-9 ||
        (share > best_share - 1e-9 && (header_fits > best_header_fits ||
                                       (header_fits == best_header_fits && cells > best_cells)));
    if (!better || consistent == 0) continue;
    best_share = share;
    best_header_fits = header_fits;
    best_cells = cells;
    best.delimiter = delimiter;
    best.columns = modal.width;
    best.reason = "'" + delimiter_name(delimiter) + "' splits " + std::to_string(consistent) +
                  " of " + std::to_string(records.size()) + " sampled records into " +
                  std::to_string(modal.width) + " fields";
  }
  if (best_share < 0) best.reason = "no candidate delimiter splits the lines: one column";
  return best;
}

Preamble find_preamble(const std::vector<std::vector<std::string>>& records, std::size_t width,
                       bool separator_line) {
  constexpr std::size_t kMaxPreamble = 50;
  std::size_t skip = separator_line && !records.empty() ? 1 : 0;
  while (skip < records.size() && skip < kMaxPreamble) {
    const std::size_t filled = non_empty_fields(records[skip]);
    // A title fills at most half of the table's width; a note is narrower
    // than the table ("more notes, ..." over three columns).
    const bool title = width >= 2 && filled * 2 <= width;
    const bool narrower =
        width >= 2 && filled_width(records[skip]) < width && records[skip].size() < width;
    // "Periodo:;ottobre 2023;": a label and its value, not the table's names.
    const bool labelled = width >= 2 && filled < width && first_cell_is_label(records[skip]);
    if (filled > 0 && !title && !narrower && !labelled) break;
    // A row of numbers is data (a headerless file's sparse first row), never a title.
    if (filled > 0 && only_numbers(records[skip])) break;
    ++skip;
  }
  // Nothing fuller follows: the file is all "titles" (a sparse table
  // without a header, or one column): nothing is skipped but blank lines.
  if (skip == records.size() || skip == kMaxPreamble) {
    skip = separator_line && !records.empty() ? 1 : 0;
    while (skip < records.size() && skip < kMaxPreamble && non_empty_fields(records[skip]) == 0)
      ++skip;
    if (skip == records.size()) skip = separator_line && !records.empty() ? 1 : 0;
  }
  Preamble out;
  out.records = skip;
  for (std::size_t i = 0; i < skip; ++i)
    if (std::string text = record_text(records[i]); !text.empty()) {
      out.first = std::move(text);
      break;
    }
  return out;
}

HeaderGuess guess_header(const std::vector<std::vector<std::string>>& records) {
  if (records.size() < 2) return {true, "too few records to tell: assumed present"};
  const auto& first = records[0];
  std::size_t header_votes = 0, data_votes = 0;
  for (std::size_t c = 0; c < first.size(); ++c) {
    std::size_t numeric = 0, filled = 0;
    for (std::size_t r = 1; r < records.size(); ++r) {
      if (c >= records[r].size() || table::trim(records[r][c]).empty()) continue;
      ++filled;
      if (looks_numeric(records[r][c])) ++numeric;
    }
    if (filled == 0 || numeric * 10 < filled * 9) continue;  // not a numeric column
    const std::string_view cell = table::trim(first[c]);
    if (cell.empty()) continue;
    if (looks_numeric(first[c]))
      ++data_votes;
    else
      ++header_votes;
  }
  if (header_votes > 0)
    return {true, std::to_string(header_votes) + " column(s) of numbers under a text cell"};
  if (data_votes > 0) return {false, "the first row has numbers where the columns hold numbers"};
  return {true, "no evidence either way: assumed present"};
}

}  // namespace ascolto::csv
