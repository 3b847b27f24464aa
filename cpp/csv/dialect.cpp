#include "csv/dialect.hpp"

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
                                                     std::size_t max_records,
                                                     bool sample_is_whole) {
  Parser parser(dialect);
  CollectingSink sink(max_records + 1);
  if (parser.feed(sample, sink)) return {};
  // In a whole file the last record may lack a line break; in a cut sample
  // it is dropped by not finishing.
  if (sample_is_whole && parser.finish(sink)) return {};
  if (sink.records.size() > max_records) sink.records.resize(max_records);
  return std::move(sink.records);
}

DelimiterGuess guess_delimiter(std::string_view sample, char quote) {
  DelimiterGuess best;
  std::size_t best_score = 0;
  for (char delimiter : kCandidateDelimiters) {
    const auto records = sample_records(sample, Dialect{delimiter, quote}, 1000, false);
    std::map<std::size_t, std::size_t> rows_by_width;
    for (const auto& record : records) ++rows_by_width[record.size()];
    std::size_t width = 1, rows = 0;
    for (auto [w, count] : rows_by_width) {
      if (w * count > width * rows) {
        width = w;
        rows = count;
      }
    }
    if (width < 2) continue;
    // Width times rows of that width; a delimiter that splits the header
    // like the rows wins ties ("voto;peso" over the commas of "3,5;1,2").
    const bool header_fits = !records.empty() && records.front().size() == width;
    const std::size_t score = 2 * width * rows + (header_fits ? 1 : 0);
    if (score > best_score) {
      best_score = score;
      best.delimiter = delimiter;
      best.columns = width;
      best.reason = "'" + delimiter_name(delimiter) + "' gives " + std::to_string(rows) + " of " +
                    std::to_string(records.size()) + " sampled records with " +
                    std::to_string(width) + " fields";
    }
  }
  if (best_score == 0) best.reason = "no candidate delimiter splits the lines: one column";
  return best;
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
