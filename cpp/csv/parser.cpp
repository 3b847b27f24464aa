#include "csv/parser.hpp"

#include <algorithm>
#include <cstring>

namespace ascolto::csv {

const char* LineEndCounts::name() const {
  const int kinds = (crlf > 0) + (lf > 0) + (cr > 0);
  if (kinds == 0) return "none";
  if (kinds > 1) return "mixed";
  return crlf ? "crlf" : lf ? "lf" : "cr";
}

void RecordSink::on_records(const RecordBatch& batch) {
  std::vector<std::string_view> fields;
  for (std::size_t r = 0; r < batch.size; ++r) {
    batch.row(r, fields);
    on_record(fields, batch.lines[r]);
  }
}

Parser::Parser(Dialect dialect, std::size_t max_field_bytes)
    : dialect_(dialect),
      max_field_bytes_(max_field_bytes),
      scan_(dialect.delimiter, dialect.quote, '\n', '\r') {}

void Parser::restart() {
  state_ = State::field_start;
  skip_lf_ = last_was_cr_ = record_started_ = false;
  line_ = record_line_ = 1;
  quote_line_ = blank_lines_ = stray_quotes_ = 0;
  line_ends_ = {};
  row_.clear();
  field_ends_.clear();
  batch_fields_.clear();
  batch_starts_.assign(1, 0);
  batch_lines_.clear();
  scratch_.clear();
}

void Parser::add_counts(const Parser& next) {
  line_ += next.line_ - 1;  // a fresh parser starts on line 1
  record_line_ = line_;
  blank_lines_ += next.blank_lines_;
  stray_quotes_ += next.stray_quotes_;
  line_ends_.crlf += next.line_ends_.crlf;
  line_ends_.lf += next.line_ends_.lf;
  line_ends_.cr += next.line_ends_.cr;
}

Error Parser::check_field_size() const {
  if (row_.size() <= max_field_bytes_) return {};  // the common case: no field can be over
  const std::size_t start = field_ends_.empty() ? 0 : field_ends_.back();
  if (row_.size() - start <= max_field_bytes_) return {};
  return make_error(ErrorCode::field_too_large,
                    "A field is larger than " + std::to_string(max_field_bytes_ >> 20) +
                        " MiB: is the file a CSV with this delimiter and quote?",
                    quote_line_ ? quote_line_ : record_line_);
}

void Parser::end_record(RecordSink& sink) {
  if (!record_started_) {  // an empty line between records: not a record
    ++blank_lines_;
  } else {
    end_field();
    views_.clear();
    std::size_t start = 0;
    for (std::size_t end : field_ends_) {
      views_.emplace_back(row_.data() + start, end - start);
      start = end;
    }
    sink.on_record(views_, record_line_);
  }
  row_.clear();
  field_ends_.clear();
  record_started_ = false;
  state_ = State::field_start;
}

void Parser::count_quoted_line_breaks(const char* begin, const char* end) {
  // CR LF, lone CR and lone LF each count as one line break.
  for (const char* p = begin; p < end; ++p) {
    if (*p == '\r') {
      ++line_;
      last_was_cr_ = true;
    } else {
      if (*p == '\n' && !last_was_cr_) ++line_;
      last_was_cr_ = false;
    }
  }
}

void Parser::flush_batch(RecordSink& sink) {
  if (batch_lines_.empty()) return;
  sink.on_records(
      {batch_fields_.data(), batch_starts_.data(), batch_lines_.data(), batch_lines_.size()});
  batch_starts_.resize(1);
  batch_lines_.clear();
  scratch_.clear();
}

void Parser::grow_batch_fields() {
  batch_fields_.resize(std::max<std::size_t>(1024, 2 * batch_fields_.size()));
}

[[gnu::always_inline]] inline const char* Parser::parse_record_in_place(
    const char* p, const char* end, StructuralCursor& structurals, RecordSink& sink) {
  const char quote = dialect_.quote, delimiter = dialect_.delimiter;
  if (*p == '\n' || *p == '\r') return nullptr;  // a blank line: the slow path counts it
  const std::size_t scratch_size = scratch_.size(), max_field_bytes = max_field_bytes_;
  // Leaves the batch as it was: the slow path parses the record again.
  const auto give_up = [&]() -> const char* {
    scratch_.resize(scratch_size);
    return nullptr;
  };
  // The record's fields go after the batch's, counted here and committed
  // at its end (locals, which the loop keeps in registers).
  std::size_t count = batch_starts_.back();
  std::string_view* fields = batch_fields_.data();
  std::size_t room = batch_fields_.size();
  const auto add_field = [&](const char* data, std::size_t size) {
    if (count == room) {
      grow_batch_fields();
      fields = batch_fields_.data();
      room = batch_fields_.size();
    }
    fields[count++] = std::string_view(data, size);
  };
  std::uint64_t breaks = 0;  // inside quoted fields
  const char* q = p;
  for (;;) {
    if (q == end) return give_up();
    if (*q == quote) {
      const char* content = q + 1;
      const char* close = content;
      bool escaped = false;
      for (;;) {
        close = structurals.next(close);
        if (close == end) return give_up();
        if (*close == delimiter) {  // data inside quotes
          ++close;
          continue;
        }
        if (*close == '\r' || *close == '\n') {  // CR LF, lone CR and lone LF: one break each
          ++breaks;
          if (*close == '\r' && close + 1 < end && close[1] == '\n') ++close;
          ++close;
          continue;
        }
        if (close + 1 == end) return give_up();  // a doubled quote may follow in the next chunk
        if (close[1] != quote) break;
        escaped = true;
        close += 2;
      }
      if (static_cast<std::size_t>(close - content) > max_field_bytes) return give_up();
      if (escaped) {  // RFC 4180 2.7: "" is one quote; scratch_ never reallocates here
        // Copied whole, then each doubled quote closed up in place (the
        // write never overtakes the read): one call a field, where a
        // push_back a byte was a call a byte.
        const std::size_t start = scratch_.size();
        scratch_.append(content, static_cast<std::size_t>(close - content));
        char* const first = scratch_.data() + start;
        const char* const stop = first + (close - content);
        char* out = first;
        for (const char* c = first; c < stop; ++c) {
          *out++ = *c;
          if (*c == quote) ++c;
        }
        scratch_.resize(static_cast<std::size_t>(out - scratch_.data()));
        add_field(first, static_cast<std::size_t>(out - first));
      } else {
        add_field(content, static_cast<std::size_t>(close - content));
      }
      q = close + 1;
      if (*q != delimiter && *q != '\n' && *q != '\r') return give_up();  // "ab"c: lenient path
    } else {
      const char* r = structurals.next(q);
      if (r == end || *r == quote) return give_up();
      if (static_cast<std::size_t>(r - q) > max_field_bytes) return give_up();
      add_field(q, static_cast<std::size_t>(r - q));
      q = r;
    }
    if (*q != delimiter) break;
    ++q;
  }
  // *q ends the record: LF, CR LF, or CR (whose LF may open the next chunk).
  const char* next = q + 1;
  if (*q == '\n') {
    ++line_ends_.lf;
  } else if (next < end && *next == '\n') {
    ++line_ends_.crlf;
    ++next;
  } else {
    ++line_ends_.cr;
    skip_lf_ = next == end;
  }
  batch_starts_.push_back(static_cast<std::uint32_t>(count));
  batch_lines_.push_back(line_);
  line_ += breaks + 1;
  record_line_ = line_;
  if (batch_lines_.size() >= kBatchRecords) flush_batch(sink);
  return next;
}

Error Parser::feed(std::string_view text, RecordSink& sink) {
  const char* p = text.data();
  const char* const end = p + text.size();
  const char quote = dialect_.quote;
  const char delimiter = dialect_.delimiter;
  if (scratch_.capacity() < text.size()) scratch_.reserve(text.size());
  StructuralCursor structurals(scan_, end);
  while (p < end) {
    // Between records, a record that ends inside this chunk is parsed in
    // place, without copying; the state machine below handles the rest.
    if (!skip_lf_ && state_ == State::field_start && !record_started_) {
      if (const char* next = parse_record_in_place(p, end, structurals, sink)) {
        p = next;
        continue;
      }
    }
    flush_batch(sink);  // the records before this one go first
    if (skip_lf_) {
      skip_lf_ = false;
      if (*p == '\n') {
        ++line_ends_.crlf;
        --line_ends_.cr;
        ++p;
        record_line_ = line_;
        continue;
      }
    }
    switch (state_) {
      case State::field_start:
        if (*p == quote) {
          state_ = State::quoted;
          quote_line_ = line_;
          record_started_ = true;
          last_was_cr_ = false;
          ++p;
          continue;
        }
        state_ = State::unquoted;
        [[fallthrough]];
      case State::unquoted: {
        const char* run = p;
        p = scan_.find(p, end);
        if (p != run) {
          row_.append(run, static_cast<std::size_t>(p - run));
          record_started_ = true;
          if (Error e = check_field_size()) return e;
        }
        if (p == end) break;
        const char c = *p++;
        if (c == delimiter) {
          end_field();
          record_started_ = true;
          state_ = State::field_start;
        } else if (c == '\n' || c == '\r') {
          end_record(sink);
          ++line_;
          record_line_ = line_;
          if (c == '\r') {
            ++line_ends_.cr;
            skip_lf_ = true;
          } else {
            ++line_ends_.lf;
          }
        } else {  // a quote inside an unquoted field: kept as data
          row_.push_back(c);
          ++stray_quotes_;
        }
        break;
      }
      case State::quoted: {
        const void* found = std::memchr(p, quote, static_cast<std::size_t>(end - p));
        const char* q = found ? static_cast<const char*>(found) : end;
        count_quoted_line_breaks(p, q);
        row_.append(p, static_cast<std::size_t>(q - p));
        if (Error e = check_field_size()) return e;
        p = q;
        if (p == end) break;
        ++p;
        state_ = State::quoted_quote;
        break;
      }
      case State::quoted_quote:
        if (*p == quote) {  // RFC 4180 2.7: a doubled quote is one quote
          row_.push_back(quote);
          ++p;
          state_ = State::quoted;
        } else {
          // The field is closed. Text before the next delimiter ("ab"c) is
          // kept as data by the unquoted state, and counted.
          if (*p != delimiter && *p != '\n' && *p != '\r') ++stray_quotes_;
          quote_line_ = 0;
          state_ = State::unquoted;
        }
        break;
    }
  }
  flush_batch(sink);  // their views are of this chunk
  return {};
}

Error Parser::finish(RecordSink& sink) {
  if (state_ == State::quoted) {
    return make_error(ErrorCode::unterminated_quote,
                      "A quoted field opened on line " + std::to_string(quote_line_) +
                          " is never closed: the file ends inside quotes.",
                      quote_line_);
  }
  if (record_started_)
    end_record(sink);
  else if (line_ > 1)
    --line_;  // the last line break ended the last line
  return {};
}

}  // namespace ascolto::csv
