#include "cells/survey_sums.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

namespace ascolto::cells {

namespace {

using report::SurveyStructure;

struct PartName {
  SurveyPart part;
  const char* name;
  bool has_value;
};
constexpr PartName kParts[] = {{SurveyPart::overall, "overall", false},
                               {SurveyPart::outcome, "outcome", true},
                               {SurveyPart::item, "item", false},
                               {SurveyPart::yes_no, "yesno", false},
                               {SurveyPart::choice, "choice", true},
                               {SurveyPart::option, "option", true},
                               {SurveyPart::option_column, "optioncol", true},
                               {SurveyPart::index, "index", false},
                               {SurveyPart::phase, "phase", false},
                               {SurveyPart::channel, "channel", false},
                               {SurveyPart::pair, "pair", false}};

const PartName* part_named(const std::string& name) {
  for (const PartName& p : kParts)
    if (name == p.name) return &p;
  return nullptr;
}

const PartName& part_info(SurveyPart part) {
  for (const PartName& p : kParts)
    if (p.part == part) return p;
  return kParts[0];
}

bool is_rating(SurveyPart p) {
  return p == SurveyPart::overall || p == SurveyPart::item;
}

// "4_n", "4_w", "4_w2": the level and which sum.
bool level_sum(const std::string& sum, double& level, std::string& which) {
  const std::size_t at = sum.rfind('_');
  if (at == std::string::npos || at == 0) return false;
  which = sum.substr(at + 1);
  if (which != "n" && which != "w" && which != "w2") return false;
  const std::string number = sum.substr(0, at);
  char* end = nullptr;
  level = std::strtod(number.c_str(), &end);
  return end && *end == '\0' && std::isfinite(level);
}

std::vector<std::string> split_parts(const std::string& header) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (;;) {
    const std::size_t at = header.find("__", from);
    out.push_back(header.substr(from, at == std::string::npos ? std::string::npos : at - from));
    if (at == std::string::npos) return out;
    from = at + 2;
  }
}

std::string join_parts(const std::vector<std::string>& parts, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += (i > from ? "__" : "") + parts[i];
  return out;
}

// The element of `list` that `matches`, appended from `make()` when none does.
template <typename T, typename Match, typename Make>
T& find_or_append(std::vector<T>& list, Match matches, Make make) {
  const auto it = std::find_if(list.begin(), list.end(), matches);
  if (it != list.end()) return *it;
  list.push_back(make());
  return list.back();
}

// The sums of one variable, as columns of the cells file.
struct Family {
  SumColumn key;
  std::map<std::string, const table::Column*> sums;
};

}  // namespace

std::string sum_column_name(SurveyPart part, const std::string& name, const std::string& value,
                            const std::string& sum) {
  const PartName& p = part_info(part);
  return std::string(p.name) + "__" + name + (p.has_value ? "__" + value : "") + "__" + sum;
}

const std::vector<std::string>& moment_sums(bool weighted) {
  static const std::vector<std::string> all = {"n",  "y",   "y2",   "w",  "wy",
                                               "w2", "w2y", "w2y2", "wy2"};
  static const std::vector<std::string> counts = {"n", "y", "y2"};
  return weighted ? all : counts;
}

const std::vector<std::string>& pair_sums(bool weighted) {
  static const std::vector<std::string> all = {"n", "w", "wx", "wy", "wx2", "wy2", "wxy"};
  static const std::vector<std::string> counts = {"n", "x", "y", "x2", "y2", "xy"};
  return weighted ? all : counts;
}

std::optional<SumColumn> parse_sum_column(const std::string& header) {
  const std::vector<std::string> parts = split_parts(header);
  if (parts.size() < 3) return {};
  const PartName* p = part_named(parts[0]);
  if (!p || parts.size() < (p->has_value ? 4u : 3u)) return {};
  SumColumn out;
  out.part = p->part;
  out.sum = parts.back();
  const std::size_t last = parts.size() - 1;
  out.name = p->has_value ? parts[1] : join_parts(parts, 1, last);
  if (p->has_value) out.value = join_parts(parts, 2, last);
  if (out.name.empty()) return {};
  double level;
  std::string which;
  auto among = [&](const std::vector<std::string>& list) {
    return std::find(list.begin(), list.end(), out.sum) != list.end();
  };
  const bool valid = is_rating(out.part) ? level_sum(out.sum, level, which)
                     : out.part == SurveyPart::pair
                         ? among(pair_sums(true)) || among(pair_sums(false))
                         : among(moment_sums(true));
  if (!valid) return {};
  return out;
}

bool is_survey_sum(const std::string& header) {
  return header == kWeightSum || header == kWeightSquares || parse_sum_column(header).has_value();
}

bool has_weight_sums(const table::Table& table) {
  const table::Column* w = table.find(kWeightSum);
  const table::Column* w2 = table.find(kWeightSquares);
  return w && w2 && w->numbers.size() == table.rows.used && w2->numbers.size() == table.rows.used;
}

