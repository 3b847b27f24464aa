#include "report/feedback_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>

#include "report/estimate_json.hpp"
#include "report/ratings.hpp"
#include "report/territory_report.hpp"
#include "sentiment/comments.hpp"
#include "stats/design.hpp"
#include "stats/estimate.hpp"
#include "stats/ranks.hpp"
#include "table/value_parse.hpp"
#include "text/italian_stemmer.hpp"
#include "text/privacy.hpp"
#include "text/words.hpp"

namespace ascolto::report {

namespace {

using json = nlohmann::ordered_json;
using table::Column;
using table::ColumnType;
using table::kMissingCode;

constexpr std::size_t kTextMinimum = 10;  // free text is shown from 10 comments up
constexpr int kAlertBaselineWeeks = 4;
constexpr double kAlertZ = 3.0;
constexpr double kBurstMinimumRise = 0.05;
constexpr std::uint64_t kAlertMinimumCount = 30;

// The columns the report reads, found by role.
struct Columns {
  const Column* application = nullptr;
  const Column* rating = nullptr;
  const Column* date = nullptr;
  const Column* device = nullptr;
  const Column* comment = nullptr;
  RatingScale scale;
  const table::Table* table = nullptr;
  const std::int32_t* days = nullptr;  ///< by row, with a date (table::day_numbers, cached)

  /// The row's day, table::kNoDay without one (only with a date column).
  std::int32_t day(std::size_t row) const { return days[row]; }

  /// The feedbacks a row stands for: 1, or its cell's count.
  std::uint64_t count(std::size_t row) const { return table->frequency(row); }
  std::uint64_t records(const std::vector<std::uint32_t>& rows) const {
    if (!table->aggregated()) return rows.size();
    std::uint64_t total = 0;
    for (std::uint32_t row : rows) total += table->frequency(row);
    return total;
  }
};

Columns find_columns(const table::Table& table, const std::vector<ColumnRole>& roles) {
  Columns c;
  c.table = &table;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const Column& col = table.columns[i];
    switch (roles[i].role) {
      case Role::application:
        if (!c.application && col.type == ColumnType::categorical) c.application = &col;
        break;
      case Role::rating:
        if (!c.rating && roles[i].scale && table::is_numeric_type(col.type)) {
          c.rating = &col;
          c.scale = *roles[i].scale;
        }
        break;
      case Role::date:
        if (!c.date && (col.type == ColumnType::date || col.type == ColumnType::datetime))
          c.date = &col;
        break;
      case Role::channel:
        if (!c.device && col.type == ColumnType::categorical) c.device = &col;
        break;
      case Role::comment:
        if (!c.comment) c.comment = &col;
        break;
      default:
        break;
    }
  }
  return c;
}

using table::week_start;

std::int64_t month_of(std::int64_t day) {
  const table::CivilDate c = table::civil_from_days(day);
  return static_cast<std::int64_t>(c.year) * 12 + (c.month - 1);
}

std::uint32_t code_of(const Column* column, const std::string& label) {
  if (!column) return kMissingCode;
  for (std::uint32_t c = 0; c < column->labels.size(); ++c)
    if (column->labels[c] == label) return c;
  return kMissingCode - 1;  // a label not in the file: matches no row
}

// The rows a filter keeps, with a valid rating (and a count above 0 in a
// cells file); the application filter can be left out (the all-application
// reference of the owner's view).
std::vector<std::uint32_t> select_rows(const Columns& c, const std::vector<double>& ratings,
                                       const FeedbackFilter& f, bool with_application) {
  const std::uint32_t app = with_application && !f.application.empty()
                                ? code_of(c.application, f.application)
                                : kMissingCode;
  const std::uint32_t device = f.device.empty() ? kMissingCode : code_of(c.device, f.device);
  const bool by_app = with_application && !f.application.empty();
  const bool by_device = !f.device.empty();
  const bool by_day = (f.from_day || f.to_day) && c.date;
  std::vector<std::uint32_t> rows;
  rows.reserve(ratings.size());
  for (std::size_t row = 0; row < ratings.size(); ++row) {
    if (std::isnan(ratings[row]) || c.count(row) == 0) continue;
    if (by_app && (!c.application || c.application->codes[row] != app)) continue;
    if (by_device && (!c.device || c.device->codes[row] != device)) continue;
    if (by_day) {
      const std::int32_t day = c.day(row);
      if (day == table::kNoDay || (f.from_day && day < *f.from_day) ||
          (f.to_day && day > *f.to_day))
        continue;
    }
    rows.push_back(static_cast<std::uint32_t>(row));
  }
  return rows;
}

// Count, mean and shares of one group of feedbacks. A rating is a point of
// the scale (a whole number, at most 11 of them), so a row only counts its
// level; the sums are worked out from the levels once (settle). They are
// the sums of the rows' ratings exactly: whole numbers add exactly in a
// double, in any order.
struct GroupStats {
  std::array<std::uint64_t, 11> levels{};
  stats::MeanSums sums;  // from settle()
  stats::ShareSums top2, bottom2;

  void add(double rating, const RatingScale& scale, std::uint64_t count) {
    levels[static_cast<std::size_t>(rating - scale.min)] += count;
  }
  void settle(const RatingScale& scale) {
    sums = {};
    top2 = bottom2 = {};
    for (std::size_t level = 0; level < levels.size(); ++level) {
      if (levels[level] == 0) continue;
      const double rating = scale.min + static_cast<double>(level);
      sums.add(1.0, rating, levels[level]);
      top2.add(1.0, scale.in_top_box(rating), levels[level]);
      bottom2.add(1.0, scale.in_bottom_box(rating), levels[level]);
    }
  }
};

// The stats of the rows' ratings, taken together.
GroupStats group_of(const Columns& c, const std::vector<std::uint32_t>& rows,
                    const std::vector<double>& ratings) {
  GroupStats g;
  for (std::uint32_t row : rows) g.add(ratings[row], c.scale, c.count(row));
  g.settle(c.scale);
  return g;
}

json group_json(const std::string& value, const GroupStats& g, const RatingScale& scale,
                const Disclosure& disclosure, std::uint64_t design_rows, bool hidden = false) {
  if (hidden && g.sums.n >= disclosure.min_base)  // complementary suppression
    return {{"value", value},
            {"count", nullptr},
            {"mean",
             {{"suppressed", true}, {"reason", "complementary: another group is below the base"}}},
            {"suppressed", true}};
  const bool shown = g.sums.n >= disclosure.min_base;
  json distribution = json::array();
  for (double level = scale.min; level <= scale.max; level += 1)
    distribution.push_back(shown ? json(g.levels[static_cast<std::size_t>(level - scale.min)])
                                 : json(nullptr));
  return {
      {"value", value},
      {"count", shown ? json(g.sums.n) : json(nullptr)},
      {"mean", estimate_json(stats::mean_from_sums(g.sums, false, design_rows), disclosure)},
      {"top2", estimate_json(stats::share_from_sums(g.top2, false, design_rows), disclosure)},
      {"bottom2", estimate_json(stats::share_from_sums(g.bottom2, false, design_rows), disclosure)},
      {"distribution", std::move(distribution)}};
}

// Groups of the rows by the codes of a categorical column, largest first;
// `records`: the feedbacks the rows stand for (c.records(rows)).
json groups_json(const Column& by, const std::vector<std::uint32_t>& rows, std::uint64_t records,
                 const std::vector<double>& ratings, const Columns& c, const Disclosure& disclosure,
                 std::vector<GroupStats>* out_stats = nullptr) {
  std::vector<GroupStats> groups(by.labels.size());
  for (std::uint32_t row : rows)
    if (by.codes[row] != kMissingCode)
      groups[by.codes[row]].add(ratings[row], c.scale, c.count(row));
  for (GroupStats& g : groups) g.settle(c.scale);
  std::vector<std::size_t> order;
  for (std::size_t g = 0; g < groups.size(); ++g)
    if (groups[g].sums.n > 0) order.push_back(g);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (groups[a].sums.n != groups[b].sums.n) return groups[a].sums.n > groups[b].sums.n;
    return by.labels[a] < by.labels[b];  // not the rows' order: cells list them the same way
  });
  std::vector<std::uint64_t> bases;
  for (std::size_t g : order) bases.push_back(groups[g].sums.n);
  const std::vector<bool> hidden = suppressed_cells(bases, disclosure);
  json out = json::array();
  for (std::size_t i = 0; i < order.size(); ++i)
    out.push_back(
        group_json(by.labels[order[i]], groups[order[i]], c.scale, disclosure, records, hidden[i]));
  if (out_stats) *out_stats = std::move(groups);
  return out;
}

// ---- Trend ----------------------------------------------------------------

