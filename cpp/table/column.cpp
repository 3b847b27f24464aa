#include "table/column.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>

namespace ascolto::table {

namespace {

constexpr std::size_t kMaxInvalidLines = 10;
// Share of non-missing cells that must fit a type for the column to take it;
// the rest are reported as invalid values.
constexpr double kTypeCoverage = 0.95;
// Cells of a text-store column read to choose its type.
constexpr std::size_t kTypingSample = 4096;

struct Distinct {
  std::string_view value;
  std::uint64_t count;
};

// How a column's text becomes numbers, once its type is chosen.
// Values written in words: a rating as stars, a date with a month name.
enum class WrittenForm : std::uint8_t { none, stars, date };

struct Decision {
  ColumnType type = ColumnType::text;
  NumberFormat number_format;
  bool percent = false;  // values are percentages, stored as shares
  DateOrder date_order = DateOrder::day_first;
  WrittenForm written = WrittenForm::none;
};

// The missing-value tokens, compared without allocating: most cells are
// longer than any token and are told apart by their length alone.
class MissingTokens {
 public:
  explicit MissingTokens(const std::vector<std::string>& tokens) : tokens_(tokens) {
    for (const std::string& t : tokens_) max_length_ = std::max(max_length_, t.size());
  }
  bool contains(std::string_view value) const {
    const std::string_view t = trim(value);
    if (t.size() > max_length_) return false;
    for (const std::string& token : tokens_) {
      if (token.size() != t.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < t.size() && same; ++i) {
        const char c = t[i] >= 'A' && t[i] <= 'Z' ? static_cast<char>(t[i] - 'A' + 'a') : t[i];
        same = c == token[i];
      }
      if (same) return true;
    }
    return false;
  }

