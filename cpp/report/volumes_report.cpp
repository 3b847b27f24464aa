#include "report/volumes_report.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "report/estimate_json.hpp"
#include "stats/estimate.hpp"
#include "table/value_parse.hpp"

namespace ascolto::report {

namespace {

using json = nlohmann::ordered_json;
using table::Column;
using table::ColumnType;
using table::kMissingCode;

const std::vector<std::string> kMonthStems = {"mese", "month", "mm"};
const std::vector<std::string> kYearStems = {"anno", "year", "yyyy", "anni"};
const std::vector<std::string> kQuarterStems = {"trimestre", "quarter", "trim"};
// Numeric columns that describe the period, not a volume.
const std::vector<std::string> kNotMeasureStems = {"weekday",   "giorno", "day",       "dow",
                                                   "settimana", "week",   "trimestre", "quarter"};
const std::vector<std::string> kValueNames = {"valore", "value",  "volume", "volumi",   "totale",
                                              "total",  "numero", "count",  "conteggio"};

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int year_days(int y) {
  return leap(y) ? 366 : 365;
}

// Day of the year (1-based) of the last day of month m (1-12).
int month_end_day(int y, int m) {
  static const int kCumulative[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
  return kCumulative[m] + (leap(y) && m >= 2 ? 1 : 0);
}

// Where each row sits in time.
struct Period {
  std::string granularity;  ///< day, month or year
  std::string source, source_code;
  std::vector<std::string> columns;
  std::vector<std::int64_t> day;  ///< days since 1970 (day granularity), else unused
  std::vector<int> year, month;   ///< month 1-12 (12 for yearly data); year 0 when unknown
};

bool integral_in(const Column& c, double lo, double hi) {
  bool any = false;
  for (double v : c.numbers) {
    if (std::isnan(v)) continue;
    if (v != std::floor(v) || v < lo || v > hi) return false;
    any = true;
  }
  return any;
}

// "Q3 2023", "2023-Q3", "T3 2023", "3° trimestre 2023", "III trimestre
// 2023" -> (2023, 3).
std::optional<std::pair<int, int>> parse_quarter(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : table::ascii_lower(text)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (!word.empty() && ((word.back() >= '0' && word.back() <= '9') != (c >= '0' && c <= '9')) &&
          !(word.size() == 1 && (word[0] == 'q' || word[0] == 't'))) {
        words.push_back(word);
        word.clear();
      }
      word.push_back(c);
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  int year = 0, quarter = 0;
  bool named = false;
  for (const std::string& w : words) {
    if (w.size() == 4 && w.find_first_not_of("0123456789") == std::string::npos)
      year = std::stoi(w);
    else if (w.size() == 2 && (w[0] == 'q' || w[0] == 't') && w[1] >= '1' && w[1] <= '4')
      quarter = w[1] - '0';
    else if (w.rfind("trim", 0) == 0 || w.rfind("quarter", 0) == 0)
      named = true;
  }
  if (!quarter && named) {
    for (const std::string& w : words) {
      if (w == "1" || w == "i")
        quarter = 1;
      else if (w == "2" || w == "ii")
        quarter = 2;
      else if (w == "3" || w == "iii")
        quarter = 3;
      else if (w == "4" || w == "iv")
        quarter = 4;
    }
  }
  if (year < 1900 || year > 2100 || !quarter || words.size() > 4) return {};
  return std::make_pair(year, quarter);
}

std::optional<Period> find_period(const table::Table& table, const std::vector<ColumnRole>& roles,
                                  std::vector<bool>& used) {
  const std::size_t rows = table.rows.used;
  Period p;
  p.year.assign(rows, 0);
  p.month.assign(rows, 0);
  // A date column: daily data.
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const Column& c = table.columns[i];
    if (c.type != ColumnType::date && c.type != ColumnType::datetime) continue;
    p.granularity = "day";
    p.source = "a date column";
    p.source_code = "date";
    p.columns = {c.name};
    p.day.assign(rows, 0);
    for (std::size_t row = 0; row < rows; ++row) {
      const double v = c.day(row);
      if (std::isnan(v)) continue;
      p.day[row] = static_cast<std::int64_t>(v);
      const table::CivilDate d = table::civil_from_days(p.day[row]);
      p.year[row] = d.year;
      p.month[row] = static_cast<int>(d.month);
    }
    used[i] = true;
    return p;
  }
  // A month column (10/2023, 2023-10).
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const Column& c = table.columns[i];
    if (c.type != ColumnType::month) continue;
    p.granularity = "month";
    p.source = "a month column";
    p.source_code = "month";
    p.columns = {c.name};
    for (std::size_t row = 0; row < rows; ++row) {
      const double v = c.numbers[row];
      if (std::isnan(v)) continue;
      p.year[row] = static_cast<int>(v) / 12;
      p.month[row] = static_cast<int>(v) % 12 + 1;
    }
    used[i] = true;
    return p;
  }
  // A quarter column ("Q3 2023", "3° trimestre 2023").
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const Column& c = table.columns[i];
    if (c.type != ColumnType::categorical || c.labels.empty()) continue;
    std::vector<std::optional<std::pair<int, int>>> parsed;
    std::size_t good = 0;
    for (const std::string& label : c.labels) {
      parsed.push_back(parse_quarter(label));
      good += parsed.back().has_value();
    }
    if (good * 20 < c.labels.size() * 19) continue;
    p.granularity = "quarter";
    p.source = "a quarter column";
    p.source_code = "quarter";
    p.columns = {c.name};
    for (std::size_t row = 0; row < rows; ++row) {
      const std::uint32_t code = c.codes[row];
      if (code == kMissingCode || !parsed[code]) continue;
      p.year[row] = parsed[code]->first;
      p.month[row] = parsed[code]->second * 3;  // the quarter's last month
    }
    used[i] = true;
    return p;
  }
  // Month and year in two columns (MESE, ANNO), or a year alone.
  std::optional<std::size_t> month, year, quarter;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const Column& c = table.columns[i];
    if (c.type != ColumnType::integer) continue;
    const std::string name = normalize_header(c.name);
    if (!month && header_has_stem(name, kMonthStems) && integral_in(c, 1, 12)) month = i;
    if (!quarter && header_has_stem(name, kQuarterStems) && integral_in(c, 1, 4)) quarter = i;
    if (!year && header_has_stem(name, kYearStems) && integral_in(c, 1900, 2100)) year = i;
  }
  if (!year) return {};
  const Column& y = table.columns[*year];
  // The column that places a row within its year: the month's, else the quarter's.
  const bool by_quarter = !month && quarter;
  const std::optional<std::size_t> within = month ? month : quarter;
  p.granularity = month ? "month" : by_quarter ? "quarter" : "year";
  p.source = month        ? "a month column and a year column"
             : by_quarter ? "a quarter column and a year column"
                          : "a year column";
  p.source_code = month ? "month_year" : by_quarter ? "quarter_year" : "year";
  p.columns = {y.name};
  if (within) p.columns.push_back(table.columns[*within].name);
  // The month of each row: the month column's, the quarter's last, or December.
  const Column* months = within ? &table.columns[*within] : nullptr;
  const double months_per_step = by_quarter ? 3.0 : 1.0;
  for (std::size_t row = 0; row < rows; ++row) {
    const double yv = y.numbers[row];
    const double mv = months ? months->numbers[row] * months_per_step : 12.0;
    if (std::isnan(yv) || std::isnan(mv)) continue;
    p.year[row] = static_cast<int>(yv);
    p.month[row] = static_cast<int>(mv);
  }
  used[*year] = true;
  if (within) used[*within] = true;
  return p;
}