// A period's ratings (a trend's period, an alert's week): their count, sum,
// sum of squares and 1-2 ratings.
struct PeriodCell {
  std::uint64_t n = 0, low = 0;
  double sum = 0, sumsq = 0;

  void add(double rating, bool is_low, std::uint64_t count) {
    const double k = static_cast<double>(count);
    n += count;
    sum += k * rating;
    sumsq += k * rating * rating;
    low += is_low ? count : 0;
  }
  void merge(const PeriodCell& o) {
    n += o.n;
    sum += o.sum;
    sumsq += o.sumsq;
    low += o.low;
  }
};

// The ratings of many periods, counted by level as GroupStats does (a row
// adds its count to one counter); each period's cell follows from its
// counts, exactly as the rows' own sums would be.
class PeriodLevels {
 public:
  PeriodLevels(std::size_t periods, const RatingScale& scale)
      : scale_(scale),
        levels_(static_cast<std::size_t>(scale.max - scale.min) + 1),
        counts_(periods * levels_, 0) {}

  void add(std::size_t period, double rating, std::uint64_t count) {
    counts_[period * levels_ + static_cast<std::size_t>(rating - scale_.min)] += count;
  }
  /// Adds period `from`'s counts to period `to`'s.
  void add_period(std::size_t to, std::size_t from) {
    for (std::size_t l = 0; l < levels_; ++l)
      counts_[to * levels_ + l] += counts_[from * levels_ + l];
  }
  PeriodCell cell(std::size_t period) const {
    PeriodCell out;
    for (std::size_t l = 0; l < levels_; ++l)
      if (const std::uint64_t n = counts_[period * levels_ + l]) {
        const double rating = scale_.min + static_cast<double>(l);
        out.add(rating, scale_.in_bottom_box(rating), n);
      }
    return out;
  }

 private:
  RatingScale scale_;
  std::size_t levels_;
  std::vector<std::uint64_t> counts_;
};

// The first and last day of rows, and the records with a day.
struct DaySpan {
  std::int64_t first = std::numeric_limits<std::int64_t>::max();
  std::int64_t last = std::numeric_limits<std::int64_t>::min();
  std::uint64_t records = 0;
  bool empty() const { return first > last; }
};

DaySpan day_span(const Columns& c, const std::vector<std::uint32_t>& rows) {
  DaySpan span;
  if (!c.date) return span;
  for (std::uint32_t row : rows) {
    const std::int32_t day = c.day(row);
    if (day == table::kNoDay) continue;
    span.first = std::min<std::int64_t>(span.first, day);
    span.last = std::max<std::int64_t>(span.last, day);
    span.records += c.count(row);
  }
  return span;
}

// The finest period the span allows (days up to three months, weeks up to
// two years) whose periods hold, on average, at least the disclosure
// minimum: 50 reviews over 18 months get months, not 78 weeks nearly all
// suppressed.
std::string choose_granularity(std::int64_t span_days, std::uint64_t records,
                               std::uint64_t min_base) {
  const auto dense_enough = [&](double periods) {
    return static_cast<double>(records) >= static_cast<double>(min_base) * periods;
  };
  const auto days = static_cast<double>(span_days + 1);
  if (span_days <= 92 && dense_enough(days)) return "day";
  if (span_days <= 2 * 366 && dense_enough(days / 7)) return "week";
  return "month";
}

std::int64_t period_key(std::int64_t day, const std::string& granularity) {
  if (granularity == "day") return day;
  if (granularity == "week") return week_start(day);
  return month_of(day);
}

std::int64_t next_period(std::int64_t key, const std::string& granularity) {
  return key + (granularity == "week" ? 7 : 1);
}

std::string period_label(std::int64_t key, const std::string& granularity) {
  return granularity == "month" ? table::format_month(key) : table::format_date(key);
}

json trend_json(const Columns& c, const std::vector<std::uint32_t>& rows,
                const std::vector<double>& ratings, const DaySpan& span,
                const FeedbackRequest& request, const Disclosure& disclosure) {
  if (span.empty()) return nullptr;
  const std::int64_t first = span.first, last = span.last;
  const std::string granularity =
      request.granularity.empty()
          ? choose_granularity(last - first, span.records, disclosure.min_base)
          : request.granularity;
  const int rolling = granularity == "day" ? 7 : granularity == "week" ? 4 : 3;
  // Every period from the first to the last, empty ones included, in one
  // flat table (a key's step is 1 for days and months, 7 for weeks).
  const std::int64_t first_key = period_key(first, granularity);
  const std::int64_t step = next_period(first_key, granularity) - first_key;
  const std::size_t count =
      static_cast<std::size_t>((period_key(last, granularity) - first_key) / step + 1);
  PeriodLevels levels(count, c.scale);
  std::int32_t last_day = table::kNoDay;
  std::size_t last_index = 0;
  for (std::uint32_t row : rows) {
    const std::int32_t day = c.day(row);
    if (day == table::kNoDay) continue;
    if (day != last_day) {  // rows come in runs of one day
      last_day = day;
      last_index = static_cast<std::size_t>((period_key(day, granularity) - first_key) / step);
    }
    levels.add(last_index, ratings[row], c.count(row));
  }
  std::vector<std::pair<std::int64_t, PeriodCell>> series(count);
  for (std::size_t i = 0; i < count; ++i)
    series[i] = {first_key + static_cast<std::int64_t>(i) * step, levels.cell(i)};
  // The rolling window leaves out suppressed periods (some ratings, under
  // the base): with the other periods' counts and means, a mean over them
  // would give their sums. So the line is made of what is shown, and a
  // suppressed period has none.
  const auto shown_period = [&](const PeriodCell& cell) { return cell.n >= disclosure.min_base; };
  json periods = json::array();
  for (std::size_t i = 0; i < series.size(); ++i) {
    const PeriodCell& p = series[i].second;
    std::uint64_t window_n = 0;
    double window_sum = 0;
    for (std::size_t k = i + 1 >= static_cast<std::size_t>(rolling) ? i + 1 - rolling : 0; k <= i;
         ++k)
      if (shown_period(series[k].second)) {
        window_n += series[k].second.n;
        window_sum += series[k].second.sum;
      }
    stats::MeanSums sums;
    sums.n = p.n;
    sums.w = sums.w2 = static_cast<double>(p.n);
    sums.wy = sums.w2y = p.sum;
    sums.w2y2 = p.sumsq;
    const bool shown = shown_period(p);
    periods.push_back(
        {{"start", period_label(series[i].first, granularity)},
         {"count", p.n == 0 || shown ? json(p.n) : json(nullptr)},
         {"mean",
          p.n ? estimate_json(stats::mean_from_sums(sums, false), disclosure) : json(nullptr)},
         {"bottom2_share",
          shown ? json(static_cast<double>(p.low) / static_cast<double>(p.n)) : json(nullptr)},
         {"rolling_mean", window_n > 0 && (shown || p.n == 0)
                              ? json(window_sum / static_cast<double>(window_n))
                              : json(nullptr)}});
  }
  return {
      {"granularity", granularity},
      {"chosen", request.granularity.empty()
                     ? "the finest period the span of the dates allows (days up to 92, weeks up "
                       "to two years) whose periods hold on average the disclosure minimum"
                     : "requested"},
      {"rolling",
       {{"periods", rolling},
        {"rule", "mean of the ratings of the last " + std::to_string(rolling) + " " + granularity +
                     "s, this one included, leaving out those under the disclosure base; none for "
                     "such a " +
                     granularity}}},
      {"periods", std::move(periods)}};
}

// ---- Alerts ---------------------------------------------------------------

