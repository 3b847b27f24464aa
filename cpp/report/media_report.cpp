#include "report/media_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "report/estimate_json.hpp"
#include "sentiment/scorer.hpp"
#include "table/value_parse.hpp"

namespace ascolto::report {

namespace {

using json = nlohmann::ordered_json;
using table::Column;
using table::ColumnType;
using table::kMissingCode;

const std::vector<std::string> kOutletTypeStems = {"tipo", "type", "media", "canale", "categoria"};
const std::vector<std::string> kSourceStems = {"testata", "fonte", "source", "outlet", "giornale"};
const std::vector<std::string> kTitleStems = {"titolo", "title", "headline"};
const std::vector<std::string> kSentimentStems = {"sentiment", "tono", "tone", "polarit"};
const std::vector<std::string> kTextStems = {"testo",    "text",        "contenuto", "abstract",
                                             "sommario", "descrizione", "estratto"};
constexpr int kBaselineWeeks = 8;

using table::week_start;

// -1 negative, 0 neutral, +1 positive, NaN unknown.
double polarity(std::string_view label) {
  const std::string s = table::ascii_lower(table::trim(label));
  if (s.rfind("neg", 0) == 0 || s == "critico" || s == "critica") return -1;
  if (s.rfind("pos", 0) == 0) return 1;
  if (s.rfind("neu", 0) == 0) return 0;
  return std::nan("");
}

}  // namespace

CrisisCheck crisis_check(const std::vector<double>& previous, double count) {
  CrisisCheck c;
  if (previous.size() < 4) return c;
  double sum = 0;
  for (double v : previous) sum += v;
  c.baseline_mean = sum / static_cast<double>(previous.size());
  double squares = 0;
  for (double v : previous) squares += (v - c.baseline_mean) * (v - c.baseline_mean);
  c.baseline_sd = std::sqrt(squares / static_cast<double>(previous.size() - 1));
  // A floor under the spread: counts vary at least as a Poisson count does.
  const double spread = std::max({c.baseline_sd, std::sqrt(c.baseline_mean), 1.0});
  c.z = (count - c.baseline_mean) / spread;
  c.flagged = c.z >= 3 && count >= 5;
  return c;
}

namespace {

struct MediaColumns {
  const Column *date = nullptr, *type = nullptr, *source = nullptr, *title = nullptr,
               *sentiment = nullptr, *body = nullptr;
};

MediaColumns media_columns(const table::Table& table, const std::vector<ColumnRole>& roles) {
  MediaColumns m;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const Column& c = table.columns[i];
    const std::string name = normalize_header(c.name);
    if (!m.date && (c.type == ColumnType::date || c.type == ColumnType::datetime)) {
      m.date = &c;
    } else if (!m.sentiment && header_has_stem(name, kSentimentStems)) {
      m.sentiment = &c;
    } else if (!m.title && header_has_stem(name, kTitleStems)) {
      m.title = &c;
    } else if (!m.body && (c.type == ColumnType::text || c.type == ColumnType::categorical) &&
               header_has_stem(name, kTextStems)) {
      m.body = &c;
    } else if (!m.type && c.type == ColumnType::categorical &&
               header_has_stem(name, kOutletTypeStems) && c.labels.size() <= 20) {
      m.type = &c;
    } else if (!m.source && c.type == ColumnType::categorical &&
               header_has_stem(name, kSourceStems)) {
      m.source = &c;
    }
  }
  return m;
}

// Each item's tone (-1, 0, +1, NaN unknown): the vendor's where given, else
// Ascolto's lexicon on the title and text (`computed` marks those; `scores`
// keeps the computed score).
struct Tones {
  std::vector<double> tone, score;
  std::vector<std::uint8_t> computed;
  std::uint64_t vendor = 0, scored = 0, undetermined = 0;
};

// The counts are of items: a cells file's row counts as its records.
Tones media_tones(const MediaColumns& m, const table::Table& table) {
  const std::size_t rows = table.rows.used;
  Tones t;
  t.tone.assign(rows, std::nan(""));
  t.score.assign(rows, std::nan(""));
  t.computed.assign(rows, 0);
  for (std::size_t row = 0; row < rows; ++row) {
    if (m.sentiment) {
      if (table::is_numeric_type(m.sentiment->type)) {
        const double v = m.sentiment->numbers[row];
        t.tone[row] = std::isnan(v) ? v : v < 0 ? -1 : v > 0 ? 1 : 0;
      } else {
        t.tone[row] = polarity(m.sentiment->text(row));
      }
    }
    if (!std::isnan(t.tone[row])) {
      t.vendor += table.frequency(row);
      continue;
    }
    if (!m.title && !m.body) continue;
    std::string text = m.title ? std::string(table::trim(m.title->text(row))) : std::string();
    if (m.body) text += ". " + std::string(table::trim(m.body->text(row)));
    const sentiment::Score s = sentiment::score_text(text);
    if (s.label == sentiment::Label::undetermined) {
      t.undetermined += table.frequency(row);
      continue;
    }
    t.tone[row] = s.label == sentiment::Label::negative   ? -1
                  : s.label == sentiment::Label::positive ? 1
                                                          : 0;
    t.score[row] = s.value;
    t.computed[row] = 1;
    t.scored += table.frequency(row);
  }
  return t;
}

}  // namespace

