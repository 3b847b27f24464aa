#include "csv/parallel_parse.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ascolto::csv {

void RecordStore::reset(std::string_view block, std::size_t width) {
  block_ = block;
  columns_.resize(width);
  for (KeptColumn& c : columns_) {
    c.coded.clear();
    c.numbers.values.clear();
    c.numbers.reader = table::CanonicalReader();
    c.views.clear();
  }
  first_bytes_.clear();
  lines_.clear();
  odd_.clear();
  odd_fields_.clear();
  copies_.clear();
  rendered_.clear();
}

std::string_view RecordStore::field(std::size_t j, std::size_t r) const {
  const CodedColumn& c = columns_[j].coded;
  if (c.coded) return c.keys.key(c.codes[r]);
  const NumberColumn& n = columns_[j].numbers;
  if (n.shape() == table::CanonicalShape::none) return columns_[j].views[r];
  std::string text;
  table::render_canonical(n.values[r], n.shape(), text);
  return rendered_.copy(text);
}

std::string_view RecordStore::keep(std::string_view field) {
  const char* begin = block_.data();
  if (field.data() >= begin && field.data() + field.size() <= begin + block_.size()) return field;
  return copies_.copy(field);
}

void RecordStore::on_record(const std::vector<std::string_view>& fields, std::uint64_t line) {
  add(fields.data(), fields.size(), line);
}

void RecordStore::on_records(const RecordBatch& batch) {
  for (std::size_t r = 0; r < batch.size; ++r) add(batch.record(r), batch.width(r), batch.lines[r]);
}

void RecordStore::add(const std::string_view* fields, std::size_t count, std::uint64_t line) {
  if (count == columns_.size()) {
    for (std::size_t j = 0; j < count; ++j) {
      KeptColumn& column = columns_[j];
      CodedColumn& coded = column.coded;
      if (coded.coded) {
        if (coded.add(fields[j])) continue;
        leave_codes(j);  // one value too many
      }
      NumberColumn& numbers = column.numbers;
      if (numbers.shape() != table::CanonicalShape::none) {
        if (fields[j].empty()) {
          numbers.values.push_back(std::numeric_limits<double>::quiet_NaN());
          continue;
        }
        if (const std::optional<double> value = numbers.reader.read(fields[j])) {
          numbers.values.push_back(*value);
          continue;
        }
        numbers_to_views(j);
      }
      column.views.push_back(keep(fields[j]));
    }
    first_bytes_.push_back(count == 0 || fields[0].empty() ? '\0' : fields[0][0]);
  } else {
    odd_.push_back({lines_.size(), odd_fields_.size(), count});
    for (std::size_t j = 0; j < count; ++j) odd_fields_.push_back(keep(fields[j]));
  }
  lines_.push_back(line);
}

void RecordStore::leave_codes(std::size_t j) {
  const CodedColumn& coded = columns_[j].coded;
  // The same rule as the table's column (ColumnBuilder), on every key,
  // the one too many included.
  const table::CanonicalShape shape = table::common_canonical_shape(coded.keys);
  if (shape != table::CanonicalShape::none) {
    NumberColumn& numbers = columns_[j].numbers;
    numbers.reader = table::CanonicalReader(shape);
    for (const std::uint8_t code : coded.codes) {
      const std::string_view key = coded.keys.key(code);
      numbers.values.push_back(key.empty() ? std::numeric_limits<double>::quiet_NaN()
                                           : table::canonical_value(key, shape));
    }
    return;
  }
  // The records so far become views of their keys (which stay where they
  // are until the store is reset).
  std::vector<std::string_view>& views = columns_[j].views;
  for (const std::uint8_t code : coded.codes) views.push_back(coded.keys.key(code));
}

void RecordStore::numbers_to_views(std::size_t j) {
  NumberColumn& numbers = columns_[j].numbers;
  std::vector<std::string_view>& views = columns_[j].views;
  std::string text;
  for (const double value : numbers.values) {
    text.clear();
    table::render_canonical(value, numbers.shape(), text);
    views.push_back(copies_.copy(text));
  }
  numbers.values.clear();
  numbers.reader = table::CanonicalReader();
}

std::size_t parse_ranges(std::string_view block, Dialect dialect, std::size_t max_field_bytes,
                         std::size_t width, std::size_t ranges, core::Workers& workers,
                         std::vector<ParsedRange>& out) {
  // Cuts just after the first line break past each even share of the block.
  std::vector<std::size_t> cuts{0};
  for (std::size_t k = 1; k < ranges; ++k) {
    const std::size_t from = std::max(cuts.back(), block.size() / ranges * k);
    const std::size_t lf = block.find('\n', from);
    if (lf == std::string_view::npos || lf + 1 >= block.size()) break;
    if (lf + 1 > cuts.back()) cuts.push_back(lf + 1);
  }
  cuts.push_back(block.size());
  const std::size_t count = cuts.size() - 1;
  if (out.size() < count) out.resize(count);
  workers.run(count, [&](std::size_t k) {
    const std::string_view text = block.substr(cuts[k], cuts[k + 1] - cuts[k]);
    ParsedRange& range = out[k];
    if (range.parser)
      range.parser->restart();
    else
      range.parser.emplace(dialect, max_field_bytes);
    range.records.reset(block, width);
    const Error error = range.parser->feed(text, range.records);
    range.whole = !error && range.parser->at_record_boundary();
  });
  const auto used = out.begin() + static_cast<std::ptrdiff_t>(count);
  return std::all_of(out.begin(), used, [](const ParsedRange& r) { return r.whole; }) ? count : 0;
}

}  // namespace ascolto::csv