// `everyone`: also the series of all applications together (not when the
// rows are one application's: it would repeat that application's alerts).
json alerts_json(const Columns& c, const std::vector<std::uint32_t>& rows,
                 const std::vector<double>& ratings, const DaySpan& span, bool everyone) {
  if (span.empty()) return json::array();
  // Weekly cells per application (code) and for all applications (the last code).
  const std::uint32_t apps =
      c.application ? static_cast<std::uint32_t>(c.application->labels.size()) : 0;
  // Cells by (application, week) in one flat table: weeks counted from the
  // first, applications by code, all applications together, then the rows
  // without an application. A row counts in its own application's (or the
  // last) only; all applications' cells are their sum.
  const std::int64_t first_week = week_start(span.first);
  const std::size_t weeks = static_cast<std::size_t>((week_start(span.last) - first_week) / 7 + 1);
  const std::uint32_t without_application = apps + 1;
  PeriodLevels levels((apps + 2) * weeks, c.scale);
  std::int32_t current_day = table::kNoDay;
  std::size_t week_index = 0;  // of current_day's week, among the weeks
  for (std::uint32_t row : rows) {
    const std::int32_t day = c.day(row);
    if (day == table::kNoDay) continue;
    if (day != current_day) {  // rows come in runs of one day
      current_day = day;
      week_index = static_cast<std::size_t>((week_start(day) - first_week) / 7);
    }
    const std::uint32_t code = c.application ? c.application->codes[row] : kMissingCode;
    levels.add((code == kMissingCode ? without_application : code) * weeks + week_index,
               ratings[row], c.count(row));
  }
  if (everyone || !c.application)
    for (std::uint32_t app = 0; app < apps + 2; ++app)
      if (app != apps)
        for (std::size_t w = 0; w < weeks; ++w)
          levels.add_period(apps * weeks + w, app * weeks + w);
  std::vector<PeriodCell> cells((apps + 1) * weeks);
  for (std::size_t i = 0; i < cells.size(); ++i) cells[i] = levels.cell(i);
  const auto cell_of = [&](std::uint32_t app, std::int64_t week) -> PeriodCell& {
    return cells[app * weeks + static_cast<std::size_t>((week - first_week) / 7)];
  };
  json out = json::array();
  auto check = [&](std::uint32_t app, std::int64_t week, const PeriodCell& now) {
    PeriodCell base;
    for (int k = 1; k <= kAlertBaselineWeeks; ++k) {
      if (week - 7 * k < first_week) break;
      base.merge(cell_of(app, week - 7 * k));
    }
    if (now.n < kAlertMinimumCount || base.n < kAlertMinimumCount) return;
    const double n1 = static_cast<double>(now.n), n0 = static_cast<double>(base.n);
    const double m1 = now.sum / n1, m0 = base.sum / n0;
    const double v1 = std::max(0.0, (now.sumsq - n1 * m1 * m1) / (n1 - 1));
    const double v0 = std::max(0.0, (base.sumsq - n0 * m0 * m0) / (n0 - 1));
    const json application = app == apps ? json(nullptr) : json(c.application->labels[app]);
    const double se = std::sqrt(v1 / n1 + v0 / n0);
    if (se > 0) {
      const double z = (m1 - m0) / se;
      if (z <= -kAlertZ)
        out.push_back({{"kind", "drop"},
                       {"application", application},
                       {"week", table::format_date(week)},
                       {"count", now.n},
                       {"value", m1},
                       {"baseline", m0},
                       {"baseline_count", base.n},
                       {"change", m1 - m0},
                       {"z", z}});
    }
    const double p1 = static_cast<double>(now.low) / n1, p0 = static_cast<double>(base.low) / n0;
    const double pooled = static_cast<double>(now.low + base.low) / (n1 + n0);
    const double se_p = std::sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
    if (se_p > 0) {
      const double z = (p1 - p0) / se_p;
      if (z >= kAlertZ && p1 - p0 >= kBurstMinimumRise)
        out.push_back({{"kind", "burst"},
                       {"application", application},
                       {"week", table::format_date(week)},
                       {"count", now.n},
                       {"value", p1},
                       {"baseline", p0},
                       {"baseline_count", base.n},
                       {"change", p1 - p0},
                       {"z", z}});
    }
  };
  // In the order the map of (application, week) gave: by application, then week.
  for (std::uint32_t app = 0; app <= apps; ++app)
    for (std::size_t w = 0; w < weeks; ++w)
      if (cells[app * weeks + w].n > 0)
        check(app, first_week + 7 * static_cast<std::int64_t>(w), cells[app * weeks + w]);
  // Newest first, then the strongest evidence.
  std::stable_sort(out.begin(), out.end(), [](const json& a, const json& b) {
    if (a["week"] != b["week"]) return a["week"].get<std::string>() > b["week"].get<std::string>();
    return std::fabs(a["z"].get<double>()) > std::fabs(b["z"].get<double>());
  });
  if (out.size() > 100) out.erase(out.begin() + 100, out.end());
  return out;
}

// ---- Ranking --------------------------------------------------------------

json ranking_json(const Columns& c, const std::vector<GroupStats>& groups,
                  const std::vector<std::uint32_t>& rows, const std::vector<double>& ratings,
                  const Disclosure& disclosure) {
  const Column& apps = *c.application;
  ShrinkageInput in;
  std::vector<std::uint32_t> codes;
  double total = 0, total_n = 0;
  for (std::uint32_t g = 0; g < groups.size(); ++g) {
    const stats::MeanSums& s = groups[g].sums;
    if (s.n < disclosure.min_base) continue;
    codes.push_back(g);
    in.means.push_back(s.wy / s.w);
    in.counts.push_back(static_cast<double>(s.n));
    total += s.wy;
    total_n += static_cast<double>(s.n);
  }
  if (codes.size() < 2) return nullptr;
  in.grand_mean = total / total_n;
  double within = 0;  // pooled within-application sum of squares
  for (std::uint32_t row : rows) {
    const std::uint32_t code = apps.codes[row];
    if (code == kMissingCode || groups[code].sums.n < disclosure.min_base) continue;
    const double d = ratings[row] - groups[code].sums.wy / groups[code].sums.w;
    within += static_cast<double>(c.count(row)) * d * d;
  }
  in.within_variance = within / (total_n - static_cast<double>(codes.size()));
  const Shrinkage s = shrink(in);
  std::vector<std::size_t> raw(codes.size()), adjusted(codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) raw[i] = adjusted[i] = i;
  std::stable_sort(raw.begin(), raw.end(),
                   [&](std::size_t a, std::size_t b) { return in.means[a] > in.means[b]; });
  std::stable_sort(adjusted.begin(), adjusted.end(),
                   [&](std::size_t a, std::size_t b) { return s.adjusted[a] > s.adjusted[b]; });
  std::vector<std::size_t> raw_rank(codes.size());
  for (std::size_t r = 0; r < raw.size(); ++r) raw_rank[raw[r]] = r + 1;
  // The rank each application could have, from its posterior: "1st" may be
  // worth "anywhere from 1st to 9th".
  const std::vector<stats::RankInterval> rank_ci = stats::rank_intervals(s.adjusted, s.adjusted_se);
  json items = json::array();
  for (std::size_t r = 0; r < adjusted.size(); ++r) {
    const std::size_t i = adjusted[r];
    const double se = s.adjusted_se[i];
    items.push_back(
        {{"value", apps.labels[codes[i]]},
         {"count", groups[codes[i]].sums.n},
         {"raw", in.means[i]},
         {"raw_rank", raw_rank[i]},
         {"adjusted", s.adjusted[i]},
         {"adjusted_ci95", {s.adjusted[i] - stats::kZ95 * se, s.adjusted[i] + stats::kZ95 * se}},
         {"adjusted_rank", r + 1},
         {"rank_ci95", {rank_ci[i].low, rank_ci[i].high}},
         {"p_first", rank_ci[i].p_first},
         {"low_base", groups[codes[i]].sums.n < disclosure.low_base}});
  }
  const bool finite = std::isfinite(s.prior_strength);
  return {{"method",
           "empirical Bayes (normal-normal): each mean is pulled toward the overall mean by "
           "B = m / (m + n); m = within-application variance / between-application variance "
           "(one-way ANOVA method of moments); interval from the posterior variance; rank "
           "interval: 2.5th-97.5th percentile of each application's rank in 4,000 seeded draws "
           "from the posteriors"},
          {"prior_mean", in.grand_mean},
          {"prior_strength", finite ? json(s.prior_strength) : json(nullptr)},
          {"prior_strength_note", finite ? "an application's own mean weighs as much as the "
                                           "overall mean once it has this many feedbacks"
                                         : "no difference between applications beyond chance: "
                                           "every application is shown at the overall mean"},
          {"within_variance", in.within_variance},
          {"between_variance", s.between_variance},
          {"items", std::move(items)}};
}

}  // namespace

Shrinkage shrink(const ShrinkageInput& in) {
  Shrinkage out;
  const std::size_t k = in.means.size();
  double n = 0, n2 = 0, between = 0;
  for (std::size_t i = 0; i < k; ++i) {
    n += in.counts[i];
    n2 += in.counts[i] * in.counts[i];
  }
  for (std::size_t i = 0; i < k; ++i)
    between += in.counts[i] * (in.means[i] - in.grand_mean) * (in.means[i] - in.grand_mean);
  // E[between SS] = (k - 1) sigma^2 + (N - sum n_i^2 / N) tau^2.
  const double denominator = n - n2 / n;
  out.between_variance =
      denominator > 0
          ? std::max(0.0,
                     (between - (static_cast<double>(k) - 1) * in.within_variance) / denominator)
          : 0.0;
  out.prior_strength = out.between_variance > 0 ? in.within_variance / out.between_variance
                                                : std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < k; ++i) {
    if (out.between_variance <= 0) {
      out.adjusted.push_back(in.grand_mean);
      out.adjusted_se.push_back(0.0);
      continue;
    }
    const double sampling = in.within_variance / in.counts[i];
    const double pull = sampling / (sampling + out.between_variance);  // B
    out.adjusted.push_back(in.grand_mean + (1 - pull) * (in.means[i] - in.grand_mean));
    out.adjusted_se.push_back(std::sqrt((1 - pull) * sampling));
  }
  return out;
}