// A series: the rows and the column it sums.
struct Series {
  std::string name;
  const Column* measure = nullptr;  ///< null: each row counts one (an event log)
  std::vector<char> rows;           ///< empty: every row
  std::string group;                ///< series of one group share a unit: the mix is within it
  std::string touchpoint, metric;   ///< for derived ratios
  std::string scope;                ///< the name without the metric: "Social · Facebook"
  bool stock = false;               ///< a level (followers), not a flow: a year is its last value
};

// Metrics that are levels at a date, not counts over a period.
const std::vector<std::string> kStockStems = {"follower", "iscritt", "subscriber", "fan"};
const std::vector<std::string> kMetricColumnStems = {"metric", "metrica", "misura", "indicator",
                                                     "kpi"};
const std::vector<std::string> kTouchpointStems = {"touchpoint", "canale", "channel", "punto"};

// A row's value in a series: its measure, or for an event log the records
// it stands for (1, or a cells file's count). A cell standing for no record
// (an invalid count, reported) has no value.
double value_of(const table::Table& table, const Series& se, std::size_t row) {
  const std::uint64_t records = table.frequency(row);
  if (records == 0) return stats::kNaN;
  return se.measure ? se.measure->numbers[row] : static_cast<double>(records);
}

bool is_stock(const std::string& metric) {
  return header_has_stem(normalize_header(metric), kStockStems);
}