void cell_weight_sums(const table::Table& table, const std::vector<double>* record_weights,
                      std::vector<double>& sum_w, std::vector<double>& sum_w2, bool& weighted) {
  const std::size_t rows = table.rows.used;
  const bool sums = has_weight_sums(table);
  const table::Column* w = table.find(kWeightSum);
  const table::Column* w2 = table.find(kWeightSquares);
  const bool key = !sums && record_weights && record_weights->size() == rows;
  weighted = sums || key;
  sum_w.assign(rows, 0.0);
  sum_w2.assign(rows, 0.0);
  for (std::size_t row = 0; row < rows; ++row) {
    const double k = static_cast<double>(table.frequency(row));
    const double record = key ? (*record_weights)[row] : 1.0;
    sum_w[row] = sums ? w->numbers[row] : k * record;
    sum_w2[row] = sums ? w2->numbers[row] : k * record * record;
    // A cell without records, or without a usable weight sum, is out of the design.
    if (k == 0 || !(sum_w[row] > 0) || std::isnan(sum_w2[row])) sum_w[row] = stats::kNaN;
  }
}

SurveyStructure survey_structure_of_cells(const table::Table& table,
                                          const std::vector<report::ColumnRole>& roles,
                                          const report::Config& config, Warnings& warnings) {
  // The keys give the wave and the profile; the sums (whose role keeps them
  // out of survey_structure) give the rest.
  // Without sums (a rating kept as a key) the keys are read as microdata,
  // each row standing for its count.
  const bool any_sum = std::any_of(table.columns.begin(), table.columns.end(),
                                   [](const table::Column& c) { return parse_sum_column(c.name); });
  report::Config keys_only = config;
  if (any_sum) {
    keys_only.survey.overall.clear();
    keys_only.survey.indices.clear();
  }
  SurveyStructure s = report::survey_structure(table, roles, keys_only, warnings);
  s.from_cells = true;
  s.free_text.clear();
  if (!any_sum) return s;
  const std::size_t rows = table.rows.used;
  const bool weighted = has_weight_sums(table);

  std::vector<Family> families;
  for (const table::Column& c : table.columns) {
    const auto parsed = parse_sum_column(c.name);
    if (!parsed) continue;
    Family& family = find_or_append(
        families,
        [&](const Family& f) {
          return f.key.part == parsed->part && f.key.name == parsed->name &&
                 f.key.value == parsed->value;
        },
        [&] {
          return Family{*parsed, {}};
        });
    family.sums[parsed->sum] = &c;
  }
  auto numbers = [&](const Family& f, const std::string& sum, std::vector<double>& out) {
    const auto it = f.sums.find(sum);
    out.assign(rows, 0.0);
    if (it == f.sums.end() || it->second->numbers.size() != rows) {
      warnings.add(
          "cells_sum_missing", sum_column_name(f.key.part, f.key.name, f.key.value, sum), 0,
          "A sum of the survey cells is missing or not numeric: the variable is left out.");
      return false;
    }
    for (std::size_t row = 0; row < rows; ++row) {
      const double v = it->second->numbers[row];
      out[row] = std::isnan(v) ? 0.0 : v;  // an engine's SUM over no rows is NULL
    }
    return true;
  };
  auto moments = [&](const Family& f, stats::RowSums& out) {
    bool ok = numbers(f, "n", out.n) && numbers(f, "y", out.y);
    std::vector<double> y2;
    if (!weighted) {
      ok = ok && numbers(f, "y2", y2);
      out.w = out.n;
      out.wy = out.y;
      out.w2 = out.n;
      out.w2y = out.y;
      out.w2y2 = y2;
      out.wy2 = y2;
      return ok;
    }
    ok = ok && numbers(f, "w", out.w) && numbers(f, "wy", out.wy) && numbers(f, "w2", out.w2) &&
         numbers(f, "w2y", out.w2y) && numbers(f, "w2y2", out.w2y2);
    // Σwy² came with the territorial funnels: cells written before lack it.
    if (ok && f.sums.count("wy2")) ok = numbers(f, "wy2", out.wy2);
    return ok;
  };
  auto levels = [&](const Family& f, report::RatingLevels& out) {
    std::vector<double> found;
    for (const auto& [sum, column] : f.sums) {
      double level;
      std::string which;
      if (level_sum(sum, level, which) && which == "n") found.push_back(level);
    }
    std::sort(found.begin(), found.end());
    bool ok = !found.empty();
    for (double level : found) {
      char text[32];
      std::snprintf(text, sizeof text, "%.15g", level);
      const std::string l = text;
      out.levels.push_back(level);
      out.n.emplace_back();
      out.w.emplace_back();
      out.w2.emplace_back();
      ok = ok && numbers(f, l + "_n", out.n.back());
      if (weighted) {
        ok = ok && numbers(f, l + "_w", out.w.back()) && numbers(f, l + "_w2", out.w2.back());
      } else {
        out.w.back() = out.n.back();
        out.w2.back() = out.n.back();
      }
    }
    return ok;
  };

  for (const Family& f : families) {
    switch (f.key.part) {
      case SurveyPart::overall:
      case SurveyPart::item: {
        report::RatingLevels l;
        if (!levels(f, l)) break;
        const report::RatingScale scale{l.levels.front(), l.levels.back(), {}};
        if (f.key.part == SurveyPart::overall) {
          report::Outcome o;
          o.column = f.key.name;
          o.reason = "the overall rating of the cells";
          o.scale = scale;
          o.sums = l.sums();
          o.levels = std::move(l);
          s.overall = std::move(o);
        } else {
          report::SurveyItem item;
          item.column = f.key.name;
          item.scale = scale;
          item.sums = l.sums();
          item.levels = std::move(l);
          report::assign_phase_channel(item, config);
          s.items.push_back(std::move(item));
        }
        break;
      }
      case SurveyPart::outcome: {
        report::Outcome o;
        o.column = f.key.name;
        o.reason = "the two-valued overall outcome of the cells; \"" + f.key.value +
                   "\" counted as satisfied";
        o.binary = true;
        o.positive = f.key.value;
        o.scale = report::RatingScale{0, 1, {}};
        if (moments(f, o.sums)) s.overall = std::move(o);
        break;
      }
      case SurveyPart::yes_no: {
        report::YesNoItem item{f.key.name, {}, {}};
        if (moments(f, item.sums)) s.yes_no.push_back(std::move(item));
        break;
      }
      case SurveyPart::choice: {
        stats::RowSums sums;
        if (!moments(f, sums)) break;
        report::Grouping& g = find_or_append(
            s.single_choice, [&](const report::Grouping& x) { return x.name == f.key.name; },
            [&] {
              return report::Grouping{f.key.name, "a channel or main-choice header", {}, {}, {}};
            });
        g.labels.push_back(f.key.value);
        g.member_sums.push_back(std::move(sums));
        break;
      }
      case SurveyPart::option:
      case SurveyPart::option_column: {
        stats::RowSums sums;
        if (!moments(f, sums)) break;
        const bool columns = f.key.part == SurveyPart::option_column;
        report::MultiResponse& m = find_or_append(
            s.multi_response, [&](const report::MultiResponse& x) { return x.name == f.key.name; },
            [&] {
              report::MultiResponse fresh;
              fresh.name = f.key.name;
              fresh.source = columns ? "columns" : "delimited";
              return fresh;
            });
        m.options.push_back(columns ? report::option_of_header(f.key.value).second : f.key.value);
        if (columns) m.columns.push_back(f.key.value);
        m.option_sums.push_back(std::move(sums));
        break;
      }
      case SurveyPart::phase:
      case SurveyPart::channel: {
        stats::RowSums sums;
        if (!moments(f, sums)) break;
        (f.key.part == SurveyPart::phase ? s.phase_sums : s.channel_sums)
            .emplace_back(f.key.name, std::move(sums));
        break;
      }
      case SurveyPart::index:
      case SurveyPart::pair:
        break;  // below, once the items are known
    }
  }
  // Each item's sums with the overall outcome (the drivers).
  for (const Family& f : families) {
    if (f.key.part != SurveyPart::pair) continue;
    const auto item =
        std::find_if(s.items.begin(), s.items.end(),
                     [&](const report::SurveyItem& i) { return i.column == f.key.name; });
    if (item == s.items.end()) continue;
    report::PairSums p;
    const bool ok = weighted
                        ? numbers(f, "n", p.n) && numbers(f, "w", p.w) && numbers(f, "wx", p.wx) &&
                              numbers(f, "wy", p.wy) && numbers(f, "wx2", p.wx2) &&
                              numbers(f, "wy2", p.wy2) && numbers(f, "wxy", p.wxy)
                        : numbers(f, "n", p.n) && numbers(f, "x", p.wx) && numbers(f, "y", p.wy) &&
                              numbers(f, "x2", p.wx2) && numbers(f, "y2", p.wy2) &&
                              numbers(f, "xy", p.wxy);
    if (!weighted) p.w = p.n;
    if (ok) item->pair = std::move(p);
  }
  // A category the sample did not have is in each label's base (answered)
  // but in no label: the distribution would fall short of 100% in silence.
  for (const report::Grouping& g : s.single_choice) {
    if (g.member_sums.empty()) continue;
    double unseen = 0;
    for (std::size_t row = 0; row < table.rows.used; ++row) {
      double known = 0;
      for (const stats::RowSums& member : g.member_sums) known += member.y[row];
      unseen += g.member_sums.front().n[row] - known;
    }
    if (unseen >= 0.5)
      warnings.add("unseen_categories", g.name, 0,
                   std::to_string(static_cast<std::uint64_t>(std::llround(unseen))) +
                       " records answer with a category the query's sample did not have: they "
                       "are in the question's base but in none of its categories. Write the "
                       "query from a sample with every category.");
  }
  s.journey_source = report::journey_source(s.items);
  for (report::CompositeIndex& index : report::index_definitions(s.items, config, warnings)) {
    const auto f = std::find_if(families.begin(), families.end(), [&](const Family& x) {
      return x.key.part == SurveyPart::index && x.key.name == index.name;
    });
    if (f != families.end() && moments(*f, index.sums)) s.indices.push_back(std::move(index));
  }
  return s;
}

}  // namespace ascolto::cells