// ---- Comments -------------------------------------------------------------

struct FeedbackCache {
  static constexpr std::uint32_t kNoComment = 0xFFFFFFFFu;
  // The columns it was built for: another role set makes a new cache.
  const Column* comment = nullptr;
  const Column* date = nullptr;
  // Every row's day (table::day_numbers), built with the cache: the trend,
  // the alerts, the filters and the territory walk the rows by day.
  std::vector<std::int32_t> days;
  bool comments_analysed = false;  // the fields below, on the first request that needs them
  std::vector<std::string> stem_labels, bigram_labels;
  std::unordered_map<std::string, std::uint32_t> stem_ids;
  // Each distinct comment is analysed once, however many rows repeat it
  // ("Ottimo", a category of canned answers): a row names its comment.
  std::vector<std::uint32_t> comment_of_row;  // kNoComment for an empty cell
  std::vector<std::uint32_t> first_row;       // by distinct comment: the first row with it
  // By distinct comment: its stems and bigrams, and the personal data in it
  // (bit 0 email, 1 phone, 2 IBAN, 3 tax code).
  std::vector<std::uint32_t> stem_begin, stems, bigram_begin, bigrams;
  std::vector<std::uint8_t> personal;
  // By distinct comment: the lexicon's sentiment score (cpp/sentiment).
  std::vector<float> lexicon_score;
  std::vector<std::uint8_t> lexicon_hits;
  // The sentiment of each distinct comment as reported: the model learned
  // from the rated comments when it is good enough, else the lexicon's;
  // built on the first request (it needs the ratings).
  struct Sentiment : sentiment::CommentSentiment {
    bool built = false;
  } sentiment;
  // The territorial section's filter-free parts, built on its first request.
  struct Territory {
    bool built = false;
    TerritoryLevelsPtr levels;
    std::vector<double> top2;                // per row: 1 for a rating in the top two points
    std::vector<std::int64_t> month_of_row;  // -1 without a date
    std::int64_t first_month = 0, last_month = -1;
  } territory;
};

void FeedbackCacheDeleter::operator()(FeedbackCache* cache) const {
  delete cache;
}

namespace {

std::string_view trimmed_comment(const Column& c, std::size_t row) {
  return table::trim(c.text(row));
}

// What the comment analysis knows of one word: stopwords are skipped, and
// each other word is stemmed once however often it recurs.
struct WordEntry {
  bool stopword = false;
  std::uint32_t stem = 0;
  std::uint32_t surface = 0;  // this word, among the words seen
};

// Analyses one distinct comment, written on `rows` rows, into the cache:
// its stems, bigrams and personal data; each word's row count goes to
// `surface_rows`.
void analyse_comment(std::string_view text, std::uint64_t rows, FeedbackCache& cache,
                     std::unordered_map<std::string, WordEntry>& word_entries,
                     std::vector<std::uint64_t>& surface_rows,
                     std::unordered_map<std::string, std::uint32_t>& bigram_ids) {
  text::MaskCounts counts;
  text::mask_personal_data(text, counts);
  cache.personal.push_back(
      static_cast<std::uint8_t>((counts.email ? 1 : 0) | (counts.phone ? 2 : 0) |
                                (counts.iban ? 4 : 0) | (counts.tax_code ? 8 : 0)));
  // Words of masked text only: personal data never becomes a term.
  text::MaskCounts again;
  const std::string masked =
      counts.total() ? text::mask_personal_data(text, again, " ") : std::string(text);
  const sentiment::Score lexicon = sentiment::score_text(masked);
  cache.lexicon_score.push_back(static_cast<float>(lexicon.value));
  cache.lexicon_hits.push_back(static_cast<std::uint8_t>(std::min(lexicon.hits, 255u)));
  const std::string* previous = nullptr;
  for (const std::string& word : text::words(masked)) {
    auto [entry, new_word] = word_entries.try_emplace(word);
    if (new_word) {
      entry->second.stopword = text::is_stopword(word);
      if (!entry->second.stopword) {
        auto [stem, new_stem] = cache.stem_ids.emplace(
            text::italian_stem(word), static_cast<std::uint32_t>(cache.stem_labels.size()));
        if (new_stem) cache.stem_labels.push_back(word);
        entry->second.stem = stem->second;
        entry->second.surface = static_cast<std::uint32_t>(surface_rows.size());
        surface_rows.push_back(0);
      }
    }
    if (entry->second.stopword) {
      previous = nullptr;
      continue;
    }
    cache.stems.push_back(entry->second.stem);
    surface_rows[entry->second.surface] += rows;
    if (previous) {
      const std::string bigram = *previous + " " + word;
      auto [b, new_bigram] =
          bigram_ids.emplace(bigram, static_cast<std::uint32_t>(cache.bigram_labels.size()));
      if (new_bigram) cache.bigram_labels.push_back(bigram);
      cache.bigrams.push_back(b->second);
    }
    previous = &entry->first;
  }
  cache.stem_begin.push_back(static_cast<std::uint32_t>(cache.stems.size()));
  cache.bigram_begin.push_back(static_cast<std::uint32_t>(cache.bigrams.size()));
}

// The session's cache for the columns `c` names (new when they changed).
FeedbackCache& cache_of(const Columns& c, FeedbackCachePtr& holder) {
  if (holder && holder->comment == c.comment && holder->date == c.date) return *holder;
  holder.reset(new FeedbackCache);
  holder->comment = c.comment;
  holder->date = c.date;
  if (c.date) holder->days = table::day_numbers(*c.date);
  return *holder;
}

// The columns the report reads, with their rows' days from the session's cache.
Columns columns_of(const table::Table& table, const std::vector<ColumnRole>& roles,
                   FeedbackCachePtr& holder) {
  Columns c = find_columns(table, roles);
  c.days = cache_of(c, holder).days.data();
  return c;
}

// The cache with the comments analysed (on the first request that needs them).
FeedbackCache& cache_for(const Columns& c, FeedbackCachePtr& holder, std::size_t rows) {
  FeedbackCache& cache = cache_of(c, holder);
  if (cache.comments_analysed) return cache;
  cache.comments_analysed = true;
  cache.stem_begin.assign(1, 0);
  cache.bigram_begin.assign(1, 0);
  cache.comment_of_row.assign(rows, FeedbackCache::kNoComment);
  std::unordered_map<std::string, WordEntry> word_entries;
  std::vector<std::uint64_t> surface_rows;  // by word: the rows it is written on
  std::unordered_map<std::string, std::uint32_t> bigram_ids;
  // A categorical column's comments are analysed once per category, with
  // the category's row count. Free text is mostly distinct: each row is
  // analysed (its words are not stemmed again), as a map of the texts would
  // cost more memory than it saves.
  const bool categorical = c.comment && c.comment->type == ColumnType::categorical;
  if (categorical) {
    // By code, in one pass over the rows: a blank comment and a missing
    // cell (the last slot) have none; each other code gets the next id at
    // its first row and is analysed after the pass, in id order, once its
    // rows are counted. A code is unseen only until its first row, so the
    // pass's one branch is almost never taken.
    constexpr std::uint32_t kUnseen = FeedbackCache::kNoComment - 1;
    const std::size_t labels = c.comment->labels.size();
    std::vector<std::uint32_t> comment_of_code(labels + 1, kUnseen);
    for (std::size_t code = 0; code < labels; ++code)
      if (table::trim(c.comment->labels[code]).empty())
        comment_of_code[code] = FeedbackCache::kNoComment;
    comment_of_code[labels] = FeedbackCache::kNoComment;
    std::vector<std::uint64_t> rows_of_code(labels + 1, 0);
    // At most one comment a code. Sized before the pass, so that the pass
    // calls nothing that may throw: with JS exceptions (the module with
    // threads) a row's call to a function that may throw goes through JS.
    std::vector<std::uint32_t> code_of_comment(labels + 1);
    cache.first_row.assign(labels + 1, 0);
    std::uint32_t comments = 0;
    c.comment->codes.for_each([&](std::size_t row, std::uint32_t code) noexcept {
      const std::size_t slot = std::min<std::size_t>(code, labels);  // missing: the last
      ++rows_of_code[slot];
      std::uint32_t& id = comment_of_code[slot];
      if (id == kUnseen) {
        id = comments++;
        code_of_comment[id] = static_cast<std::uint32_t>(slot);
        cache.first_row[id] = static_cast<std::uint32_t>(row);
      }
      cache.comment_of_row[row] = id;
    });
    code_of_comment.resize(comments);
    cache.first_row.resize(comments);
    for (const std::uint32_t code : code_of_comment)  // each pushes the next id's entries
      analyse_comment(table::trim(c.comment->labels[code]), rows_of_code[code], cache, word_entries,
                      surface_rows, bigram_ids);
  }
  for (std::size_t row = 0; row < rows && c.comment && !categorical; ++row) {
    const std::string_view text = trimmed_comment(*c.comment, row);
    if (text.empty()) continue;
    cache.comment_of_row[row] = static_cast<std::uint32_t>(cache.personal.size());
    cache.first_row.push_back(static_cast<std::uint32_t>(row));
    analyse_comment(text, 1, cache, word_entries, surface_rows, bigram_ids);
  }
  // Each stem is shown as its most frequent word ("pratiche" rather than
  // "pratic"), counted over rows; ties go to the word first in byte order.
  std::vector<std::uint64_t> best(cache.stem_labels.size(), 0);
  for (const auto& [word, entry] : word_entries) {
    if (entry.stopword) continue;
    const std::uint64_t n = surface_rows[entry.surface];
    if (n > best[entry.stem] || (n == best[entry.stem] && word < cache.stem_labels[entry.stem])) {
      best[entry.stem] = n;
      cache.stem_labels[entry.stem] = word;
    }
  }
  return cache;
}

json top_terms(const std::vector<std::uint64_t>& counts, const std::vector<std::string>& labels,
               std::size_t limit, std::uint64_t minimum = 2) {
  std::vector<std::uint32_t> order;
  for (std::uint32_t i = 0; i < counts.size(); ++i)
    if (counts[i] >= minimum) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : labels[a] < labels[b];
  });
  if (order.size() > limit) order.resize(limit);
  json out = json::array();
  for (std::uint32_t i : order) out.push_back({{"term", labels[i]}, {"count", counts[i]}});
  return out;
}