std::vector<Series> find_series(const table::Table& table, const std::vector<ColumnRole>& roles,
                                const std::vector<bool>& used, std::string& form,
                                std::vector<std::string>& split_by) {
  std::vector<std::size_t> measures, categories;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    if (used[i]) continue;
    const Column& c = table.columns[i];
    const std::string name = normalize_header(c.name);
    // A share (a percentage column) is not a volume: summing it means nothing.
    if (roles[i].role == Role::count) continue;  // a cells file's records, not a series
    if ((c.type == ColumnType::integer || c.type == ColumnType::decimal) && !c.percent &&
        roles[i].role != Role::identifier && roles[i].role != Role::weight &&
        roles[i].role != Role::period && !header_has_stem(name, kNotMeasureStems))
      measures.push_back(i);
    else if (c.type == ColumnType::categorical && c.labels.size() <= 60 && !c.source_file)
      categories.push_back(i);  // the files of a combined dataset are months, not series
  }
  std::vector<Series> out;
  if (measures.empty()) {
    // An event log: rows counted per category of its channel (a channel
    // column, else the categorical column with the fewest categories, 2 to 12).
    std::optional<std::size_t> by;
    for (std::size_t i : categories)
      if (roles[i].role == Role::channel) by = i;
    for (std::size_t i : categories) {
      const std::size_t labels = table.columns[i].labels.size();
      if (roles[i].role != Role::channel && labels >= 2 && labels <= 12 &&
          (!by || (roles[*by].role != Role::channel && labels < table.columns[*by].labels.size())))
        by = i;
    }
    form = "events";
    if (!by) {
      out.push_back({"righe", nullptr, {}, "", "", "righe", "", false});
      return out;
    }
    const Column& c = table.columns[*by];
    split_by.push_back(c.name);
    // By name, not by the rows' order (a file's and its cells' differ).
    std::vector<std::uint32_t> codes(c.labels.size());
    for (std::uint32_t code = 0; code < codes.size(); ++code) codes[code] = code;
    std::sort(codes.begin(), codes.end(),
              [&](std::uint32_t a, std::uint32_t b) { return c.labels[a] < c.labels[b]; });
    if (codes.size() > 60) codes.resize(60);
    for (std::uint32_t code : codes) {
      std::vector<char> rows(table.rows.used, 0);
      for (std::size_t row = 0; row < table.rows.used; ++row) rows[row] = c.codes[row] == code;
      out.push_back(
          {c.labels[code], nullptr, std::move(rows), c.name, "", "righe", c.labels[code], false});
    }
    return out;
  }
  // One measure beside categories is a long table when the measure is a
  // generic value, when there are several categories, or when one of them
  // is a channel ("mese;canale;contatti").
  const bool channel_category =
      std::any_of(categories.begin(), categories.end(),
                  [&](std::size_t i) { return roles[i].role == Role::channel; });
  const bool long_form =
      measures.size() == 1 && !categories.empty() &&
      (std::find(kValueNames.begin(), kValueNames.end(),
                 normalize_header(table.columns[measures[0]].name)) != kValueNames.end() ||
       categories.size() >= 2 || channel_category);
  if (!long_form) {
    form = "wide";
    for (std::size_t i : measures) {
      const std::string& name = table.columns[i].name;
      out.push_back({name, &table.columns[i], {}, "", "", name, "", is_stock(name)});
    }
    return out;
  }
  // Long form: one series per combination of the categories (touchpoint,
  // sub-channel, metric), named "portale · visualizzazioni".
  form = "long";
  const Column& value = table.columns[measures[0]];
  std::map<std::string, std::size_t> index;
  for (std::size_t i : categories) split_by.push_back(table.columns[i].name);
  // The mix compares the categories of the column with most of them (the
  // sub-channel) within the same values of the others (touchpoint, metric).
  std::size_t varying = categories[0];
  for (std::size_t i : categories)
    if (table.columns[i].labels.size() > table.columns[varying].labels.size()) varying = i;
  // The metric and touchpoint columns, by name, else the last and the first.
  std::size_t metric = categories.back(), touchpoint = categories.front();
  for (std::size_t i : categories) {
    const std::string name = normalize_header(table.columns[i].name);
    if (header_has_stem(name, kMetricColumnStems))
      metric = i;
    else if (header_has_stem(name, kTouchpointStems))
      touchpoint = i;
  }
  for (std::size_t row = 0; row < table.rows.used; ++row) {
    std::string key, group;
    for (std::size_t i : categories) {
      const std::uint32_t code = table.columns[i].codes[row];
      const std::string label = code == kMissingCode ? "—" : table.columns[i].labels[code];
      if (!key.empty()) key += " · ";
      key += label;
      if (i == varying) continue;
      if (!group.empty()) group += " · ";
      group += label;
    }
    auto [it, added] = index.emplace(key, out.size());
    if (added) {
      auto label = [&](std::size_t i) {
        const std::uint32_t code = table.columns[i].codes[row];
        return code == kMissingCode ? std::string("—") : table.columns[i].labels[code];
      };
      std::string scope;
      for (std::size_t i : categories) {
        if (i == metric) continue;
        if (!scope.empty()) scope += " · ";
        scope += label(i);
      }
      out.push_back({key, &value, std::vector<char>(table.rows.used, 0), group, label(touchpoint),
                     label(metric), scope, is_stock(label(metric))});
    }
    out[it->second].rows[row] = 1;
  }
  // By name, not by the rows' order (a file's and its cells' differ).
  std::sort(out.begin(), out.end(),
            [](const Series& a, const Series& b) { return a.name < b.name; });
  if (out.size() > 60) out.resize(60);  // a readable report; the rest is in the table
  return out;
}

