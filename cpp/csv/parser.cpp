#include "csv/parser.hpp"

#include <cstring>

namespace ascolto::csv {

namespace {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the SWAR scan reads bytes little-endian");

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

// Bytes of `word` equal to the byte repeated in `pattern`: the lowest set
// bit marks the first match exactly (higher bits may be borrow artefacts,
// which is why only the first is used).
inline std::uint64_t matches(std::uint64_t word, std::uint64_t pattern) {
  const std::uint64_t x = word ^ pattern;
  return (x - kOnes) & ~x & kHighs;
}

}  // namespace

const char* Parser::find_special(const char* p, const char* end) const {
  // Eight bytes at a time (SWAR): most fields are runs of plain bytes.
  while (end - p >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    const std::uint64_t hit = matches(word, delimiter_pattern_) | matches(word, quote_pattern_) |
                              matches(word, kOnes * '\n') | matches(word, kOnes * '\r');
    if (hit) return p + (__builtin_ctzll(hit) >> 3);
    p += 8;
  }
  while (p < end && !special_[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

const char* LineEndCounts::name() const {
  const int kinds = (crlf > 0) + (lf > 0) + (cr > 0);
  if (kinds == 0) return "none";
  if (kinds > 1) return "mixed";
  return crlf ? "crlf" : lf ? "lf" : "cr";
}

Parser::Parser(Dialect dialect, std::size_t max_field_bytes)
    : dialect_(dialect),
      max_field_bytes_(max_field_bytes),
      delimiter_pattern_(kOnes * static_cast<unsigned char>(dialect.delimiter)),
      quote_pattern_(kOnes * static_cast<unsigned char>(dialect.quote)) {
  special_[static_cast<unsigned char>(dialect.delimiter)] = true;
  special_[static_cast<unsigned char>(dialect.quote)] = true;
  special_[static_cast<unsigned char>('\n')] = true;
  special_[static_cast<unsigned char>('\r')] = true;
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

Error Parser::feed(std::string_view text, RecordSink& sink) {
  const char* p = text.data();
  const char* const end = p + text.size();
  const char quote = dialect_.quote;
  const char delimiter = dialect_.delimiter;
  while (p < end) {
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
        p = find_special(p, end);
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