// Log-likelihood (G2) of a term's frequency in low against high ratings.
double log_likelihood(double a, double b, double c, double d) {
  const double e1 = c * (a + b) / (c + d), e2 = d * (a + b) / (c + d);
  double g2 = 0;
  if (a > 0) g2 += a * std::log(a / e1);
  if (b > 0) g2 += b * std::log(b / e2);
  return 2 * g2;
}

// The sentiment of each distinct comment, built once (see cpp/sentiment/comments.hpp).
const FeedbackCache::Sentiment& sentiment_of(const Columns& c, const std::vector<double>& ratings,
                                             FeedbackCache& cache) {
  FeedbackCache::Sentiment& out = cache.sentiment;
  if (out.built) return out;
  sentiment::CommentsInput in;
  in.comments = cache.personal.size();
  in.text = [&](std::uint32_t id) {
    text::MaskCounts counts;
    return text::mask_personal_data(trimmed_comment(*c.comment, cache.first_row[id]), counts, " ");
  };
  in.comment_of_row = &cache.comment_of_row;
  in.ratings = &ratings;
  in.negative_max = c.scale.bottom_box_to();
  in.positive_min = c.scale.top_box_from();
  in.negative_band = box_text(c.scale.bottom_box());
  in.positive_band = box_text(c.scale.top_box());
  in.lexicon_score = &cache.lexicon_score;
  in.lexicon_hits = &cache.lexicon_hits;
  static_cast<sentiment::CommentSentiment&>(out) = sentiment::comment_sentiment(in);
  out.built = true;
  return out;
}

json confusion_json(const sentiment::Confusion& m) {
  return {{"macro_f1", m.macro_f1()},
          {"f1_negative", m.f1(0)},
          {"f1_positive", m.f1(1)},
          {"texts", m.total()},
          {"matrix",
           {{"negative", {{"negative", m.cells[0][0]}, {"positive", m.cells[0][1]}}},
            {"positive", {{"negative", m.cells[1][0]}, {"positive", m.cells[1][1]}}}}}};
}

// Negative shares of comments by a whole-number key (an application code,
// a week's first day), each group named once at the end; groups under the
// text minimum are suppressed.
struct NegativeShares {
  std::map<std::int64_t, std::array<std::uint64_t, 2>> groups;  // determined, negative

  /// The group `key` from its rows' counts by label (sentiment::Label), if
  /// any of them has a determined label.
  void add(std::int64_t key, const std::uint64_t* by_label) {
    const std::uint64_t determined = by_label[1] + by_label[2] + by_label[3];
    if (determined) groups[key] = {determined, by_label[1]};
  }
  template <typename Name>
  json to_json(Name name_of, const char* name) const {
    json out = json::array();
    for (const auto& [k, g] : groups) {
      json item = {{name, name_of(k)}, {"comments", g[0]}};
      if (g[0] < kTextMinimum) {
        item["suppressed"] = true;
      } else {
        item["negative"] = g[1];
        item["share"] = static_cast<double>(g[1]) / static_cast<double>(g[0]);
      }
      out.push_back(std::move(item));
    }
    return out;
  }
};

json sentiment_json(const table::Table& table, const Columns& c,
                    const std::vector<std::uint32_t>& rows, const std::vector<double>& ratings,
                    const DaySpan& span, FeedbackCache& cache) {
  const FeedbackCache::Sentiment& s = sentiment_of(c, ratings, cache);
  json out = {{"method", s.model_used ? "model" : "lexicon"},
              {"reason", s.reason},
              {"model",
               {{"kind", "multinomial Naive Bayes on stems, negated stems and stem pairs"},
                {"rated", {{"negative", s.rated[0]}, {"positive", s.rated[1]}}},
                {"min_per_class", sentiment::kMinPerClass},
                {"cross_validated", s.cross_validated},
                {"accuracy", s.cross_validated ? confusion_json(s.model_cv) : json(nullptr)}}},
              {"lexicon",
               {{"kind",
                 "Pattern it-sentiment (BSD-3-Clause) and AFINN-it (ODbL 1.0) with Italian rules: "
                 "negation scope, intensifiers, contrast, idioms"},
                {"accuracy_on_rated", confusion_json(s.lexicon_on_rated)}}}};
  // The rows are counted by label in one pass, without a branch on the
  // comment, its label, application or week: each row adds one to its
  // label's count (kNone: no comment) overall, in its application (the
  // last slot: none) and in its week (the last slot: no date).
  constexpr std::size_t kNone = 4, kSlots = 5;
  const std::size_t comments = s.label.size();
  std::vector<std::uint8_t> label_of(comments + 1, kNone);  // the last: no comment
  // A contradiction is flagged only when the lexicon reads the words the
  // same way: the model alone may echo who writes, not what is written.
  // By comment: bit 0 flags it on a high rating, bit 1 on a low one.
  std::vector<std::uint8_t> contradicts(comments + 1, 0);
  for (std::size_t id = 0; id < comments; ++id) {
    label_of[id] = s.label[id];
    const auto l = static_cast<sentiment::Label>(s.label[id]);
    const float words = cache.lexicon_score[id];
    const bool hits = cache.lexicon_hits[id] != 0;
    contradicts[id] = static_cast<std::uint8_t>(
        (l == sentiment::Label::negative && hits && words < -0.1f ? 1 : 0) |
        (l == sentiment::Label::positive && hits && words > 0.1f ? 2 : 0));
  }
  const std::size_t apps = c.application ? c.application->labels.size() : 0;
  const std::int64_t first_week = span.empty() ? 0 : week_start(span.first);
  const std::size_t weeks =
      span.empty() ? 0 : static_cast<std::size_t>((week_start(span.last) - first_week) / 7 + 1);
  std::array<std::uint64_t, kSlots> labels{};
  std::vector<std::uint64_t> by_code((apps + 1) * kSlots, 0),
      by_week_index((weeks + 1) * kSlots, 0);
  std::uint64_t disagree = 0;
  json examples = json::array();
  std::int32_t current_day = table::kNoDay;
  std::size_t week_slot = weeks;  // of current_day
  for (std::uint32_t row : rows) {
    const std::uint32_t id = cache.comment_of_row[row];
    const std::size_t comment = id == FeedbackCache::kNoComment ? comments : id;
    const std::size_t l = label_of[comment];
    ++labels[l];
    const std::uint32_t code = c.application ? c.application->codes[row] : kMissingCode;
    ++by_code[(code == kMissingCode ? apps : code) * kSlots + l];
    if (c.date) {
      if (const std::int32_t day = c.day(row); day != current_day) {  // runs of one day
        current_day = day;
        week_slot = day == table::kNoDay
                        ? weeks
                        : static_cast<std::size_t>((week_start(day) - first_week) / 7);
      }
      ++by_week_index[week_slot * kSlots + l];
    }
    const double r = ratings[row];
    const int band = (c.scale.in_top_box(r) ? 1 : 0) | (c.scale.in_bottom_box(r) ? 2 : 0);
    if (contradicts[comment] & band) {
      ++disagree;
      if (examples.size() < 10) {
        text::MaskCounts counts;
        examples.push_back(
            {{"line", table.row_lines[row]},
             {"rating", r},
             {"sentiment", sentiment::label_name(static_cast<sentiment::Label>(l))},
             {"text", text::mask_personal_data(trimmed_comment(*c.comment, row), counts)}});
      }
    }
  }
  const std::uint64_t determined = labels[1] + labels[2] + labels[3];
  out["labels"] = {{"negative", labels[1]},
                   {"neutral", labels[2]},
                   {"positive", labels[3]},
                   {"undetermined", labels[0]}};
  out["negative_share"] =
      determined >= kTextMinimum
          ? json(static_cast<double>(labels[1]) / static_cast<double>(determined))
          : json(nullptr);
  if (c.application) {
    NegativeShares by_application;
    for (std::size_t code = 0; code < apps; ++code)
      by_application.add(static_cast<std::int64_t>(code), &by_code[code * kSlots]);
    json shares = by_application.to_json(
        [&](std::int64_t code) { return c.application->labels[static_cast<std::size_t>(code)]; },
        "application");
    // By name (the codes follow the file's order).
    std::sort(shares.begin(), shares.end(), [](const json& a, const json& b) {
      return a["application"].get<std::string>() < b["application"].get<std::string>();
    });
    out["by_application"] = std::move(shares);
  }
  if (c.date) {
    NegativeShares by_week;
    for (std::size_t w = 0; w < weeks; ++w)
      by_week.add(first_week + 7 * static_cast<std::int64_t>(w), &by_week_index[w * kSlots]);
    out["by_week"] =
        by_week.to_json([](std::int64_t week) { return table::format_date(week); }, "week");
  }
  out["disagreement"] = {
      {"comments", disagree},
      {"rule", "a " + box_text(c.scale.top_box()) + " rating with a negative text, or a " +
                   box_text(c.scale.bottom_box()) + " with a positive one"},
      {"examples", std::move(examples)}};
  // Comments on rows without a valid rating: what the text says is all there is.
  std::array<std::uint64_t, kSlots> unrated{};
  for (std::size_t id = 0; id < comments; ++id) unrated[label_of[id]] += s.unrated[id];
  out["unrated"] = {{"comments", unrated[0] + unrated[1] + unrated[2] + unrated[3]},
                    {"negative", unrated[1]},
                    {"neutral", unrated[2]},
                    {"positive", unrated[3]},
                    {"undetermined", unrated[0]}};
  return out;
}