json number(double v) {
  return number_or_null(v);
}

}  // namespace

Projection project_year(double total, int covered_days, int days_in_year,
                        const std::vector<std::pair<int, double>>& earlier_shares) {
  Projection p;
  p.run_rate = covered_days > 0 ? total * days_in_year / covered_days : stats::kNaN;
  double share = 0;
  for (const auto& [year, s] : earlier_shares) {
    share += s;
    p.seasonal_years.push_back(year);
  }
  if (earlier_shares.empty() || share <= 0) {
    p.seasonal = stats::kNaN;
    return p;
  }
  p.seasonal_share = share / static_cast<double>(earlier_shares.size());
  p.seasonal = total / p.seasonal_share;
  return p;
}

std::optional<VolumesLayout> volumes_layout(const table::Table& table,
                                            const std::vector<ColumnRole>& roles) {
  std::vector<bool> used(table.columns.size(), false);
  const std::optional<Period> period = find_period(table, roles, used);
  if (!period) return {};
  std::string form;
  VolumesLayout layout;
  const std::vector<Series> series = find_series(table, roles, used, form, layout.categories);
  if (series.empty()) return {};
  layout.period_columns = period->columns;
  layout.daily = period->granularity == "day";
  for (const Series& se : series)
    if (se.measure && std::find(layout.measures.begin(), layout.measures.end(), se.measure->name) ==
                          layout.measures.end())
      layout.measures.push_back(se.measure->name);
  return layout;
}

