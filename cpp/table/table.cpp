#include "table/table.hpp"

#include "csv/dialect.hpp"
#include "table/number_format.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <set>

namespace ascolto::table {

namespace {

// Rows [begin, begin + rows) of column j of a range read on a thread, from
// where the thread kept them: its codes while the column had few values,
// else its numbers while it read as such, else its views.
void append_kept(ColumnBuilder& builder, const csv::RecordStore& records, std::size_t j,
                 std::size_t begin, std::size_t rows) {
  const csv::CodedColumn& coded = records.coded(j);
  const csv::NumberColumn& numbers = records.numbers(j);
  if (coded.coded)
    builder.append_coded(coded.keys, coded.codes.data() + begin, rows);
  else if (numbers.shape() != CanonicalShape::none)
    builder.append_canonical(numbers.shape(), numbers.values.data() + begin, rows);
  else
    builder.append_strided(records.views(j) + begin, 1, rows);
}

}  // namespace

std::string_view Table::footer_first() const {
  for (const Part& part : parts)
    if (!part.footer_first.empty()) return part.footer_first;
  return {};
}

std::uint64_t Table::records() const {
  if (frequencies.empty()) return rows.used;
  std::uint64_t total = 0;
  for (std::uint64_t f : frequencies) total += f;
  return total;
}

const Column* Table::find(std::string_view name) const {
  for (const Column& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}

void TableBuilder::begin_part(std::string name, std::uint64_t first_line) {
  if (!parts_.empty()) end_part();
  Part part;
  part.name = std::move(name);
  part.first_line = first_line;
  parts_.push_back(std::move(part));
  part_start_ = rows_;
  line_offset_ = first_line - 1;
  part_refused_ = false;
  part_ended_ = false;
}

void TableBuilder::end_part() {
  if (part_ended_) return;  // ended already (a refused file after it was dropped)
  part_ended_ = true;
  // Held rows at the end of a file are its footer, not the next file's.
  Part& part = parts_.back();
  rows_.footer += held_.size();
  for (const HeldRow& row : held_)
    if (part.footer_first.empty()) part.footer_first = csv::record_text(row.fields);
  held_.clear();
  part.rows.read = rows_.read - part_start_.read;
  part.rows.used = rows_.used - part_start_.used;
  part.rows.rejected = rows_.rejected - part_start_.rejected;
  part.rows.footer = rows_.footer - part_start_.footer;
}

void TableBuilder::drop_refused_part() {
  if (!part_refused_ || parts_.size() < 2) return;
  // A refused file took no row: the part before it, ended already, is the
  // last again, and its counts stay as they are.
  parts_.pop_back();
  part_refused_ = false;
  part_ended_ = true;
}

void TableBuilder::on_header(const std::vector<std::string_view>& names, std::uint64_t line) {
  if (parts_.empty()) parts_.push_back(Part{});
  if (parts_.size() > 1) {
    // A later file of the dataset: the same names in the same order (a
    // trailing delimiter aside), or it is refused (it will be read as a
    // dataset of its own).
    std::size_t width = names.size();
    while (width > 0 && trim(names[width - 1]).empty()) --width;
    bool same = width + trailing_unnamed_ == header_.size() && (line != 0) == has_header_;
    for (std::size_t i = 0; same && i < width; ++i) same = trim(names[i]) == header_[i];
    part_refused_ = !same;
    return;
  }
  has_header_ = line != 0;
  line += line_offset_;
  for (std::string_view n : names) header_.emplace_back(trim(n));
  if (names.size() > limits_.max_columns) {
    error_ = make_error(ErrorCode::too_many_columns,
                        "The file has " + std::to_string(names.size()) + " columns; the limit is " +
                            std::to_string(limits_.max_columns) + ".",
                        line);
    return;
  }
  std::set<std::string> seen;
  // "a;b;c;": the last name is empty because of a trailing delimiter; rows
  // may end before it.
  if (has_header_)
    while (trailing_unnamed_ < names.size() &&
           trim(names[names.size() - 1 - trailing_unnamed_]).empty())
      ++trailing_unnamed_;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string name(trim(names[i]));
    if (name.empty()) {
      name = "column_" + std::to_string(i + 1);
      if (has_header_ && i + trailing_unnamed_ < names.size())
        warnings_.add("empty_header", name, line,
                      "A column has no name in the header; it is called " + name + ".");
    }
    if (!seen.insert(name).second) {
      std::string unique;
      for (int k = 2; !seen.insert(unique = name + "_" + std::to_string(k)).second; ++k) {}
      warnings_.add(
          "duplicate_header", unique, line,
          "The column name '" + name + "' appears twice; the second is called '" + unique + "'.");
      name = unique;
    }
    names_.push_back(std::move(name));
  }
  builders_.resize(names_.size());
  if (expected_rows_ > 0) grow_storage();
  batches_[0] = RowBatch(names_.size());
  batches_[1] = RowBatch(names_.size());
}

void TableBuilder::on_estimate(std::uint64_t records) {
  expected_rows_ = part_start_.used + records;  // a later file adds to the rows read so far
  // The estimate firms up after the first chunks, while moving the columns
  // to a larger store is still cheap.
  if (!names_.empty() && records > reserved_rows_) grow_storage();
}

TableBuilder::~TableBuilder() {
  // The workers may still be appending a batch to these columns.
  if (workers_) try {
      workers_->wait();
    } catch (...) {}
}

void TableBuilder::append_row(const std::string_view* fields) {
  if (!batched_) {
    for (std::size_t i = 0; i < builders_.size(); ++i) builders_[i].append(fields[i]);
    return;
  }
  RowBatch& batch = batches_[filling_];
  batch.add(fields, stable_views_);
  // Large enough that handing over costs little, small enough to stay in
  // cache. Views that stay valid wait for the whole block (on_stable_views).
  if ((!stable_views_ && batch.rows() >= 16384) || batch.copied_bytes() >= (2u << 20))
    dispatch_batch();
}

void TableBuilder::dispatch_batch() {
  workers_->wait();  // the other batch is appended: it can be filled again
  const RowBatch& full = batches_[filling_];
  filling_ ^= 1;
  batches_[filling_].clear();
  workers_->start(builders_.size(), [this, &full](std::size_t column) {
    ColumnBuilder& builder = builders_[column];
    full.each(
        column, [&builder](std::string_view field) { builder.append(field); },
        [&builder](const csv::RecordStore& records, std::size_t j, std::size_t begin,
                   std::size_t rows) { append_kept(builder, records, j, begin, rows); });
  });
}

void TableBuilder::on_stable_views(bool stable) {
  // The reader parsed a block on the workers (a large file): from here on
  // the columns are appended by the workers too. A smaller file is read and
  // typed on the caller alone, as it was before threads (handing rows over
  // through copied batches measured slower than appending them).
  if (stable && workers_ && workers_->threads() > 1) read_in_blocks_ = batched_ = true;
  if (!stable) drain_batches();  // the views are about to go
  stable_views_ = stable;
}

void TableBuilder::drain_batches() {
  if (!batched_) return;
  if (batches_[filling_].rows() > 0) dispatch_batch();
  workers_->wait();
  batches_[0].clear();
  batches_[1].clear();
}

void TableBuilder::grow_storage(std::uint64_t needed_rows) {
  drain_batches();  // no worker may append while the columns move
  // Growing every column vector by doubling would copy each several times
  // and, near the end, hold twice the memory the file needs (in WASM, fresh
  // pages are the costliest part of a first read); the reader's estimate
  // is capped so that a wrong one cannot reserve absurd memory.
  const std::size_t rows = row_lines_.size();
  const std::uint64_t expected =
      std::min<std::uint64_t>(expected_rows_ + expected_rows_ / 20, 1u << 27);
  const std::uint64_t wanted =
      std::max<std::uint64_t>({expected, rows + rows / 2, 1024, needed_rows});
  reserved_rows_ = wanted;
  for (ColumnBuilder& b : builders_) b.reserve(wanted);
}

namespace {

enum class FooterWord : std::uint8_t { none, total, other };

// "Totale", "Totali", "Total", "Fonte: ...", "Note", "Elaborazione ...",
// "* dati provvisori": words that open a line below a table, the totals
// told apart (a total fills the table's columns, a source or a note not).
FooterWord footer_word(std::string_view cell) {
  const std::string_view t = trim(cell);
  char lower[17] = {};
  const std::size_t size = std::min<std::size_t>(t.size(), 16);
  for (std::size_t i = 0; i < size; ++i)
    lower[i] = t[i] >= 'A' && t[i] <= 'Z' ? static_cast<char>(t[i] - 'A' + 'a') : t[i];
  static const char* const kWords[] = {"totale", "totali", "total",        "totals",       "fonte",
                                       "fonti",  "source", "sources",      "nota",         "note",
                                       "notes",  "n.b.",   "elaborazione", "elaborazioni", "*"};
  constexpr std::size_t kTotals = 4;  // the first four words
  for (std::size_t w = 0; w < std::size(kWords); ++w) {
    const std::size_t n = std::char_traits<char>::length(kWords[w]);
    if (n > size || std::memcmp(lower, kWords[w], n) != 0) continue;
    const char next = lower[n];  // 0 past the end
    if (!(next >= 'a' && next <= 'z')) return w < kTotals ? FooterWord::total : FooterWord::other;
  }
  return FooterWord::none;
}

// The first bytes of the footer words, and a space (a cell padded before
// its word): one table lookup a row.
constexpr std::array<bool, 256> footer_first_bytes() {
  std::array<bool, 256> table{};
  for (const char c : {'T', 't', 'F', 'f', 'S', 's', 'N', 'n', 'E', 'e', '*', ' '})
    table[static_cast<unsigned char>(c)] = true;
  return table;
}
constexpr std::array<bool, 256> kFooterFirstBytes = footer_first_bytes();

bool may_open_footer(char c) {
  return kFooterFirstBytes[static_cast<unsigned char>(c)];
}

// A row of the header's width whose first field starts with this byte is
// ordinary (see on_row) and not blank: nothing to check but its count.
// ('\0' stands for an empty first field.)
bool opens_plain_row(char first_byte) {
  return first_byte != '\0' && first_byte != '\t' && !may_open_footer(first_byte);
}

}  // namespace

bool TableBuilder::footer_candidate(const std::vector<std::string_view>& fields) const {
  std::size_t first = 0;
  while (first < fields.size() && trim(fields[first]).empty()) ++first;
  if (first == fields.size()) return !held_.empty();
  if (const FooterWord word = footer_word(fields[first]); word != FooterWord::none) {
    // A full row opening with "Nota bene" is a comment (a review, a reply).
    if (word == FooterWord::total) return true;
    const auto filled = static_cast<std::size_t>(std::count_if(
        fields.begin(), fields.end(), [](std::string_view f) { return !trim(f).empty(); }));
    return names_.size() < 2 || filled < names_.size();
  }
  if (names_.size() < 2 || fields.size() >= names_.size()) return false;
  for (std::size_t i = first + 1; i < fields.size(); ++i)
    if (!trim(fields[i]).empty()) return false;
  return !parse_number_any(fields[first]);
}

[[gnu::always_inline]] inline void TableBuilder::take_row(
    const std::vector<std::string_view>& given, std::uint64_t line) {
  const std::size_t width = names_.size();
  // A row without the header's trailing delimiter is padded with empty
  // fields (a copy of views only; without recursion, so that the common
  // path is inlined).
  const bool pad = given.size() < width && given.size() + trailing_unnamed_ >= width;
  if (pad) {
    padded_.assign(given.begin(), given.end());
    padded_.resize(width);
  }
  const std::vector<std::string_view>& fields = pad ? padded_ : given;
  // Most rows start with a value that is not blank: one byte tells.
  const bool all_empty =
      (fields.empty() || fields[0].empty() || fields[0][0] == ' ' || fields[0][0] == '\t') &&
      std::all_of(fields.begin(), fields.end(), [](std::string_view f) { return trim(f).empty(); });
  if (all_empty) {
    ++rows_.rejected;
    warnings_.add("empty_row", "", line, "A row has only empty fields; it is skipped.");
    return;
  }
  if (fields.size() < width) {
    ++rows_.rejected;
    warnings_.add("too_few_fields", "", line,
                  "A row has " + std::to_string(fields.size()) + " fields instead of " +
                      std::to_string(width) + "; it is skipped.");
    return;
  }
  if (fields.size() > width) {
    bool extra_empty = true;
    for (std::size_t i = width; i < fields.size(); ++i)
      if (!trim(fields[i]).empty()) extra_empty = false;
    if (!extra_empty) {
      ++rows_.rejected;
      warnings_.add("too_many_fields", "", line,
                    "A row has " + std::to_string(fields.size()) + " fields instead of " +
                        std::to_string(width) + "; it is skipped.");
      return;
    }
    warnings_.add("trailing_empty_fields", "", line,
                  "A row ends with empty fields beyond the header; they are ignored.");
  }
  if (row_lines_.size() == reserved_rows_) grow_storage();
  append_row(fields.data());
  row_lines_.push_back(line);
  ++rows_.used;
}

void TableBuilder::release_held() {
  // The held rows' fields are this builder's own copies, gone at the end.
  const bool stable = stable_views_;
  stable_views_ = false;
  std::vector<HeldRow> held = std::move(held_);
  held_.clear();
  std::vector<std::string_view> views;
  for (const HeldRow& row : held) {
    views.assign(row.fields.begin(), row.fields.end());
    // A total in the middle of the data is kept (it may be a category),
    // but said: if it is a subtotal, sums count its rows twice.
    const auto first = std::find_if(views.begin(), views.end(),
                                    [](std::string_view f) { return !trim(f).empty(); });
    if (first != views.end() && footer_word(*first) == FooterWord::total)
      warnings_.add("total_row_in_data", "", row.line,
                    "A row in the middle of the data opens with a total ('" +
                        std::string(trim(*first).substr(0, 40)) +
                        "'): it is read as data; if it is a subtotal, sums count its rows twice.");
    take_row(views, row.line);
  }
  stable_views_ = stable;
}

void TableBuilder::on_row(const std::vector<std::string_view>& fields, std::uint64_t line) {
  if (error_ || part_refused_) return;
  ++rows_.read;
  line += line_offset_;
  // Footer lines are known only at the end: a row that may open one is
  // held back until a data row follows it (a few rows at most). Ordinary
  // rows (nothing held, the header's width, a first byte that opens no
  // footer word) go straight on.
  const bool ordinary = held_.empty() && !fields.empty() && fields.size() == names_.size() &&
                        !fields[0].empty() && !may_open_footer(fields[0][0]);
  if (__builtin_expect(ordinary, 1)) return take_row(fields, line);
  if (held_.size() < kMaxFooterRows && footer_candidate(fields)) {
    held_.push_back({std::vector<std::string>(fields.begin(), fields.end()), line});
    return;
  }
  if (!held_.empty()) release_held();
  take_row(fields, line);
}

void TableBuilder::on_row_run(const csv::RowRun& run) {
  const std::size_t width = names_.size();
  if (run.width() != width) return DataSink::on_row_run(run);
  const std::vector<char>& first_bytes = run.records->first_bytes();
  for (std::size_t i = 0; i < run.size();) {
    if (error_ || part_refused_) return;
    std::size_t j = i;
    if (held_.empty())
      while (j < run.size() && opens_plain_row(first_bytes[run.begin + j])) ++j;
    if (j == i) {
      run.row(i, run_row_);
      on_row(run_row_, run.line(i));
      ++i;
      continue;
    }
    take_run(run, i, j);
    i = j;
  }
}

void TableBuilder::on_rows(const csv::RecordBatch& rows) {
  const std::size_t width = names_.size();
  for (std::size_t i = 0; i < rows.size;) {
    if (error_ || part_refused_) return;
    std::size_t j = i;
    if (held_.empty() && width > 0)
      while (j < rows.size && rows.width(j) == width) {
        const std::string_view first = rows.record(j)[0];
        if (!opens_plain_row(first.empty() ? '\0' : first[0])) break;
        ++j;
      }
    if (j == i) {
      rows.row(i, run_row_);
      on_row(run_row_, rows.lines[i]);
      ++i;
      continue;
    }
    take_rows(rows, i, j);
    i = j;
  }
}

void TableBuilder::count_ordinary(std::size_t n) {
  rows_.read += n;
  rows_.used += n;
  if (row_lines_.size() + n > reserved_rows_) grow_storage(row_lines_.size() + n);
}

void TableBuilder::take_run(const csv::RowRun& run, std::size_t i, std::size_t j) {
  const std::size_t n = j - i;
  count_ordinary(n);
  row_lines_.push_back_many(run.lines + i, n, run.line_offset + line_offset_);
  if (batched_) {
    batches_[filling_].add_run(*run.records, run.begin + i, run.begin + j);
    if (batches_[filling_].copied_bytes() >= (2u << 20)) dispatch_batch();
    return;
  }
  for (std::size_t c = 0; c < builders_.size(); ++c)
    append_kept(builders_[c], *run.records, c, run.begin + i, n);
}

void TableBuilder::take_rows(const csv::RecordBatch& rows, std::size_t i, std::size_t j) {
  const std::size_t n = j - i;
  count_ordinary(n);
  row_lines_.push_back_many(rows.lines + i, n, line_offset_);
  if (batched_) {
    for (std::size_t r = i; r < j; ++r) append_row(rows.record(r));
    return;
  }
  // A column at a time, while the batch's fields are in cache.
  for (std::size_t c = 0; c < builders_.size(); ++c)
    builders_[c].append_strided(rows.record(i) + c, rows.width(i), n);
}

void TableBuilder::mark_point_decimal(std::size_t column) {
  if (point_decimal_.size() <= column) point_decimal_.resize(column + 1, false);
  point_decimal_[column] = true;
}

Error TableBuilder::finish(const TypingOptions& options, Table& out) {
  if (error_) return error_;
  if (names_.empty()) return make_error(ErrorCode::empty_file);
  // What is still held at the end is the footer, unless it is all there
  // is: then it is read as rows, to be rejected with their reasons.
  if (rows_.used == 0) release_held();
  if (parts_.empty()) parts_.push_back(Part{});
  end_part();
  out = Table{};
  out.parts = parts_;
  out.rows = rows_;
  if (rows_.used == 0) {
    if (rows_.read == 0 && has_header_) return make_error(ErrorCode::header_only);
    return make_error(ErrorCode::no_usable_rows);
  }
  drain_batches();
  core::Workers one_thread;
  core::Workers& workers = read_in_blocks_ ? *workers_ : one_thread;
  out.reading_threads = workers.threads();
  // The file's decimal mark, from every column, before any is typed.
  TypingOptions typing = options;
  std::vector<std::pair<std::string, DecimalVotes>> votes;
  point_decimal_.resize(names_.size(), false);
  std::vector<DecimalVotes> column_votes(names_.size());
  workers.run(names_.size(), [&](std::size_t i) {
    if (!point_decimal_[i]) column_votes[i] = builders_[i].decimal_votes(options);
  });
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (!point_decimal_[i]) votes.emplace_back(names_[i], std::move(column_votes[i]));
  const FileDecimal file_decimal = decide_file_decimal(votes, options.delimiter);
  typing.file_decimal = file_decimal.decimal;
  typing.file_decimal_reason = file_decimal.reason;
  if (file_decimal.mixed && !options.forced_decimal)
    warnings_.add("number_format_mixed", "", 0,
                  "Columns of the file write numbers differently: " + file_decimal.reason +
                      ". Set \"decimal\" in the configuration if this is wrong.");
  // Each column is typed on its own (in parallel when there are workers);
  // what the typing says is then told in column order.
  std::vector<Column> typed(names_.size());
  workers.run(names_.size(), [&](std::size_t i) {
    if (point_decimal_[i]) {
      TypingOptions stored_numbers = typing;
      stored_numbers.column_decimal.insert(stored_numbers.column_decimal.begin(), {names_[i], '.'});
      stored_numbers.forced_decimal_reason = "the workbook stores them as numbers";
      typed[i] = builders_[i].finish(std::move(names_[i]), row_lines_, stored_numbers);
    } else {
      typed[i] = builders_[i].finish(std::move(names_[i]), row_lines_, typing);
    }
    builders_[i] = ColumnBuilder{};  // free the raw cells as soon as each column is typed
  });
  out.columns.reserve(names_.size());
  for (std::size_t i = 0; i < names_.size(); ++i) {
    const bool trailing_unnamed = i + trailing_unnamed_ >= names_.size();
    Column column = std::move(typed[i]);
    // The empty column of a trailing delimiter is no column.
    if (trailing_unnamed && column.type == ColumnType::empty) continue;
    if (trailing_unnamed)
      warnings_.add("empty_header", column.name, 0,
                    "A column has no name in the header; it is called " + column.name + ".");
    out.columns.push_back(std::move(column));
    const Column& c = out.columns.back();
    // Two codes, so that the page can say in any language which reading
    // was guessed: '.' as thousands (1.500 = 1500) or as decimal point.
    if (c.number_format_assumed)
      warnings_.add(c.format.find("decimal ','") != std::string::npos
                        ? "number_format_guessed_comma"
                        : "number_format_guessed_point",
                    c.name, 0,
                    "How the numbers of '" + c.name + "' are written cannot be told: " +
                        c.type_reason.substr(
                            std::min(c.type_reason.find("values such as"), c.type_reason.size())) +
                        ". Set \"decimal\" in the configuration (for the file or this column) "
                        "if this is wrong.");
    if (c.invalid > 0) {
      std::vector<std::uint64_t> lines(c.invalid_lines.begin(), c.invalid_lines.end());
      warnings_.add_many("invalid_value", c.name, c.invalid, lines,
                         "Values that are not " + std::string(column_type_name(c.type)) +
                             " (first: '" + c.invalid_example + "') are treated as missing.");
    }
  }
  if (parts_.size() > 1) out.columns.push_back(source_column(out));
  out.row_lines = std::move(row_lines_);
  return {};
}

Column TableBuilder::source_column(const Table& table) const {
  // Which file each row came from: a breakdown like any other.
  std::string name = "source_file";
  for (int k = 2; table.find(name); ++k) name = "source_file_" + std::to_string(k);
  Column c;
  c.name = name;
  c.type = ColumnType::categorical;
  c.type_reason = "the file each row was read from";
  c.source_file = true;
  c.codes.reserve(rows_.used);
  for (std::size_t p = 0; p < parts_.size(); ++p) {
    c.labels.push_back(parts_[p].name);
    for (std::uint64_t i = 0; i < parts_[p].rows.used; ++i)
      c.codes.push_back(static_cast<std::uint32_t>(p));
  }
  return c;
}

}  // namespace ascolto::table