json text_json(const table::Table& table, const Columns& c, const std::vector<std::uint32_t>& rows,
               const std::vector<double>& ratings, const DaySpan& span, FeedbackCachePtr& holder,
               std::size_t n_rows) {
  if (!c.comment) return nullptr;
  FeedbackCache& cache = cache_for(c, holder, n_rows);
  const std::size_t vocabulary = cache.stem_labels.size();
  std::vector<std::uint64_t> all(vocabulary, 0), bigrams(cache.bigram_labels.size(), 0);
  std::array<std::vector<std::uint64_t>, 3> band;  // 1-2, 3, 4-5
  for (auto& b : band) b.assign(vocabulary, 0);
  std::array<std::uint64_t, 3> band_tokens{}, band_comments{};
  std::uint64_t comments = 0;
  std::array<std::uint64_t, 4> personal{};
  std::uint64_t with_personal = 0;
  // The rows tallied by comment and band first: a comment on many rows (a
  // category of canned answers) adds its words once, times its rows.
  // Without a branch on the row: rows without a comment go in the last slot.
  const std::size_t distinct = cache.personal.size();
  std::vector<std::array<std::uint32_t, 3>> tally(distinct + 1, {0, 0, 0});
  for (std::uint32_t row : rows) {
    const double r = ratings[row];
    const int rating_band = c.scale.in_bottom_box(r) ? 0 : c.scale.in_top_box(r) ? 2 : 1;
    ++tally[std::min<std::size_t>(cache.comment_of_row[row], distinct)][rating_band];
  }
  for (std::uint32_t id = 0; id < distinct; ++id) {
    const std::uint64_t rows_of_id = std::uint64_t{tally[id][0]} + tally[id][1] + tally[id][2];
    if (rows_of_id == 0) continue;
    comments += rows_of_id;
    const std::uint8_t p = cache.personal[id];
    for (int bit = 0; bit < 4; ++bit) personal[bit] += (p >> bit) & 1 ? rows_of_id : 0;
    with_personal += p != 0 ? rows_of_id : 0;
    for (int b = 0; b < 3; ++b) band_comments[b] += tally[id][b];
    for (std::uint32_t k = cache.stem_begin[id]; k < cache.stem_begin[id + 1]; ++k) {
      all[cache.stems[k]] += rows_of_id;
      for (int b = 0; b < 3; ++b) {
        band[b][cache.stems[k]] += tally[id][b];
        band_tokens[b] += tally[id][b];
      }
    }
    for (std::uint32_t k = cache.bigram_begin[id]; k < cache.bigram_begin[id + 1]; ++k)
      bigrams[cache.bigrams[k]] += rows_of_id;
  }
  json out = {
      {"column", c.comment->name},
      {"comments", comments},
      {"personal_data",
       {{"comments", with_personal},
        {"email", personal[0]},
        {"phone", personal[1]},
        {"iban", personal[2]},
        {"tax_code", personal[3]},
        {"note", "masked before any comment is shown; never counted as terms"}}},
      {"method",
       "words lowercased, split at apostrophes, Italian and English stopwords left out, "
       "Italian Snowball stems (each shown as its most frequent word); keyness: "
       "log-likelihood G2 of " +
           box_text(c.scale.bottom_box()) + " against " + box_text(c.scale.top_box()) + " ratings"},
  };
  if (comments < kTextMinimum) {
    out["suppressed"] = true;
    out["reason"] = "fewer than " + std::to_string(kTextMinimum) + " comments";
    return out;
  }
  out["terms"] = top_terms(all, cache.stem_labels, 30);
  out["bigrams"] = top_terms(bigrams, cache.bigram_labels, 20);
  const char* names[3] = {"low", "mid", "high"};
  json bands = json::object();
  for (int b = 0; b < 3; ++b)
    bands[names[b]] = band_comments[b] >= kTextMinimum
                          ? json({{"comments", band_comments[b]},
                                  {"terms", top_terms(band[b], cache.stem_labels, 15)}})
                          : json({{"comments", band_comments[b]}, {"suppressed", true}});
  out["by_band"] = std::move(bands);
  // Keyness needs both bands.
  if (band_comments[0] >= kTextMinimum && band_comments[2] >= kTextMinimum) {
    struct Key {
      std::uint32_t id;
      double g2;
      bool low;
    };
    std::vector<Key> keys;
    const double c0 = static_cast<double>(band_tokens[0]), c2 = static_cast<double>(band_tokens[2]);
    for (std::uint32_t id = 0; id < vocabulary; ++id) {
      const double a = static_cast<double>(band[0][id]), b = static_cast<double>(band[2][id]);
      if (a + b < 5) continue;
      keys.push_back({id, log_likelihood(a, b, c0, c2), a / c0 > b / c2});
    }
    std::sort(keys.begin(), keys.end(), [](const Key& x, const Key& y) { return x.g2 > y.g2; });
    json low = json::array(), high = json::array();
    for (const Key& k : keys) {
      if (k.g2 < 3.84) break;  // p < 0.05 for one degree of freedom
      json item = {{"term", cache.stem_labels[k.id]},
                   {"low", band[0][k.id]},
                   {"high", band[2][k.id]},
                   {"g2", k.g2}};
      json& list = k.low ? low : high;
      if (list.size() < 15) list.push_back(std::move(item));
    }
    out["keyness"] = {{"low", std::move(low)}, {"high", std::move(high)}};
  }
  out["sentiment"] = sentiment_json(table, c, rows, ratings, span, cache);
  return out;
}

std::vector<double> valid_ratings(const table::Table& table, const Columns& c) {
  return rating_values(*c.rating, c.scale, table, nullptr).values;
}

Error parse_day(const json& v, const char* key, std::optional<std::int64_t>& out) {
  if (!v.is_string())
    return make_error(ErrorCode::invalid_request, std::string(key) + " must be yyyy-mm-dd.");
  const auto parts = table::split_date(v.get<std::string>());
  const auto date = parts ? table::resolve_date(*parts, table::DateOrder::day_first) : std::nullopt;
  if (!date)
    return make_error(ErrorCode::invalid_request, std::string(key) + " must be yyyy-mm-dd.");
  out = date->days;
  return {};
}