json volumes_report(const table::Table& table, const std::vector<ColumnRole>& roles,
                    const Config& config) {
  (void)config;
  std::vector<bool> used(table.columns.size(), false);
  const std::optional<Period> period = find_period(table, roles, used);
  if (!period) return nullptr;
  std::string form;
  std::vector<std::string> split_by;
  const std::vector<Series> series = find_series(table, roles, used, form, split_by);
  if (series.empty()) return nullptr;
  const std::size_t rows = table.rows.used;
  const bool daily = period->granularity == "day";

  // The last point in time with data: the partial-year question hangs on it.
  int last_year = 0, last_month = 0;
  std::int64_t last_day = std::numeric_limits<std::int64_t>::min();
  for (std::size_t row = 0; row < rows; ++row) {
    if (!period->year[row]) continue;
    const int y = period->year[row], m = period->month[row];
    if (y > last_year || (y == last_year && m > last_month)) {
      last_year = y;
      last_month = m;
    }
    if (daily) last_day = std::max(last_day, period->day[row]);
  }
  if (last_year == 0) return nullptr;  // no row has a usable period
  if (!daily) last_day = 0;
  const table::CivilDate last_date = table::civil_from_days(last_day);
  const int covered_days =
      daily ? static_cast<int>(last_day - *table::days_from_civil(last_year, 1, 1)) + 1
            : month_end_day(last_year, last_month);
  const bool partial = covered_days < year_days(last_year);

  json series_json = json::array();
  std::map<int, std::vector<double>> year_totals;  // year -> total of each series
  std::set<std::int64_t> all_months;
  std::vector<std::map<std::int64_t, double>> monthly(series.size());
  for (std::size_t s = 0; s < series.size(); ++s) {
    const Series& se = series[s];
    std::map<int, double> totals, same_period;
    std::map<int, std::set<int>> months_seen;
    for (std::size_t row = 0; row < rows; ++row) {
      if (!period->year[row] || (!se.rows.empty() && !se.rows[row])) continue;
      const double v = value_of(table, se, row);
      if (std::isnan(v)) continue;
      const int y = period->year[row], m = period->month[row];
      totals[y] += v;
      months_seen[y].insert(m);
      const std::int64_t key = static_cast<std::int64_t>(y) * 12 + (m - 1);
      monthly[s][key] += v;
      all_months.insert(key);
      // The same stretch of the year as the last year covers.
      const bool within =
          daily ? (table::civil_from_days(period->day[row]).month < last_date.month ||
                   (table::civil_from_days(period->day[row]).month == last_date.month &&
                    table::civil_from_days(period->day[row]).day <= last_date.day))
                : m <= last_month;
      if (within) same_period[y] += v;
    }
    if (se.stock) {  // a level: the year is its last month's value
      for (auto& [y, t] : totals) {
        std::int64_t last = -1;
        for (const auto& [key, value] : monthly[s])
          if (key / 12 == y) last = std::max(last, key);
        t = monthly[s][last];
        const auto same = monthly[s].find(static_cast<std::int64_t>(y) * 12 + last_month - 1);
        if (same != monthly[s].end()) same_period[y] = same->second;
      }
    }
    json years = json::array();
    double total = 0;
    std::vector<std::pair<int, double>>
        shares;  // earlier complete years: share of the same stretch
    double previous = stats::kNaN;
    int previous_year = 0;
    for (const auto& [y, t] : totals) {
      total += t;
      const std::size_t periods_in_year = period->granularity == "quarter" ? 4 : 12;
      const bool complete =
          !(y == last_year && partial) &&
          (period->granularity == "year" || months_seen[y].size() == periods_in_year);
      json yj = {
          {"year", y}, {"total", t}, {"months", months_seen[y].size()}, {"complete", complete}};
      if ((complete || se.stock) && std::isfinite(previous) && previous_year == y - 1 &&
          previous != 0)
        yj["change"] = (t - previous) / previous;
      if (y == last_year && partial && !se.stock) {
        const auto prior = same_period.find(y - 1);
        if (prior != same_period.end() && prior->second != 0)
          yj["same_period"] = {
              {"through", daily ? table::format_date(last_day)
                                : table::format_month(static_cast<std::int64_t>(last_year) * 12 +
                                                      last_month - 1)},
              {"value", t},
              {"previous_year", y - 1},
              {"previous", prior->second},
              {"change", (t - prior->second) / prior->second}};
        const Projection p = project_year(t, covered_days, year_days(y), shares);
        const double low =
            std::isfinite(p.seasonal) ? std::min(p.run_rate, p.seasonal) : p.run_rate;
        const double high =
            std::isfinite(p.seasonal) ? std::max(p.run_rate, p.seasonal) : p.run_rate;
        json projection = {
            {"covered_days", covered_days},
            {"year_days", year_days(y)},
            {"run_rate", number(p.run_rate)},
            {"run_rate_method", "the total scaled by days in the year / days covered"},
            {"seasonal", number(p.seasonal)},
            {"seasonal_share", number(p.seasonal_share)},
            {"seasonal_years", p.seasonal_years},
            {"seasonal_method",
             "the total divided by the mean share the same stretch of the year had in the earlier "
             "complete years"},
            {"range", {low, high}}};
        if (std::isfinite(previous) && previous_year == y - 1 && previous != 0)
          projection["change_range"] = {(low - previous) / previous, (high - previous) / previous};
        yj["projection"] = std::move(projection);
      }
      if (complete && same_period.count(y) && t > 0) shares.emplace_back(y, same_period[y] / t);
      years.push_back(std::move(yj));
      if (complete || y != last_year || se.stock) {
        previous = t;
        previous_year = y;
      }
      auto& list = year_totals[y];
      list.resize(series.size(), 0.0);
      list[s] = t;
    }
    series_json.push_back({{"name", se.name},
                           {"column", se.measure ? json(se.measure->name) : json(nullptr)},
                           {"kind", se.stock ? "stock" : "flow"},
                           {"total", se.stock ? json(nullptr) : json(total)},
                           {"years", std::move(years)}});
  }
  // Monthly values of every series (null where a series has no data).
  json months = json::array();
  for (std::int64_t m : all_months) months.push_back(table::format_month(m));
  json monthly_json = json::array();
  for (std::size_t s = 0; s < series.size(); ++s) {
    json values = json::array();
    for (std::int64_t m : all_months) {
      auto it = monthly[s].find(m);
      values.push_back(it == monthly[s].end() ? json(nullptr) : json(it->second));
    }
    monthly_json.push_back({{"name", series[s].name}, {"values", std::move(values)}});
  }
  // The mix: within each group of series sharing a unit, each one's share
  // of the group's total, per year.
  std::vector<std::string> groups;
  for (const Series& se : series)
    if (std::find(groups.begin(), groups.end(), se.group) == groups.end())
      groups.push_back(se.group);
  json mix_groups = json::array();
  for (const std::string& group : groups) {
    std::vector<std::size_t> members;
    for (std::size_t s = 0; s < series.size(); ++s)
      if (series[s].group == group) members.push_back(s);
    if (members.size() < 2) continue;
    json names = json::array(), years = json::array();
    for (std::size_t s : members) names.push_back(series[s].name);
    for (const auto& [y, totals] : year_totals) {
      double sum = 0;
      for (std::size_t s : members) sum += totals[s];
      json shares = json::array();
      for (std::size_t s : members)
        shares.push_back(sum > 0 ? json(totals[s] / sum) : json(nullptr));
      years.push_back(
          {{"year", y}, {"partial", y == last_year && partial}, {"shares", std::move(shares)}});
    }
    mix_groups.push_back(
        {{"name", group}, {"series", std::move(names)}, {"years", std::move(years)}});
  }
  // Derived ratios where both parts are in the same touchpoint: interactions
  // per view, logins per download, physical accesses per booking.
  struct RatioDefinition {
    const char* name;
    std::vector<std::string> numerator, denominator;
  };
  static const std::vector<RatioDefinition> kRatios = {
      {"engagement",
       {"interazion", "interaction", "engagement"},
       {"visualizzazion", "views", "impression"}},
      {"logins_per_download", {"login"}, {"download"}},
      {"accesses_per_booking", {"accessi", "accesso", "access"}, {"prenotazion", "booking"}}};
  // Scopes: each touchpoint (its sub-channels summed), then each sub-channel.
  std::vector<std::pair<bool, std::string>> scopes;
  for (const Series& se : series)
    if (std::find(scopes.begin(), scopes.end(), std::make_pair(false, se.touchpoint)) ==
        scopes.end())
      scopes.emplace_back(false, se.touchpoint);
  for (const Series& se : series)
    if (!se.scope.empty() && se.scope != se.touchpoint &&
        std::find(scopes.begin(), scopes.end(), std::make_pair(true, se.scope)) == scopes.end())
      scopes.emplace_back(true, se.scope);
  json ratios = json::array();
  std::set<std::string> signatures;
  for (const auto& [by_scope, touchpoint] : scopes) {
    for (const RatioDefinition& r : kRatios) {
      std::vector<std::size_t> num, den;
      for (std::size_t s = 0; s < series.size(); ++s) {
        if ((by_scope ? series[s].scope : series[s].touchpoint) != touchpoint || series[s].stock)
          continue;
        const std::string metric = normalize_header(series[s].metric);
        if (header_has_stem(metric, r.numerator))
          num.push_back(s);
        else if (header_has_stem(metric, r.denominator))
          den.push_back(s);
      }
      if (num.empty() || den.empty()) continue;
      // A sub-channel that is the whole touchpoint repeats its ratio: once is enough.
      std::string signature = r.name;
      for (std::size_t s : num) signature += "+" + std::to_string(s);
      for (std::size_t s : den) signature += "/" + std::to_string(s);
      if (!signatures.insert(signature).second) continue;
      json names_num = json::array(), names_den = json::array(), years = json::array();
      for (std::size_t s : num) names_num.push_back(series[s].name);
      for (std::size_t s : den) names_den.push_back(series[s].name);
      for (const auto& [y, totals] : year_totals) {
        double a = 0, b = 0;
        for (std::size_t s : num) a += totals[s];
        for (std::size_t s : den) b += totals[s];
        years.push_back({{"year", y},
                         {"partial", y == last_year && partial},
                         {"value", b > 0 ? json(a / b) : json(nullptr)}});
      }
      ratios.push_back({{"name", r.name},
                        {"scope", touchpoint},
                        {"numerator", std::move(names_num)},
                        {"denominator", std::move(names_den)},
                        {"years", std::move(years)}});
    }
  }
  // Daily values, for a calendar of a daily series (at most 3 series).
  json daily_json = nullptr;
  if (daily) {
    daily_json = json::array();
    std::int64_t first_day = last_day;
    for (std::size_t row = 0; row < rows; ++row)
      if (period->year[row]) first_day = std::min(first_day, period->day[row]);
    first_day =
        std::max(first_day, last_day - 3699);  // the calendar shows the last ten years at most
    for (std::size_t s = 0; s < series.size() && s < 3; ++s) {
      std::vector<double> values(static_cast<std::size_t>(last_day - first_day + 1), 0.0);
      std::vector<bool> seen(values.size(), false);
      for (std::size_t row = 0; row < rows; ++row) {
        if (!period->year[row] || (!series[s].rows.empty() && !series[s].rows[row])) continue;
        if (period->day[row] < first_day) continue;
        const double v = value_of(table, series[s], row);
        if (std::isnan(v)) continue;
        values[static_cast<std::size_t>(period->day[row] - first_day)] += v;
        seen[static_cast<std::size_t>(period->day[row] - first_day)] = true;
      }
      json list = json::array();
      for (std::size_t k = 0; k < values.size(); ++k)
        list.push_back(seen[k] ? json(values[k]) : json(nullptr));
      daily_json.push_back({{"name", series[s].name},
                            {"first", table::format_date(first_day)},
                            {"values", std::move(list)}});
    }
  }
  return {{"period",
           {{"granularity", period->granularity},
            {"source", period->source},
            {"source_code", period->source_code},
            {"columns", period->columns},
            {"last", daily ? json(table::format_date(last_day))
                           : json(table::format_month(static_cast<std::int64_t>(last_year) * 12 +
                                                      last_month - 1))},
            {"partial_last_year", partial}}},
          {"form", form},
          {"split_by", split_by},
          {"series", std::move(series_json)},
          {"monthly", {{"months", std::move(months)}, {"series", std::move(monthly_json)}}},
          {"mix",
           {{"note",
             "each series' share of its group's total (same touchpoint and "
             "metric, or every column of a wide table), per year"},
            {"groups", std::move(mix_groups)}}},
          {"ratios", std::move(ratios)},
          {"daily", std::move(daily_json)}};
}

}  // namespace ascolto::report