std::optional<MediaLayout> media_layout(const table::Table& table,
                                        const std::vector<ColumnRole>& roles) {
  const MediaColumns m = media_columns(table, roles);
  if (!m.date) return {};
  MediaLayout layout;
  layout.date = m.date->name;
  layout.date_in_words = m.date->in_words;
  if (m.type) layout.outlet_type = m.type->name;
  if (m.source) layout.source = m.source->name;
  if (m.sentiment) {
    layout.sentiment = m.sentiment->name;
    layout.numeric_sentiment = table::is_numeric_type(m.sentiment->type);
  }
  return layout;
}

json media_report(const table::Table& table, const std::vector<ColumnRole>& roles,
                  const Config& config) {
  (void)config;
  const MediaColumns m = media_columns(table, roles);
  const Column *date = m.date, *type = m.type, *source = m.source, *title = m.title,
               *sentiment = m.sentiment;
  if (!date) return nullptr;
  const std::size_t rows = table.rows.used;
  // Items without the vendor's sentiment get Ascolto's (cpp/sentiment), from
  // their title and text; the report says how many are which.
  Tones tones = media_tones(m, table);
  std::vector<double>& tone = tones.tone;
  const std::vector<std::uint8_t>& computed = tones.computed;
  const std::uint64_t vendor_items = tones.vendor, computed_items = tones.scored,
                      undetermined_items = tones.undetermined;
  // Weekly counts: all, negative, and per outlet type.
  struct Week {
    std::uint64_t items = 0, negative = 0, with_tone = 0;
    std::vector<std::uint64_t> by_type;
  };
  const std::size_t types = type ? type->labels.size() : 0;
  std::map<std::int64_t, Week> weeks;
  std::vector<std::int64_t> week_of(rows, 0);
  std::vector<std::uint64_t> type_totals(types, 0);
  std::map<std::string, std::uint64_t> sources;
  std::uint64_t items = 0, negative = 0, with_tone = 0;
  for (std::size_t row = 0; row < rows; ++row) {
    const double d = date->day(row);
    const std::uint64_t n = table.frequency(row);  // 1, or the items a cell stands for
    if (std::isnan(d) || n == 0) continue;
    const std::int64_t w = week_start(static_cast<std::int64_t>(d));
    week_of[row] = w;
    Week& week = weeks[w];
    week.by_type.resize(types, 0);
    week.items += n;
    items += n;
    if (!std::isnan(tone[row])) {
      week.with_tone += n;
      with_tone += n;
      if (tone[row] < 0) {
        week.negative += n;
        negative += n;
      }
    }
    if (type && type->codes[row] != kMissingCode) {
      week.by_type[type->codes[row]] += n;
      type_totals[type->codes[row]] += n;
    }
    if (source && source->codes[row] != kMissingCode)
      sources[source->labels[source->codes[row]]] += n;
  }
  if (weeks.empty()) return nullptr;
  // Outlet types by their items, then by name: not by the rows' order, which
  // differs between a file and its cells (sorted by their keys).
  std::vector<std::size_t> type_order(types);
  for (std::size_t t = 0; t < types; ++t) type_order[t] = t;
  std::sort(type_order.begin(), type_order.end(), [&](std::size_t a, std::size_t b) {
    return type_totals[a] != type_totals[b] ? type_totals[a] > type_totals[b]
                                            : type->labels[a] < type->labels[b];
  });
  auto in_type_order = [&](const std::vector<std::uint64_t>& by_code) {
    std::vector<std::uint64_t> out;
    for (std::size_t t : type_order) out.push_back(by_code[t]);
    return out;
  };
  // Every week from the first to the last, empty ones included.
  std::vector<std::pair<std::int64_t, Week>> series;
  // At most the last ten years of weeks: a stray date must not make the series huge.
  const std::int64_t first_week = std::max(weeks.begin()->first, weeks.rbegin()->first - 7 * 520);
  for (std::int64_t w = first_week; w <= weeks.rbegin()->first; w += 7) {
    auto it = weeks.find(w);
    Week week = it == weeks.end() ? Week{} : it->second;
    week.by_type.resize(types, 0);
    series.emplace_back(w, week);
  }
  const bool by_negative = with_tone > 0;
  json weeks_json = json::array(), alerts = json::array();
  for (std::size_t i = 0; i < series.size(); ++i) {
    const Week& w = series[i].second;
    json item = {{"week", table::format_date(series[i].first)},
                 {"items", w.items},
                 {"by_type", in_type_order(w.by_type)}};
    if (by_negative)
      item["negative_share"] =
          w.with_tone ? json(static_cast<double>(w.negative) / static_cast<double>(w.with_tone))
                      : json(nullptr);
    weeks_json.push_back(std::move(item));
    std::vector<double> previous;
    for (std::size_t k = i >= kBaselineWeeks ? i - kBaselineWeeks : 0; k < i; ++k)
      previous.push_back(
          static_cast<double>(by_negative ? series[k].second.negative : series[k].second.items));
    const double count = static_cast<double>(by_negative ? w.negative : w.items);
    const CrisisCheck c = crisis_check(previous, count);
    if (!c.flagged) continue;
    // The items behind the alert: the week's (negative) titles. Cells
    // carry no items (named in the report's "aggregated").
    json titles = json::array();
    std::uint64_t listed = 0;
    for (std::size_t row = 0; row < rows && listed < 10 && !table.aggregated(); ++row) {
      if (week_of[row] != series[i].first || std::isnan(date->numbers[row])) continue;
      if (by_negative && !(tone[row] < 0)) continue;
      json entry = {{"line", table.row_lines[row]},
                    {"date", table::format_date(static_cast<std::int64_t>(date->day(row)))}};
      if (source && source->codes[row] != kMissingCode)
        entry["source"] = source->labels[source->codes[row]];
      if (title) entry["title"] = std::string(table::trim(title->text(row)));
      if (by_negative) entry["sentiment_by"] = computed[row] ? "ascolto" : "vendor";
      titles.push_back(std::move(entry));
      ++listed;
    }
    alerts.push_back({{"week", table::format_date(series[i].first)},
                      {"count", count},
                      {"baseline_mean", c.baseline_mean},
                      {"baseline_sd", c.baseline_sd},
                      {"z", c.z},
                      {"items", std::move(titles)}});
  }
  std::reverse(alerts.begin(), alerts.end());  // newest first
  json type_json = json::array();
  for (std::size_t t : type_order)
    type_json.push_back({{"value", type->labels[t]}, {"items", type_totals[t]}});
  std::vector<std::pair<std::string, std::uint64_t>> top(sources.begin(), sources.end());
  std::stable_sort(top.begin(), top.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (top.size() > 20) top.resize(20);
  json sources_json = json::array();
  for (const auto& [name, count] : top) sources_json.push_back({{"value", name}, {"items", count}});
  return {
      {"columns",
       {{"date", date->name},
        {"outlet_type", type ? json(type->name) : json(nullptr)},
        {"source", source ? json(source->name) : json(nullptr)},
        {"title", title ? json(title->name) : json(nullptr)},
        {"sentiment", sentiment ? json(sentiment->name) : json(nullptr)}}},
      {"items", items},
      {"first",
       series.front().first == 0 ? json(nullptr) : json(table::format_date(series.front().first))},
      {"outlet_types", std::move(type_json)},
      {"sources", std::move(sources_json)},
      {"negative",
       by_negative
           ? json({{"items", negative},
                   {"with_sentiment", with_tone},
                   {"share", static_cast<double>(negative) / static_cast<double>(with_tone)}})
           : json(nullptr)},
      {"sentiment_note",
       computed_items == 0
           ? (sentiment
                  ? "the vendor's sentiment column"
                  : "no sentiment column and no title or text to score: alerts watch all items")
       : sentiment
           ? "the vendor's sentiment where given; Ascolto's Italian lexicon scorer on the title "
             "and text of the other items"
           : "no sentiment column: Ascolto's Italian lexicon scorer on each item's title and text"},
      {"sentiment_sources",
       {{"vendor", vendor_items},
        {"computed", computed_items},
        {"undetermined", undetermined_items},
        {"method",
         "lexicon (Pattern it-sentiment, AFINN-it) and Italian rules; see the "
         "README for its measured accuracy"}}},
      {"weeks", std::move(weeks_json)},
      {"alert_rule",
       std::string("weekly count of ") + (by_negative ? "negative items" : "items") +
           " against the mean of the previous 8 weeks: flagged when it exceeds it by at least "
           "3 times the larger of their standard deviation, the square root of their mean "
           "(Poisson spread) and 1, with at least 5 items"},
      {"alerts", std::move(alerts)}};
}

json media_sentiment_page(const table::Table& table, const std::vector<ColumnRole>& roles,
                          std::size_t offset, std::size_t limit) {
  const MediaColumns m = media_columns(table, roles);
  const std::size_t rows = table.rows.used;
  const Tones tones = media_tones(m, table);
  json items = json::array();
  for (std::size_t row = offset; row < rows && row < offset + limit; ++row) {
    const double t = tones.tone[row];
    items.push_back(
        {{"line", table.row_lines[row]},
         {"sentiment", std::isnan(t) ? "undetermined"
                       : t < 0       ? "negative"
                       : t > 0       ? "positive"
                                     : "neutral"},
         {"score", std::isnan(tones.score[row]) ? json(nullptr) : json(tones.score[row])},
         {"by", tones.computed[row] ? "ascolto"
                : std::isnan(t)     ? "none"
                                    : "vendor"}});
  }
  return {{"total", rows}, {"offset", offset}, {"limit", limit}, {"items", std::move(items)}};
}

}  // namespace ascolto::report