Error parse_filter_key(const std::string& key, const json& v, FeedbackFilter& f, bool& known) {
  known = true;
  if (key == "application" || key == "device") {
    if (!v.is_string()) return make_error(ErrorCode::invalid_request, key + " must be a string.");
    (key == "application" ? f.application : f.device) = v.get<std::string>();
  } else if (key == "from") {
    return parse_day(v, "from", f.from_day);
  } else if (key == "to") {
    return parse_day(v, "to", f.to_day);
  } else {
    known = false;
  }
  return {};
}

}  // namespace

Error parse_feedback_request(const json& value, FeedbackRequest& out) {
  if (!value.is_object())
    return make_error(ErrorCode::invalid_request, "\"feedback\" must be an object.");
  for (const auto& [key, v] : value.items()) {
    bool known = false;
    if (Error e = parse_filter_key(key, v, out.filter, known)) return e;
    if (known) continue;
    if (key == "granularity" && v.is_string() &&
        (v == "day" || v == "week" || v == "month" || v == "auto")) {
      out.granularity = v == "auto" ? "" : v.get<std::string>();
    } else {
      return make_error(ErrorCode::invalid_request,
                        "feedback: \"" + key +
                            "\" is unknown or not valid (application, device, "
                            "from, to, granularity: day, week, month or auto).");
    }
  }
  return {};
}

Error parse_comments_request(const json& value, CommentsRequest& out) {
  if (!value.is_object())
    return make_error(ErrorCode::invalid_request, "\"comments\" must be an object.");
  for (const auto& [key, v] : value.items()) {
    bool known = false;
    if (Error e = parse_filter_key(key, v, out.filter, known)) return e;
    if (known) continue;
    if (key == "rating" && v.is_number_integer()) {
      out.rating = v.get<int>();
    } else if (key == "word" && v.is_string()) {
      out.word = v.get<std::string>();
    } else if (key == "sentiment" && v.is_string() &&
               (v == "negative" || v == "neutral" || v == "positive" || v == "undetermined")) {
      out.sentiment = v.get<std::string>();
    } else if ((key == "offset" || key == "limit") && v.is_number_integer() &&
               v.get<std::int64_t>() >= 0) {
      (key == "offset" ? out.offset : out.limit) =
          std::min<std::size_t>(v.get<std::size_t>(), key == "limit" ? 200 : SIZE_MAX);
    } else {
      return make_error(ErrorCode::invalid_request,
                        "comments: \"" + key +
                            "\" is unknown or not valid (application, device, "
                            "from, to, rating, word, sentiment, offset, limit up to 200).");
    }
  }
  return {};
}

// The mean rating and the share of 4-5 by region, province and office for
// the filtered rows, with their spread month by month.
const FeedbackCache::Territory& territory_cache(const table::Table& table,
                                                const std::vector<ColumnRole>& roles,
                                                const Columns& c,
                                                const std::vector<double>& ratings,
                                                FeedbackCachePtr& holder) {
  FeedbackCache::Territory& t = cache_for(c, holder, ratings.size()).territory;
  if (t.built) return t;
  t.built = true;
  t.levels = territory_levels(table, roles);
  t.top2.assign(ratings.size(), stats::kNaN);
  for (std::size_t row = 0; row < ratings.size(); ++row)
    if (!std::isnan(ratings[row])) t.top2[row] = c.scale.in_top_box(ratings[row]) ? 1.0 : 0.0;
  if (c.date) {
    t.month_of_row.assign(ratings.size(), -1);
    t.first_month = std::numeric_limits<std::int64_t>::max();
    // Exports come sorted by time: the day repeats from row to row, and its
    // month is worked out once per run of it.
    std::int32_t last_day = table::kNoDay;
    std::int64_t last_day_month = 0;
    for (std::size_t row = 0; row < ratings.size(); ++row)
      if (const std::int32_t day = c.day(row); day != table::kNoDay) {
        if (day != last_day) {
          last_day = day;
          last_day_month = month_of(day);
        }
        t.month_of_row[row] = last_day_month;
        t.first_month = std::min(t.first_month, t.month_of_row[row]);
        t.last_month = std::max(t.last_month, t.month_of_row[row]);
      }
  }
  return t;
}

// The mean rating and the share of 4-5 by region, province and office for
// the filtered rows, with their spread month by month. The units and each
// row's month come from the cache: a filter only re-aggregates.
json territory_section(const table::Table& table, const std::vector<ColumnRole>& roles,
                       const Columns& c, const std::vector<double>& ratings,
                       const std::vector<std::uint32_t>& rows, const Config& config,
                       FeedbackCachePtr& holder) {
  if (std::none_of(roles.begin(), roles.end(),
                   [](const ColumnRole& r) { return r.role == Role::territory; }))
    return nullptr;
  const FeedbackCache::Territory& cached = territory_cache(table, roles, c, ratings, holder);
  stats::Design design({}, ratings.size());
  design.set_frequencies(&table.frequencies);
  TerritoryInput input{table, roles, design, {}, {}, {}, nullptr, "month"};
  input.levels = cached.levels.get();
  input.rows = &rows;
  input.metrics.push_back(
      {c.rating->name, c.rating->name, false, &ratings, c.scale, nullptr, std::nullopt});
  input.metrics.push_back({"top2:" + c.rating->name, c.rating->name, true, &cached.top2,
                           std::nullopt, nullptr, c.scale.top_box()});
  Grouping months;
  if (c.date && cached.first_month <= cached.last_month) {
    // The months with feedback among the selected rows, in order, numbered
    // through their offset from the file's first month.
    months.name = c.date->name;
    months.reason = "the month of each feedback";
    const std::vector<std::int64_t>& month_of_row = cached.month_of_row;
    std::vector<std::uint32_t> code(
        static_cast<std::size_t>(cached.last_month - cached.first_month + 1),
        stats::Design::kNoGroup);
    for (std::uint32_t row : rows)
      if (month_of_row[row] >= 0)
        code[static_cast<std::size_t>(month_of_row[row] - cached.first_month)] = 0;
    for (std::size_t offset = 0; offset < code.size(); ++offset)
      if (code[offset] == 0) {
        code[offset] = static_cast<std::uint32_t>(months.labels.size());
        months.labels.push_back(
            table::format_month(cached.first_month + static_cast<std::int64_t>(offset)));
      }
    months.codes.assign(ratings.size(), stats::Design::kNoGroup);
    for (std::uint32_t row : rows)
      if (month_of_row[row] >= 0)
        months.codes[row] = code[static_cast<std::size_t>(month_of_row[row] - cached.first_month)];
    if (months.labels.size() >= 2) input.periods = &months;
  }
  return territory_json(input, config);
}