 private:
  const std::vector<std::string>& tokens_;  // lowercase
  std::size_t max_length_ = 0;
};

std::string describe_number_format(NumberFormat f) {
  std::string out = std::string("decimal '") + f.decimal + "'";
  if (f.thousands == ' ')
    out += ", thousands ' '";
  else if (f.thousands)
    out += std::string(", thousands '") + f.thousands + "'";
  return out;
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", whole ? 100.0 * part / whole : 0.0);
  return buffer;
}

// Chooses the type from the distinct values and their counts.
Decision decide_type(const std::vector<Distinct>& values, const MissingTokens& missing,
                     const TypingOptions& options, Column& column) {
  const auto& formats = candidate_number_formats();
  std::uint64_t filled = 0, booleans = 0, dates = 0, months = 0, stars = 0, written_dates = 0;
  std::uint64_t percents = 0, currencies = 0, comma_evidence = 0, point_evidence = 0,
                ambiguous_evidence = 0;
  std::string evidence_example, ambiguous_example;
  bool stars_integral = true;
  std::vector<std::uint64_t> numbers(formats.size(), 0);
  std::vector<bool> all_integral(formats.size(), true);
  bool zero = false, one = false, other = false;
  bool day_first_evidence = false, month_first_evidence = false, any_time = false;
  bool any_ambiguous = false;
  std::size_t distinct_filled = 0, text_length = 0;
  for (const Distinct& d : values) {
    if (missing.contains(d.value)) continue;
    filled += d.count;
    ++distinct_filled;
    text_length += d.value.size() * d.count;
    if (parse_boolean_word(d.value)) booleans += d.count;
    Notation notation;
    bool notation_seen = false;
    for (std::size_t f = 0; f < formats.size(); ++f) {
      if (auto v = parse_amount(d.value, formats[f], &notation)) {
        if (!notation_seen) {
          notation_seen = true;
          percents += notation.percent ? d.count : 0;
          currencies += notation.currency ? d.count : 0;
        }
        numbers[f] += d.count;
        if (*v != std::floor(*v)) all_integral[f] = false;
        if (f == 0) {
          if (*v == 0)
            zero = true;
          else if (*v == 1)
            one = true;
          else
            other = true;
        }
      }
    }
    if (notation_seen) {
      switch (decimal_evidence(d.value)) {
        case DecimalEvidence::comma:
          comma_evidence += d.count;
          if (evidence_example.empty()) evidence_example = std::string(trim(d.value));
          break;
        case DecimalEvidence::point:
          point_evidence += d.count;
          if (evidence_example.empty()) evidence_example = std::string(trim(d.value));
          break;
        case DecimalEvidence::ambiguous:
          ambiguous_evidence += d.count;
          if (ambiguous_example.empty()) ambiguous_example = std::string(trim(d.value));
          break;
        case DecimalEvidence::none:
          break;
      }
    }
    if (auto parts = split_date(d.value)) {
      dates += d.count;
      any_time |= parts->has_time;
      if (!parts->iso) {
        if (parts->first > 12) day_first_evidence = true;
        if (parts->second > 12) month_first_evidence = true;
        if (parts->first <= 12 && parts->second <= 12) any_ambiguous = true;
      }
    } else if (parse_month(d.value)) {
      months += d.count;
    } else if (auto v = parse_stars(d.value)) {
      stars += d.count;
      if (*v != std::floor(*v)) stars_integral = false;
    } else if (parse_written_date(d.value)) {
      written_dates += d.count;
    }
  }
  Decision decision;
  if (filled == 0) {
    decision.type = ColumnType::empty;
    column.type_reason = "every value is missing";
    return decision;
  }
  const double needed = kTypeCoverage * static_cast<double>(filled);
  if (dates >= needed) {
    decision.type = any_time ? ColumnType::datetime : ColumnType::date;
    const bool month_first = month_first_evidence && !day_first_evidence;
    decision.date_order = month_first ? DateOrder::month_first : DateOrder::day_first;
    column.ambiguous_dates = any_ambiguous && !day_first_evidence && !month_first_evidence;
    column.format = month_first ? "mm/dd/yyyy" : "dd/mm/yyyy (or yyyy-mm-dd)";
    column.type_reason = percent(dates, filled) + " of values are dates";
    if (column.ambiguous_dates)
      column.type_reason += "; no day is above 12, so day-first is assumed (Italian usage)";
    else if (month_first)
      column.type_reason += "; a second part above 12 shows month-first order";
    return decision;
  }
  if (stars >= needed) {
    decision.type = stars_integral ? ColumnType::integer : ColumnType::decimal;
    decision.written = WrittenForm::stars;
    column.format = "stars in words (\"5,0 su 5 stelle\")";
    column.in_words = true;
    column.type_reason = percent(stars, filled) + " of values are ratings written as stars";
    return decision;
  }
  if (written_dates >= needed) {
    decision.type = ColumnType::date;
    decision.written = WrittenForm::date;
    column.format = "dates with month names (\"7 febbraio 2024\")";
    column.in_words = true;
    column.type_reason =
        percent(written_dates, filled) + " of values hold a date with a month name";
    return decision;
  }
  if (months >= needed) {
    decision.type = ColumnType::month;
    column.format = "months (mm/yyyy, yyyy-mm, gennaio 2023, gen-23)";
    column.type_reason = percent(months, filled) + " of values are months";
    return decision;
  }
  // The decimal mark: set in the configuration; else what the column's
  // own values show ("3,93", "2.139.112" or "12.5"); else, when they read
  // two ways ("173.376"), the file's (other columns tell); else a guess
  // that the report states. Then the format of that mark that reads most
  // cells (thousands separator or none); on ties the first listed.
  char decimal = options.forced_decimal_of(column.name);
  std::string decimal_reason;
  if (decimal) {
    decimal_reason = options.forced_decimal_reason;
  } else if (comma_evidence + point_evidence > 0) {
    decimal = comma_evidence >= point_evidence ? ',' : '.';
  } else if (ambiguous_evidence > 0 && options.file_decimal) {
    decimal = options.file_decimal;
    decimal_reason =
        "values such as '" + ambiguous_example + "' read two ways; " + options.file_decimal_reason;
  } else if (ambiguous_evidence > 0) {
    decimal = options.delimiter == ';' ? ',' : '.';
    column.number_format_assumed = true;
    decimal_reason = "values such as '" + ambiguous_example +
                     "' read two ways and no column of the file tells which: " +
                     (decimal == ',' ? "'.' is read as the thousands separator, as in "
                                       "Italian exports (the file is ';'-separated)"
                                     : "'.' is read as the decimal point (the file is not "
                                       "';'-separated)");
  }
  std::size_t best = 0;
  bool found = false;
  for (std::size_t f = 0; f < formats.size(); ++f) {
    if (decimal && formats[f].decimal != decimal) continue;
    if (!found || numbers[f] > numbers[best]) best = f;
    found = true;
  }
  if (numbers[best] >= needed) {
    decision.number_format = formats[best];
    decision.percent = column.percent = percents * 2 > numbers[best];
    column.format = describe_number_format(formats[best]);
    if (decision.percent) column.format = "percent, " + column.format;
    if (currencies * 2 > numbers[best]) column.format = "amounts with a currency, " + column.format;
    if (zero && one && !other && !decision.percent) {
      decision.type = ColumnType::boolean;
      column.type_reason = "only the values 0 and 1";
    } else {
      decision.type =
          all_integral[best] && !decision.percent ? ColumnType::integer : ColumnType::decimal;
      column.type_reason =
          percent(numbers[best], filled) + " of values are numbers (" + column.format + ")";
      if (decision.percent)
        column.type_reason += "; percentages are stored as shares (62,5% -> 0.625)";
      if (!decimal_reason.empty()) column.type_reason += "; " + decimal_reason;
    }
    return decision;
  }
  column.number_format_assumed = column.percent = false;
  if (booleans >= needed) {
    decision.type = ColumnType::boolean;
    column.type_reason = "yes/no words (si, no, yes, true, ...)";
    return decision;
  }
  const double mean_length = static_cast<double>(text_length) / static_cast<double>(filled);
  const bool few_distinct =
      distinct_filled <= 1000 && (distinct_filled <= 20 || distinct_filled * 2 <= filled);
  if (few_distinct && mean_length <= 80) {
    decision.type = ColumnType::categorical;
    column.type_reason = std::to_string(distinct_filled) + " distinct values in " +
                         std::to_string(filled) + " cells";
  } else {
    decision.type = ColumnType::text;
    column.type_reason = std::to_string(distinct_filled) + " distinct values in " +
                         std::to_string(filled) + " cells: free text";
  }
  return decision;
}

// Converts one non-missing cell to the stored number, if it fits.
std::optional<double> to_number(std::string_view value, const Decision& d) {
  if (d.written == WrittenForm::stars) return parse_stars(value);
  if (d.written == WrittenForm::date) {
    if (auto days = parse_written_date(value)) return static_cast<double>(*days);
    return {};
  }
  switch (d.type) {
    case ColumnType::boolean:
      if (auto b = parse_boolean_word(value)) return *b ? 1.0 : 0.0;
      if (auto v = parse_amount(value, d.number_format); v && (*v == 0 || *v == 1)) return v;
      return {};
    case ColumnType::integer:
    case ColumnType::decimal: {
      const auto v = parse_amount(value, d.number_format);
      if (v && d.percent) return *v / 100;
      return v;
    }
    case ColumnType::date:
    case ColumnType::datetime: {
      auto parts = split_date(value);
      if (!parts) return {};
      auto date = resolve_date(*parts, d.date_order);
      if (!date) return {};
      if (d.type == ColumnType::date) return static_cast<double>(date->days);
      return static_cast<double>(date->days) * 86400.0 + date->seconds;
    }
    case ColumnType::month:
      if (auto m = parse_month(value)) return static_cast<double>(*m);
      return {};
    default:
      return {};
  }
}

void note_invalid(Column& column, std::string_view value, std::size_t row,
                  const RowLines& row_lines) {
  if (column.invalid == 0) column.invalid_example = std::string(trim(value).substr(0, 60));
  ++column.invalid;
  if (column.invalid_lines.size() < kMaxInvalidLines && row < row_lines.size())
    column.invalid_lines.push_back(row_lines[row]);
}

}  // namespace

const char* column_type_name(ColumnType type) {
  switch (type) {
    case ColumnType::empty:
      return "empty";
    case ColumnType::boolean:
      return "boolean";
    case ColumnType::integer:
      return "integer";
    case ColumnType::decimal:
      return "decimal";
    case ColumnType::date:
      return "date";
    case ColumnType::datetime:
      return "datetime";
    case ColumnType::month:
      return "month";
    case ColumnType::categorical:
      return "categorical";
    case ColumnType::text:
      return "text";
  }
  return "text";
}

bool is_numeric_type(ColumnType type) {
  switch (type) {
    case ColumnType::boolean:
    case ColumnType::integer:
    case ColumnType::decimal:
    case ColumnType::date:
    case ColumnType::datetime:
    case ColumnType::month:
      return true;
    default:
      return false;
  }
}

std::size_t Column::size() const {
  if (is_numeric_type(type)) return numbers.size();
  if (type == ColumnType::categorical) return codes.size();
  if (type == ColumnType::text) return text_ends.size();
  return numbers.size();  // empty: all NaN
}

bool Column::is_missing(std::size_t row) const {
  if (type == ColumnType::categorical) return codes[row] == kMissingCode;
  if (type == ColumnType::text) return text(row).empty();
  return std::isnan(numbers[row]);
}

std::string_view Column::text(std::size_t row) const {
  if (type == ColumnType::categorical) {
    const std::uint32_t code = codes[row];
    return code == kMissingCode ? std::string_view{} : std::string_view(labels[code]);
  }
  if (type == ColumnType::text) {
    const std::uint64_t begin = row ? text_ends[row - 1] : 0;
    return text_bytes.view().substr(begin, text_ends[row] - begin);
  }
  return {};
}

std::vector<std::int32_t> day_numbers(const Column& date) {
  std::vector<std::int32_t> days(date.numbers.size(), kNoDay);
  if (date.type != ColumnType::datetime) {
    for (std::size_t row = 0; row < days.size(); ++row)
      if (!std::isnan(date.numbers[row])) days[row] = static_cast<std::int32_t>(date.numbers[row]);
    return days;
  }
  // Exports come sorted by time: a time is divided only when it leaves the
  // day of the row before, [begin, end) in seconds (NaN is in no day).
  double begin = INFINITY, end = -INFINITY;
  std::int32_t day = kNoDay;
  for (std::size_t row = 0; row < days.size(); ++row) {
    const double v = date.numbers[row];
    if (!(v >= begin && v < end)) {
      if (std::isnan(v)) continue;
      const double d = date.day(row);
      day = static_cast<std::int32_t>(d);
      begin = d * 86400.0;
      end = begin + 86400.0;
    }
    days[row] = day;
  }
  return days;
}

char TypingOptions::forced_decimal_of(const std::string& column) const {
  for (const auto& [name, decimal] : column_decimal)
    if (name == column) return decimal;
  return forced_decimal;
}

DecimalVotes ColumnBuilder::decimal_votes(const TypingOptions& options) const {
  DecimalVotes votes;
  if (mode_ == Mode::numbers) return votes;  // canonical integers and dates: nothing to tell
  const MissingTokens missing(options.missing_tokens);
  auto vote = [&](std::string_view value) {
    if (missing.contains(value)) return;
    ++votes.filled;
    const DecimalEvidence evidence = decimal_evidence(value);
    if (evidence == DecimalEvidence::none && !parse_number_any(value)) return;
    ++votes.numbers;
    if (evidence == DecimalEvidence::comma) ++votes.comma;
    if (evidence == DecimalEvidence::point) ++votes.point;
    if (evidence == DecimalEvidence::ambiguous) ++votes.ambiguous;
    if ((evidence == DecimalEvidence::comma || evidence == DecimalEvidence::point) &&
        votes.example.empty())
      votes.example = std::string(trim(value).substr(0, 40));
  };
  // Distinct values (or cells of a text store), spread over at most
  // kTypingSample: enough to vote, cheap on any file.
  if (mode_ == Mode::dictionary) {
    const std::size_t n = dictionary_.size();
    const std::size_t step = n > kTypingSample ? n / kTypingSample : 1;
    for (std::size_t code = 0; code < n; code += step)
      vote(dictionary_.key(static_cast<std::uint32_t>(code)));
  } else {
    const std::size_t n = ends_.size();
    const std::size_t step = n > kTypingSample ? n / kTypingSample : 1;
    for (std::size_t row = 0; row < n; row += step) {
      const std::uint64_t begin = row ? ends_[row - 1] : 0;
      vote(bytes_.view().substr(begin, ends_[row] - begin));
    }
  }
  return votes;
}

void ColumnBuilder::append_coded(const core::StringIndex& keys, const std::uint8_t* codes,
                                 std::size_t rows) {
  constexpr std::uint32_t kUnseen = 0xFFFFFFFFu;
  std::array<std::uint32_t, 256> code_of_key;  // the dictionary's code, once interned
  code_of_key.fill(kUnseen);
  std::size_t row = 0;
  for (; row < rows && mode_ == Mode::dictionary; ++row) {
    std::uint32_t& code = code_of_key[codes[row]];
    if (code == kUnseen) code = dictionary_.intern(keys.key(codes[row]));
    push_code(code);
  }
  for (; row < rows; ++row) append(keys.key(codes[row]));  // the column left its dictionary
}

void ColumnBuilder::append_canonical(CanonicalShape shape, const double* values, std::size_t rows) {
  std::string text;
  for (std::size_t row = 0; row < rows; ++row) {
    if (mode_ == Mode::numbers && canonical_.shape() == shape) {
      // What reading their text would give, as the range's reader read it.
      numbers_.insert(numbers_.end(), values + row, values + rows);
      return;
    }
    // Still a dictionary (the column's first rows), or of another shape:
    // the text the numbers were read from, as it was.
    text.clear();
    render_canonical(values[row], shape, text);
    append(text);
  }
}

void ColumnBuilder::reserve(std::size_t rows) {
  switch (mode_) {
    case Mode::dictionary:
      codes_.reserve(rows);
      return;
    case Mode::numbers:
      numbers_.reserve(rows);
      return;
    case Mode::text:
      if (!ends_.empty()) bytes_.reserve(bytes_.size() / ends_.size() * rows + bytes_.size() / 8);
      ends_.reserve(rows);
      return;
  }
}

void ColumnBuilder::leave_dictionary() {
  // Identifiers and timestamps written canonically are kept as numbers (8
  // bytes a row instead of their text); anything else as text.
  const CanonicalShape shape = common_canonical_shape(dictionary_);
  if (shape == CanonicalShape::none) {
    switch_to_text();
    return;
  }
  numbers_.reserve(std::max(codes_.capacity(), codes_.size()));
  for (std::uint32_t code : codes_) {
    const std::string_view key = dictionary_.key(code);
    numbers_.push_back(key.empty() ? std::nan("") : canonical_value(key, shape));
  }
  canonical_ = CanonicalReader(shape);
  mode_ = Mode::numbers;
  codes_ = {};
  dictionary_ = {};
}

void ColumnBuilder::numbers_to_text() {
  ends_.reserve(std::max(numbers_.capacity(), numbers_.size()));
  bytes_.reserve(numbers_.capacity() * 20);
  std::string text;
  for (double v : numbers_) {
    text.clear();
    render_canonical(v, canonical_.shape(), text);
    bytes_.append(text);
    ends_.push_back(bytes_.size());
  }
  numbers_ = {};
  mode_ = Mode::text;
}

void ColumnBuilder::switch_to_text() {
  // Reserve for the rows still to come at the length seen so far, so the
  // store is not regrown (and copied) a dozen times on a large file.
  const std::size_t expected = std::max(codes_.capacity(), codes_.size());
  if (!codes_.empty()) {
    std::size_t length = 0;
    for (std::uint32_t code : codes_) length += dictionary_.key(code).size();
    bytes_.reserve(length / codes_.size() * expected + length);
  }
  ends_.reserve(expected);
  for (std::uint32_t code : codes_) {
    bytes_.append(dictionary_.key(code));
    ends_.push_back(bytes_.size());
  }
  mode_ = Mode::text;
  codes_ = {};
  dictionary_ = {};
}

namespace {

// "NA" is Napoli's plate code: in a column of provinces it is a value, not
// a missing one.
std::vector<std::string> missing_tokens_of(const std::string& name,
                                           const std::vector<std::string>& tokens) {
  const std::string lower = ascii_lower(name);
  const bool provinces = lower.find("prov") != std::string::npos ||
                         lower.find("sigla") != std::string::npos ||
                         lower.find("targa") != std::string::npos;
  if (!provinces) return tokens;
  std::vector<std::string> out;
  for (const std::string& t : tokens)
    if (t != "na") out.push_back(t);
  return out;
}

}  // namespace

Column ColumnBuilder::finish(std::string name, const RowLines& row_lines,
                             const TypingOptions& options) {
  Column column;
  column.name = std::move(name);
  const std::vector<std::string> tokens = missing_tokens_of(column.name, options.missing_tokens);
  const MissingTokens missing(tokens);
  const std::size_t rows = size();
  auto cell = [&](std::size_t row) -> std::string_view {
    const std::uint64_t begin = row ? ends_[row - 1] : 0;
    return bytes_.view().substr(begin, ends_[row] - begin);
  };

  if (mode_ == Mode::numbers) {
    // Typed like a text store, from a sample of the rebuilt text; when that
    // gives the shape's own type the numbers are the column, else the text
    // is rebuilt and typed as any other.
    std::vector<std::string> texts;
    const std::size_t step = rows > kTypingSample ? rows / kTypingSample : 1;
    for (std::size_t row = 0; row < rows; row += step) {
      texts.emplace_back();
      render_canonical(numbers_[row], canonical_.shape(), texts.back());
    }
    std::vector<Distinct> sample;
    for (const std::string& t : texts) sample.push_back({t, 1});
    const Decision decision = decide_type(sample, missing, options, column);
    const CanonicalShape shape = canonical_.shape();
    const ColumnType expected = shape == CanonicalShape::integer ? ColumnType::integer
                                : shape == CanonicalShape::date  ? ColumnType::date
                                                                 : ColumnType::datetime;
    if (decision.type == expected) {
      column.type = expected;
      column.numbers = std::move(numbers_);
      for (double v : column.numbers) column.missing += std::isnan(v);
      numbers_ = {};
      return column;
    }
    column = Column{};
    column.name = std::move(name);
    numbers_to_text();
  }

  // A dictionary column is typed from its distinct values, each once. A
  // text-store column is typed from a spread sample of its cells; if the
  // sample misled (more than 5% of cells do not fit), from all of them.
  std::vector<Distinct> distinct;
  std::vector<std::uint64_t> counts;  // rows by dictionary code
  std::size_t step = 1;
  if (mode_ == Mode::text) {
    step = rows > kTypingSample ? rows / kTypingSample : 1;
    for (std::size_t row = 0; row < rows; row += step) distinct.push_back({cell(row), 1});
  } else {
    counts = codes_.counts(dictionary_.size());
    for (std::size_t code = 0; code < dictionary_.size(); ++code)
      distinct.push_back({dictionary_.key(static_cast<std::uint32_t>(code)), counts[code]});
  }
  Decision decision = decide_type(distinct, missing, options, column);

  if (mode_ == Mode::text && is_numeric_type(decision.type)) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      column.type = decision.type;
      column.numbers.assign(rows, std::nan(""));
      column.missing = column.invalid = 0;
      column.invalid_lines.clear();
      for (std::size_t row = 0; row < rows; ++row) {
        const std::string_view value = cell(row);
        if (missing.contains(value)) {
          ++column.missing;
        } else if (auto v = to_number(value, decision)) {
          column.numbers[row] = *v;
        } else {
          note_invalid(column, value, row, row_lines);
        }
      }
      const std::uint64_t filled = rows - column.missing;
      if (step == 1 || column.invalid * 20 <= filled) return column;
      distinct.clear();
      for (std::size_t row = 0; row < rows; ++row) distinct.push_back({cell(row), 1});
      step = 1;
      column.format.clear();
      decision = decide_type(distinct, missing, options, column);
      if (!is_numeric_type(decision.type)) break;
    }
  }
  column.type = decision.type;
  column.missing = 0;

  if (decision.type == ColumnType::empty) {
    column.numbers.assign(rows, std::nan(""));
    column.missing = rows;
    return column;
  }

  if (is_numeric_type(decision.type)) {  // dictionary mode: each distinct value parsed once
    std::vector<double> value_of(dictionary_.size(), std::nan(""));
    std::vector<char> invalid(dictionary_.size(), 0);  // by code: not a number, not missing
    bool any_invalid = false;
    for (std::size_t code = 0; code < dictionary_.size(); ++code) {
      if (missing.contains(dictionary_.key(static_cast<std::uint32_t>(code)))) {
        column.missing += counts[code];
      } else if (auto v = to_number(dictionary_.key(static_cast<std::uint32_t>(code)), decision)) {
        value_of[code] = *v;
      } else {
        invalid[code] = 1;
        any_invalid = true;
      }
    }
    // Plain loops: as a lambda through for_each, emcc called it per row.
    column.numbers.resize(rows);
    double* const numbers = column.numbers.data();
    for (std::size_t row = 0; row < rows; ++row) numbers[row] = value_of[codes_[row]];
    if (any_invalid)
      for (std::size_t row = 0; row < rows; ++row)
        if (invalid[codes_[row]])
          note_invalid(column, dictionary_.key(codes_[row]), row, row_lines);
    return column;
  }

  if (decision.type == ColumnType::categorical && mode_ != Mode::text) {
    // Labels are trimmed, so " Web" and "Web" are one category.
    std::map<std::string_view, std::uint32_t> label_code;
    std::vector<std::uint32_t> remap(dictionary_.size(), kMissingCode);
    for (std::size_t code = 0; code < dictionary_.size(); ++code) {
      if (missing.contains(dictionary_.key(static_cast<std::uint32_t>(code)))) continue;
      const std::string_view label = trim(dictionary_.key(static_cast<std::uint32_t>(code)));
      auto [it, added] =
          label_code.emplace(label, static_cast<std::uint32_t>(column.labels.size()));
      if (added) column.labels.emplace_back(label);
      remap[code] = it->second;
    }
    codes_.recode(remap);
    column.missing = rows;  // less the rows of a code that is a label
    for (std::size_t code = 0; code < dictionary_.size(); ++code)
      if (remap[code] != kMissingCode) column.missing -= counts[code];
    column.codes = std::move(codes_);
    codes_ = {};
    return column;
  }

  // Free text: the store moves to the column; missing tokens become empty
  // cells, compacted in place (a write never overtakes its read).
  column.type = ColumnType::text;
  if (mode_ != Mode::text) switch_to_text();
  std::uint64_t write = 0, begin = 0;
  for (std::size_t row = 0; row < rows; ++row) {
    const std::uint64_t end = ends_[row];
    const std::string_view value = bytes_.view().substr(begin, end - begin);
    if (missing.contains(value)) {
      ++column.missing;
    } else {
      if (write != begin) std::memmove(bytes_.data() + write, value.data(), value.size());
      write += value.size();
    }
    begin = end;
    ends_[row] = write;
  }
  bytes_.truncate(write);
  column.text_bytes = std::move(bytes_);
  column.text_ends = std::move(ends_);
  bytes_ = {};
  ends_ = {};
  return column;
}

}  // namespace ascolto::table
