#include "csv/reader.hpp"

#include <algorithm>

#include "csv/parallel_parse.hpp"

namespace ascolto::csv {

void DataSink::on_rows(const RecordBatch& rows) {
  std::vector<std::string_view> fields;
  for (std::size_t r = 0; r < rows.size; ++r) {
    rows.row(r, fields);
    on_row(fields, rows.lines[r]);
  }
}

void Reader::HeaderRouter::on_record(const std::vector<std::string_view>& fields,
                                     std::uint64_t line) {
  if (records_++ < skip_) return;
  if (first_) {
    first_ = false;
    if (has_header_) {
      sink_.on_header(fields, line);
      return;
    }
    sink_.on_header(std::vector<std::string_view>(fields.size()), 0);
  }
  sink_.on_row(fields, line);
}

void Reader::HeaderRouter::on_records(const RecordBatch& batch) {
  std::vector<std::string_view> fields;
  std::size_t r = 0;
  for (; r < batch.size && (first_ || records_ < skip_); ++r) {
    batch.row(r, fields);
    on_record(fields, batch.lines[r]);
  }
  if (r == batch.size) return;
  records_ += batch.size - r;
  sink_.on_rows(batch.from(r));
}

void Reader::HeaderRouter::on_run(RowRun run) {
  std::vector<std::string_view> fields;
  while (run.size() > 0 && (first_ || records_ < skip_)) {
    run.row(0, fields);
    on_record(fields, run.line(0));
    run = run.rest();
  }
  if (run.size() == 0) return;
  records_ += run.size();
  sink_.on_row_run(run);
}

Reader::Reader(ReadOptions options, DataSink& sink)
    : options_(options), router_(sink, info_.header, info_.preamble.records) {}

Error Reader::feed(std::string_view bytes) {
  info_.bytes += bytes.size();
  if (started_) {
    if (Error e = parse(transcoder_->decode(bytes))) return e;
    estimate_records();
    return {};
  }
  head_.append(bytes);
  if (head_.size() < options_.sniff_bytes) return {};
  return start(false);
}

Error Reader::finish() {
  if (!started_) {
    if (Error e = start(true)) return e;
  }
  if (Error e = parse(transcoder_->finish())) return e;
  if (Error e = parse_block(true)) return e;
  if (Error e = parser_->finish(router_)) return e;
  info_.replaced_bytes = transcoder_->replaced_bytes();
  info_.line_ending = parser_->line_ends().name();
  info_.lines = parser_->lines();
  info_.blank_lines = parser_->blank_lines();
  info_.stray_quotes = parser_->stray_quotes();
  return {};
}

void Reader::estimate_records() {
  // Records per byte so far, over the whole file; 2% spare so that a file
  // whose later lines are a little shorter still fits.
  if (options_.expected_bytes <= info_.bytes || router_.records() == 0) return;
  const double records_per_byte =
      static_cast<double>(router_.records()) / static_cast<double>(info_.bytes);
  router_.estimate(static_cast<std::uint64_t>(records_per_byte *
                                              static_cast<double>(options_.expected_bytes) * 1.02));
}

void Reader::keep_first_lines(std::string_view sample) {
  while (!sample.empty() && info_.first_lines.size() < FileInfo::kFirstLines) {
    const std::size_t end = sample.find_first_of("\r\n");
    info_.first_lines.emplace_back(sample.substr(0, std::min<std::size_t>(end, 200)));
    if (end == std::string_view::npos) break;
    sample.remove_prefix(end + (sample.compare(end, 2, "\r\n") == 0 ? 2 : 1));
  }
}

Error Reader::parse(std::string_view text) {
  if (text.empty()) return {};
  if (!blocks_) return parser_->feed(text, router_);
  block_.append(text);
  // A range of about 2 MiB a thread: large enough that the threads' hand-over
  // costs little, small enough to keep the memory a block holds small.
  if (block_.size() < range_bytes_ * workers_->threads()) return {};
  return parse_block(false);
}

Error Reader::parse_block(bool at_end) {
  if (!blocks_ || block_.empty()) return {};
  const std::size_t last_break = block_.rfind('\n');
  const std::size_t cut =
      at_end || last_break == std::string::npos ? block_.size() : last_break + 1;
  std::string_view body = std::string_view(block_).substr(0, cut);
  // The ranges start on a record boundary: after a block read on one
  // thread, the one-thread parser goes on to the end of its record.
  while (!body.empty() && !parser_->at_record_boundary()) {
    const std::size_t lf = body.find('\n');
    const std::size_t take = lf == std::string_view::npos ? body.size() : lf + 1;
    if (Error e = parser_->feed(body.substr(0, take), router_)) return e;
    body.remove_prefix(take);
  }
  // The last bytes at the end of the file may end without a line break:
  // they are the one-thread parser's, as is a block that cannot be cut.
  std::size_t tail = 0;
  if (at_end) {
    const std::size_t lf = body.rfind('\n');
    tail = body.size() - (lf == std::string_view::npos ? 0 : lf + 1);
  }
  const std::string_view ranged = body.substr(0, body.size() - tail);
  const std::size_t parsed =
      ranged.empty() ? 0
                     : parse_ranges(ranged, Dialect{info_.delimiter, '"'}, options_.max_field_bytes,
                                    width_, workers_->threads(), *workers_, ranges_);
  if (parsed > 0) {
    router_.stable_views(true);
    std::vector<std::string_view> fields;
    for (std::size_t k = 0; k < parsed; ++k) {
      const RecordStore& records = ranges_[k].records;
      const std::uint64_t before = parser_->lines() - 1;  // lines ended before the range
      // Runs of records of the table's width, between the odd ones.
      std::size_t record = 0, regular = 0;
      auto run_until = [&](std::size_t stop) {
        if (stop == record) return;
        const std::size_t n = stop - record;
        router_.on_run(
            RowRun{&records, regular, regular + n, records.lines().data() + record, before});
        regular += n;
        record = stop;
      };
      for (const RecordStore::Odd& odd : records.odd()) {
        run_until(odd.record);
        const auto first = records.odd_fields().begin() + static_cast<std::ptrdiff_t>(odd.first);
        fields.assign(first, first + static_cast<std::ptrdiff_t>(odd.count));
        router_.on_record(fields, records.lines()[record] + before);
        ++record;
      }
      run_until(records.size());
      parser_->add_counts(*ranges_[k].parser);
    }
    router_.stable_views(false);  // the sink is done with the views of block_
  } else if (!ranged.empty()) {
    if (Error e = parser_->feed(ranged, router_)) return e;
  }
  if (tail > 0)
    if (Error e = parser_->feed(body.substr(body.size() - tail), router_)) return e;
  block_.erase(0, cut);
  return {};
}

Error Reader::start(bool at_end) {
  started_ = true;
  EncodingGuess guess = detect_encoding(std::string_view(head_).substr(0, options_.sniff_bytes));
  if (options_.encoding) {
    const Encoding forced = *options_.encoding;
    const bool bom_matches = guess.encoding == forced ||
                             (forced == Encoding::utf8 && guess.encoding == Encoding::utf8_bom);
    guess = {forced, bom_matches ? guess.bom_size : 0, "set in the configuration"};
  }
  info_.encoding = guess.encoding;
  info_.encoding_reason = guess.reason;
  transcoder_.emplace(guess.encoding);
  const std::string_view body = std::string_view(head_).substr(guess.bom_size);
  std::string text(transcoder_->decode(body));
  if (guess.encoding != Encoding::utf16le && guess.encoding != Encoding::utf16be &&
      looks_binary(body.substr(0, options_.sniff_bytes)))
    return make_error(ErrorCode::binary_data);

  // Guess on the first sniff_bytes only, so that the guess does not depend
  // on how the input was chunked, and on whole lines only: a record cut by
  // the end of the sample would look narrower than the rest.
  const bool whole_file = at_end && head_.size() <= options_.sniff_bytes;
  std::string sample_text = text;
  if (!whole_file) {
    Utf8Transcoder sample_decoder(guess.encoding);
    sample_text = std::string(sample_decoder.decode(body.substr(0, options_.sniff_bytes)));
  }
  std::string_view sample = sample_text;
  if (!whole_file) {
    const std::size_t last_break = sample.find_last_of("\r\n");
    if (last_break != std::string_view::npos) sample = sample.substr(0, last_break + 1);
  }
  keep_first_lines(sample);
  const char quote = '"';
  const std::optional<char> hint = separator_hint(sample);
  if (options_.delimiter) {
    info_.delimiter = *options_.delimiter;
    info_.delimiter_reason = "set in the configuration";
  } else if (hint) {
    info_.delimiter = *hint;
    info_.delimiter_reason = "the first line says \"sep=" + delimiter_name(*hint) +
                             "\" (Excel's hint); that line is skipped";
  } else {
    const DelimiterGuess delimiter = guess_delimiter(sample, quote, whole_file);
    info_.delimiter = delimiter.delimiter;
    info_.delimiter_reason = delimiter.reason;
  }
  const Dialect dialect{info_.delimiter, quote};
  // One parse of the sample serves the preamble and header guesses and the
  // size estimate.
  const auto records = sample_records(sample, dialect, 1000, whole_file);
  info_.preamble = find_preamble(records, table_width(records), hint.has_value());
  if (hint) info_.preamble.first = "sep=" + delimiter_name(*hint);
  const std::size_t first_record = std::min(info_.preamble.records, records.size());
  width_ = first_record < records.size() ? records[first_record].size() : 0;
  if (options_.header) {
    info_.header = *options_.header;
    info_.header_reason = "set in the configuration";
  } else {
    const std::size_t head = std::min<std::size_t>(records.size(), first_record + 200);
    const HeaderGuess header =
        guess_header({records.begin() + first_record, records.begin() + head});
    info_.header = header.has_header;
    info_.header_reason = header.reason;
  }
  if (options_.expected_bytes > 0 && !whole_file && !records.empty()) {
    const double bytes_per_record =
        static_cast<double>(sample.size()) / static_cast<double>(records.size());
    router_.estimate(static_cast<std::uint64_t>(static_cast<double>(options_.expected_bytes) /
                                                bytes_per_record * 1.02));
  }
  parser_.emplace(dialect, options_.max_field_bytes);
  blocks_ = workers_ && workers_->threads() > 1 && options_.expected_bytes >= parallel_min_bytes_;
  head_ = {};
  return parse(text);
}

}  // namespace ascolto::csv