json feedback_report(const table::Table& table, const std::vector<ColumnRole>& roles,
                     const Config& config, const FeedbackRequest& request, FeedbackCachePtr& cache,
                     core::Workers* workers, const std::vector<std::function<void()>>& beside) {
  const Columns c = columns_of(table, roles, cache);
  core::Workers one_thread;
  core::Workers& pool = workers ? *workers : one_thread;
  if (!c.rating) {  // nothing to report; the caller's tasks still run
    pool.run(beside.size(), [&](std::size_t task) { beside[task](); });
    return nullptr;
  }
  const Disclosure& disclosure = config.disclosure;
  const std::vector<double> ratings = valid_ratings(table, c);
  const std::vector<std::uint32_t> rows = select_rows(c, ratings, request.filter, true);
  const std::uint64_t records = c.records(rows);
  const DaySpan span = day_span(c, rows);  // for the trend and the alerts
  json overall, dates, reference;
  // The whole selection, its dates, and the all-application figures for
  // the same period and device: what an owner compares their application with.
  auto headline = [&] {
    overall = group_json("", group_of(c, rows, ratings), c.scale, disclosure, records);
    if (c.date) {
      std::int32_t lo = std::numeric_limits<std::int32_t>::max(), hi = table::kNoDay;
      for (std::size_t row = 0; row < ratings.size(); ++row) {
        const std::int32_t d = c.day(row);
        if (d == table::kNoDay || std::isnan(ratings[row]) || c.count(row) == 0) continue;
        lo = std::min(lo, d);
        hi = std::max(hi, d);
      }
      if (lo <= hi) dates = {{"first", table::format_date(lo)}, {"last", table::format_date(hi)}};
    }
    if (!request.filter.application.empty()) {
      const std::vector<std::uint32_t> everyone = select_rows(c, ratings, request.filter, false);
      reference =
          group_json("", group_of(c, everyone, ratings), c.scale, disclosure, c.records(everyone));
    }
  };
  // Tasks that share nothing but what they read, longest first: the
  // comments (with the territory, which shares their cache), the caller's
  // tasks beside the report (the column summaries), the alerts, the
  // applications and their ranking, the trend, the devices, the headline.
  // Each fills its own part; the parts go in `out` in one order, so the
  // report is the same on any threads.
  json applications, ranking, devices, trend, alerts, text, territory;
  std::vector<std::function<void()>> tasks;
  tasks.emplace_back([&] {
    // Cells carry no texts: the comments are named as missing, not shown empty.
    text = table.aggregated() ? nullptr
                              : text_json(table, c, rows, ratings, span, cache, ratings.size());
    territory = territory_section(table, roles, c, ratings, rows, config, cache);
  });
  tasks.insert(tasks.end(), beside.begin(), beside.end());
  tasks.emplace_back(
      [&] { alerts = alerts_json(c, rows, ratings, span, request.filter.application.empty()); });
  if (c.application)
    tasks.emplace_back([&] {
      std::vector<GroupStats> groups;
      applications = groups_json(*c.application, rows, records, ratings, c, disclosure, &groups);
      ranking = ranking_json(c, groups, rows, ratings, disclosure);
    });
  tasks.emplace_back([&] { trend = trend_json(c, rows, ratings, span, request, disclosure); });
  if (c.device)
    tasks.emplace_back(
        [&] { devices = groups_json(*c.device, rows, records, ratings, c, disclosure); });
  tasks.emplace_back(headline);
  pool.run(tasks.size(), [&](std::size_t task) { tasks[task](); });
  json out = {
      {"columns",
       {{"application", c.application ? json(c.application->name) : json(nullptr)},
        {"rating", c.rating->name},
        {"date", c.date ? json(c.date->name) : json(nullptr)},
        {"device", c.device ? json(c.device->name) : json(nullptr)},
        {"comment", c.comment ? json(c.comment->name) : json(nullptr)}}},
      {"scale", scale_json(c.scale)},
      {"filter",
       {{"application",
         request.filter.application.empty() ? json(nullptr) : json(request.filter.application)},
        {"device", request.filter.device.empty() ? json(nullptr) : json(request.filter.device)},
        {"from", request.filter.from_day ? json(table::format_date(*request.filter.from_day))
                                         : json(nullptr)},
        {"to", request.filter.to_day ? json(table::format_date(*request.filter.to_day))
                                     : json(nullptr)}}},
      {"overall", std::move(overall)}};
  if (!dates.is_null()) out["dates"] = std::move(dates);
  if (!reference.is_null()) out["reference"] = std::move(reference);
  if (c.application) {
    out["applications"] = std::move(applications);
    out["ranking"] = std::move(ranking);
  }
  if (c.device) out["devices"] = std::move(devices);
  out["trend"] = std::move(trend);
  out["alerts"] = std::move(alerts);
  out["alert_rule"] =
      "weekly, per application and for all together: a drop when the week's mean is at least 3 "
      "standard errors below the previous 4 weeks' (Welch z), a burst when its share of " +
      box_text(c.scale.bottom_box()) +
      " ratings is at least 5 points and 3 standard errors above theirs (two-proportion z); "
      "both need 30 ratings in the week and in the baseline";
  out["text"] = std::move(text);
  out["territory"] = std::move(territory);
  return out;
}

json sentiment_page(const table::Table& table, const std::vector<ColumnRole>& roles,
                    std::size_t offset, std::size_t limit, FeedbackCachePtr& holder) {
  const Columns c = columns_of(table, roles, holder);
  if (!c.rating || !c.comment) return {{"total", 0}, {"items", json::array()}};
  const std::vector<double> ratings = valid_ratings(table, c);
  FeedbackCache& cache = cache_for(c, holder, ratings.size());
  const FeedbackCache::Sentiment& s = sentiment_of(c, ratings, cache);
  json items = json::array();
  std::size_t total = 0;
  for (std::size_t row = 0; row < cache.comment_of_row.size(); ++row) {
    const std::uint32_t id = cache.comment_of_row[row];
    if (id == FeedbackCache::kNoComment) continue;
    if (total >= offset && total < offset + limit)
      items.push_back(
          {{"line", table.row_lines[row]},
           {"rating", std::isnan(ratings[row]) ? json(nullptr) : json(ratings[row])},
           {"sentiment", sentiment::label_name(static_cast<sentiment::Label>(s.label[id]))},
           {"score", s.score[id]}});
    ++total;
  }
  return {{"total", total},
          {"offset", offset},
          {"limit", limit},
          {"method", s.model_used ? "model" : "lexicon"},
          {"items", std::move(items)}};
}

json comments_page(const table::Table& table, const std::vector<ColumnRole>& roles,
                   const Config& config, const CommentsRequest& request, FeedbackCachePtr& holder) {
  (void)config;
  const Columns c = columns_of(table, roles, holder);
  if (!c.rating || !c.comment) return {{"total", 0}, {"comments", json::array()}};
  const std::vector<double> ratings = valid_ratings(table, c);
  FeedbackCache& cache = cache_for(c, holder, ratings.size());
  // The word matches by stem (all its words) or as a substring.
  std::vector<std::uint32_t> wanted;
  bool unknown_word = false;
  for (const std::string& w : text::words(request.word)) {
    if (text::is_stopword(w)) continue;
    auto it = cache.stem_ids.find(text::italian_stem(w));
    if (it == cache.stem_ids.end())
      unknown_word = true;
    else
      wanted.push_back(it->second);
  }
  const std::string needle = table::ascii_lower(table::trim(request.word));
  const FeedbackCache::Sentiment& sentiment = sentiment_of(c, ratings, cache);
  // Whether each distinct comment has the word, worked out once per comment
  // rather than once per row (a canned answer is on thousands of rows).
  std::vector<bool> has_word;
  if (!needle.empty()) {
    has_word.resize(cache.first_row.size());
    for (std::uint32_t comment = 0; comment < has_word.size(); ++comment) {
      bool stems_match = !unknown_word && !wanted.empty();
      for (std::uint32_t id : wanted) {
        bool found = false;
        for (std::uint32_t k = cache.stem_begin[comment];
             k < cache.stem_begin[comment + 1] && !found; ++k)
          found = cache.stems[k] == id;
        stems_match = stems_match && found;
      }
      has_word[comment] =
          stems_match ||
          table::ascii_lower(trimmed_comment(*c.comment, cache.first_row[comment])).find(needle) !=
              std::string::npos;
    }
  }
  std::vector<std::uint32_t> matches;
  for (std::uint32_t row : select_rows(c, ratings, request.filter, true)) {
    const std::uint32_t comment_id = cache.comment_of_row[row];
    if (comment_id == FeedbackCache::kNoComment) continue;  // a blank or missing comment
    if (request.rating && ratings[row] != *request.rating) continue;
    if (!request.sentiment.empty() &&
        request.sentiment !=
            sentiment::label_name(static_cast<sentiment::Label>(sentiment.label[comment_id])))
      continue;
    if (!needle.empty() && !has_word[comment_id]) continue;
    matches.push_back(row);
  }
  if (c.date) {  // newest first
    std::stable_sort(matches.begin(), matches.end(), [&](std::uint32_t a, std::uint32_t b) {
      const double da = c.date->numbers[a], db = c.date->numbers[b];
      if (std::isnan(da) != std::isnan(db)) return std::isnan(db);
      return da > db;
    });
  }
  json out = {{"total", matches.size()}, {"offset", request.offset}, {"limit", request.limit}};
  if (matches.size() < kTextMinimum) {
    out["suppressed"] = true;
    out["reason"] = "fewer than " + std::to_string(kTextMinimum) + " comments";
    out["comments"] = json::array();
    return out;
  }
  json list = json::array();
  for (std::size_t i = request.offset; i < matches.size() && i < request.offset + request.limit;
       ++i) {
    const std::uint32_t row = matches[i];
    text::MaskCounts counts;
    json item = {{"line", table.row_lines[row]},
                 {"rating", ratings[row]},
                 {"text", text::mask_personal_data(trimmed_comment(*c.comment, row), counts)},
                 {"masked", counts.total()},
                 {"sentiment", sentiment::label_name(static_cast<sentiment::Label>(
                                   sentiment.label[cache.comment_of_row[row]]))},
                 {"sentiment_score", sentiment.score[cache.comment_of_row[row]]}};
    if (c.date)
      item["date"] =
          c.day(row) == table::kNoDay ? json(nullptr) : json(table::format_date(c.day(row)));
    if (c.application)
      item["application"] = c.application->codes[row] == kMissingCode
                                ? json(nullptr)
                                : json(c.application->labels[c.application->codes[row]]);
    if (c.device)
      item["device"] = c.device->codes[row] == kMissingCode
                           ? json(nullptr)
                           : json(c.device->labels[c.device->codes[row]]);
    list.push_back(std::move(item));
  }
  out["comments"] = std::move(list);
  return out;
}

}  // namespace ascolto::report
