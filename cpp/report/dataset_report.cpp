#include "report/dataset_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "cells/contract.hpp"
#include "cells/survey_sums.hpp"
#include "csv/dialect.hpp"
#include "report/estimate_json.hpp"
#include "report/media_report.hpp"
#include "report/ratings.hpp"
#include "report/roles.hpp"
#include "report/survey_report.hpp"
#include "report/volumes_report.hpp"
#include "stats/estimate.hpp"
#include "summary/sintesi.hpp"

namespace ascolto::report {

namespace {

using json = nlohmann::ordered_json;
using table::Column;
using table::ColumnType;

constexpr std::size_t kTopCategories = 10;
const std::vector<double> kNoWeights;  // a sample's weights when all are 1

json sheet_json(const spreadsheet::SheetFacts& s) {
  return {{"workbook", s.workbook},
          {"format", s.format},
          {"name", s.sheet},
          {"first_column", s.first_column},
          {"rows", s.last_row},
          {"hidden_rows", s.hidden_rows},
          {"hidden_columns", s.hidden_columns},
          {"merged_cells", s.merged_cells},
          {"error_cells", s.error_cells},
          {"formulas_without_value", s.formulas_without_value},
          {"cells_outside", s.cells_outside},
          {"date_system", s.date_system.empty() ? json(nullptr) : json(s.date_system)}};
}

json file_json(const std::string& name, const csv::FileInfo& f, const table::Table& table,
               const spreadsheet::SheetFacts* sheet) {
  json out = {{"name", name},
              {"bytes", f.bytes},
              {"encoding", csv::encoding_name(f.encoding)},
              {"encoding_reason", f.encoding_reason},
              {"replaced_bytes", f.replaced_bytes},
              {"delimiter", std::string(1, f.delimiter)},
              {"delimiter_name", csv::delimiter_name(f.delimiter)},
              {"delimiter_reason", f.delimiter_reason},
              {"header", f.header},
              {"header_reason", f.header_reason},
              {"line_ending", f.line_ending},
              {"lines", f.lines},
              {"blank_lines", f.blank_lines},
              {"stray_quotes", f.stray_quotes},
              {"preamble", {{"lines", f.preamble.records}, {"first", f.preamble.first}}},
              {"footer", {{"lines", table.rows.footer}, {"first", table.footer_first()}}},
              {"threads", table.reading_threads}};
  if (sheet) out["sheet"] = sheet_json(*sheet);
  return out;
}

// read = used + rejected + preamble + footer.
json rows_json(const table::RowCounts& rows, std::uint64_t preamble, const Warnings& warnings) {
  json by_reason = json::object();
  for (const char* reason : {"too_few_fields", "too_many_fields", "empty_row"}) {
    const std::uint64_t count = warnings.count(reason);
    if (count) by_reason[reason] = count;
  }
  return {{"read", rows.read + preamble}, {"used", rows.used},
          {"rejected", rows.rejected},    {"preamble", preamble},
          {"footer", rows.footer},        {"rejected_by_reason", by_reason}};
}

std::uint64_t preamble_lines(const std::vector<csv::FileInfo>& files) {
  std::uint64_t lines = 0;
  for (const csv::FileInfo& f : files) lines += f.preamble.records;
  return lines;
}

// Each file of a dataset read from several: how it was read, its rows,
// and the first line it has in the dataset's numbering of lines.
json parts_json(const table::Table& table, const std::vector<csv::FileInfo>& files) {
  json out = json::array();
  for (std::size_t i = 0; i < table.parts.size() && i < files.size(); ++i) {
    const table::Part& part = table.parts[i];
    const csv::FileInfo& f = files[i];
    out.push_back({{"name", part.name},
                   {"bytes", f.bytes},
                   {"encoding", csv::encoding_name(f.encoding)},
                   {"delimiter", std::string(1, f.delimiter)},
                   {"first_line", part.first_line},
                   {"lines", f.lines},
                   {"rows",
                    {{"read", part.rows.read + f.preamble.records},
                     {"used", part.rows.used},
                     {"rejected", part.rows.rejected},
                     {"preamble", f.preamble.records},
                     {"footer", part.rows.footer}}}});
  }
  return out;
}

json warnings_json(const Warnings& warnings) {
  json out = json::array();
  for (const Warning& w : warnings.list()) {
    json item = {{"code", w.code},
                 {"message", w.message},
                 {"count", w.count},
                 {"first_lines", w.first_lines}};
    if (!w.column.empty()) item["column"] = w.column;
    out.push_back(std::move(item));
  }
  return out;
}

// Formats a stored number back to what it means (dates as ISO text).
json display_value(const Column& c, double v) {
  if (std::isnan(v)) return nullptr;
  switch (c.type) {
    case ColumnType::date:
      return table::format_date(static_cast<std::int64_t>(v));
    case ColumnType::datetime: {
      std::string text;
      table::render_canonical(v, table::CanonicalShape::datetime_t, text);
      return text;
    }
    case ColumnType::month:
      return table::format_month(static_cast<std::int64_t>(v));
    default:
      return v;
  }
}

// [lo, hi] widened to v; a NaN leaves both (std::min/max keep their first
// argument).
void widen(double& lo, double& hi, double v) {
  lo = std::min(lo, v);
  hi = std::max(hi, v);
}

// [lo, hi] widened to every value, in four pairs of bounds, each over every
// fourth value: with one pair, each row's min and max waited on the row
// before's.
void widen_range(const std::vector<double>& values, double& lo, double& hi) {
  constexpr std::size_t kLanes = 4;
  std::array<double, kLanes> low, high;
  low.fill(lo);
  high.fill(hi);
  std::size_t i = 0;
  for (; i + kLanes <= values.size(); i += kLanes)
    for (std::size_t k = 0; k < kLanes; ++k) widen(low[k], high[k], values[i + k]);
  for (; i < values.size(); ++i) widen(low[0], high[0], values[i]);
  for (std::size_t k = 0; k < kLanes; ++k) {  // a lane's own bounds: an unused one is still empty
    lo = std::min(lo, low[k]);
    hi = std::max(hi, high[k]);
  }
}

// Counts, means and sums are of records: a cells file's row counts as its
// count (table.frequency); "missing" and "invalid" stay counts of the file's rows.
json column_json(const table::Table& table, const Column& c, const ColumnRole& role,
                 std::size_t index, const Disclosure& disclosure) {
  json out = {{"name", c.name},
              {"index", index},
              {"type", table::column_type_name(c.type)},
              {"type_reason", c.type_reason},
              {"role", role_name(role.role)},
              {"role_reason", role.reason},
              {"missing", c.missing},
              {"invalid", c.invalid}};
  if (!c.format.empty()) out["format"] = c.format;
  if (c.ambiguous_dates) out["ambiguous_dates"] = true;
  // One of a survey cells file's hundreds of sums: the page lists the keys.
  if (table.aggregated() && cells::is_survey_sum(c.name)) out["cell_sum"] = true;
  if (table::is_numeric_type(c.type)) {
    double lo = INFINITY, hi = -INFINITY;
    if (!table.aggregated()) {
      widen_range(c.numbers, lo, hi);
    } else {  // a cells file's row for no record is left out
      for (std::size_t row = 0; row < c.numbers.size(); ++row)
        if (table.frequency(row) > 0) widen(lo, hi, c.numbers[row]);
    }
    if (lo <= hi) {
      out["min"] = display_value(c, lo);
      out["max"] = display_value(c, hi);
    }
    const bool measure =
        role.role != Role::identifier && role.role != Role::period && role.role != Role::count;
    if (measure && (c.type == ColumnType::integer || c.type == ColumnType::decimal ||
                    c.type == ColumnType::boolean)) {
      if (table.aggregated()) {  // the same estimate over the records the cells stand for
        stats::MeanSums sums;
        for (std::size_t row = 0; row < c.numbers.size(); ++row)
          if (!std::isnan(c.numbers[row])) sums.add(1.0, c.numbers[row], table.frequency(row));
        out["mean"] =
            estimate_json(stats::mean_from_sums(sums, false, table.records()), disclosure);
      } else {
        out["mean"] = estimate_json(stats::mean({c.numbers, {}, c.size()}), disclosure);
      }
    }
    // Counts such as population or contacts add up; a rating, a code or a
    // share does not. A cells file's count adds to the records.
    if ((role.role == Role::none || role.role == Role::count) && !c.percent &&
        (c.type == ColumnType::integer || c.type == ColumnType::decimal)) {
      const bool count = role.role == Role::count;
      double sum = 0;
      for (std::size_t row = 0; row < c.numbers.size(); ++row)
        if (!std::isnan(c.numbers[row]))
          sum += c.numbers[row] * (count ? 1.0 : static_cast<double>(table.frequency(row)));
      out["sum"] = sum;
    }
  } else if (c.type == ColumnType::categorical) {
    std::vector<std::uint64_t> counts;
    if (table.aggregated()) {
      counts.assign(c.labels.size(), 0);
      for (std::size_t row = 0; row < c.codes.size(); ++row)
        if (c.codes[row] != table::kMissingCode) counts[c.codes[row]] += table.frequency(row);
    } else {
      counts = c.codes.counts(c.labels.size());
    }
    std::vector<std::size_t> order(c.labels.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return counts[a] > counts[b]; });
    json top = json::array();
    for (std::size_t i = 0; i < order.size() && i < kTopCategories; ++i) {
      const std::uint64_t count = counts[order[i]];
      if (count < disclosure.min_base)
        top.push_back({{"value", c.labels[order[i]]}, {"suppressed", true}});
      else
        top.push_back({{"value", c.labels[order[i]]}, {"count", count}});
    }
    out["distinct"] = c.labels.size();
    out["top"] = std::move(top);
  } else if (c.type == ColumnType::text) {
    std::uint64_t filled = 0, length = 0;
    for (std::size_t row = 0; row < c.size(); ++row) {
      const std::size_t size = c.text(row).size();
      if (size) {
        filled += table.frequency(row);
        length += size * table.frequency(row);
      }
    }
    out["mean_length"] = filled ? static_cast<double>(length) / static_cast<double>(filled) : 0.0;
  }
  return out;
}

json rating_json(const Column& c, const RatingScale& scale, const Weights& weights,
                 const table::Table& table, Warnings& warnings, const Disclosure& disclosure) {
  RatingValues r = rating_values(c, scale, table, &warnings);
  const auto levels = static_cast<std::size_t>(scale.max - scale.min) + 1;
  // One pass for every share: the sums per point of the scale, and top/bottom 2.
  std::vector<std::uint64_t> counts(levels, 0);
  // Every level's share has the same base (n, Σw, Σw²): summed once, and
  // only the row's own level adds to its in-group sums.
  stats::ShareSums base;
  std::vector<std::array<double, 2>> in_level(levels, {0.0, 0.0});  // Σw, Σw² in the level
  stats::ShareSums top2, bottom2;
  stats::MeanSums cell_sums;  // a cells file's mean: from sums, each row counting its records
  // `count` records of rating `v` (level `level`) with weight `w`.
  const auto add = [&](double v, std::size_t level, double w, std::uint64_t count) {
    base.add(w, false, count);
    const double k = static_cast<double>(count);
    in_level[level][0] += k * w;
    in_level[level][1] += k * w * w;
    top2.add(w, scale.in_top_box(v), count);
    bottom2.add(w, scale.in_bottom_box(v), count);
    if (table.aggregated()) cell_sums.add(w, v, count);
  };
  if (!weights.present() && !table.aggregated()) {
    // One record each, weight 1: every sum is a count of rows, so the rows
    // are counted by level and each level added once with its count (the
    // same sums: whole numbers add exactly in a double, in any order).
    for (const double v : r.values)
      if (!std::isnan(v)) ++counts[static_cast<std::size_t>(v - scale.min)];
    for (std::size_t level = 0; level < levels; ++level)
      if (counts[level]) add(scale.min + static_cast<double>(level), level, 1.0, counts[level]);
  } else {
    for (std::size_t row = 0; row < r.values.size(); ++row) {
      const double v = r.values[row];
      if (std::isnan(v)) continue;
      const auto level = static_cast<std::size_t>(v - scale.min);
      const std::uint64_t count = table.frequency(row);
      counts[level] += count;
      const double w = weights.at(row);
      if (std::isnan(w)) continue;  // counted, but outside weighted estimates
      add(v, level, w, count);
    }
  }
  // Rows with a missing rating stay in the design, as svymean(na.rm = TRUE).
  const std::uint64_t rows = weights.design_rows;
  const stats::Estimate mean =
      table.aggregated()
          ? stats::mean_from_sums(cell_sums, weights.present(), rows)
          : stats::mean({r.values, weights.present() ? weights.values : kNoWeights, rows});
  const bool base_shown = mean.n >= disclosure.min_base;
  json distribution = json::array();
  for (std::size_t l = 0; l < levels; ++l) {
    stats::ShareSums at_level = base;
    at_level.w_in = in_level[l][0];
    at_level.w2_in = in_level[l][1];
    distribution.push_back(
        {{"level", scale.min + static_cast<double>(l)},
         // The count is shown whenever the share is: share x base would give it anyway.
         {"count", base_shown ? json(counts[l]) : json(nullptr)},
         {"share",
          estimate_json(stats::share_from_sums(at_level, weights.present(), rows), disclosure)}});
  }
  return {
      {"column", c.name},
      {"scale",
       [&] {
         auto s = scale_json(scale);
         s["not_applicable"] = scale.not_applicable;
         return s;
       }()},
      {"weighted", weights.present()},
      {"not_applicable", r.not_applicable},
      {"out_of_scale", r.out_of_scale},
      {"mean", estimate_json(mean, disclosure)},
      {"distribution", std::move(distribution)},
      {"top2", estimate_json(stats::share_from_sums(top2, weights.present(), rows), disclosure)},
      {"bottom2",
       estimate_json(stats::share_from_sums(bottom2, weights.present(), rows), disclosure)}};
}

}  // namespace

json error_json(const Error& error) {
  return {{"code", error_code_name(error.code)},
          {"message", error.message},
          {"line", error.line ? json(error.line) : json(nullptr)}};
}

json failed_dataset_json(const spreadsheet::SheetFacts* sheet, const std::string& name,
                         const Error& error, const csv::FileInfo& file, const table::Table& table,
                         const Warnings& warnings) {
  json out = {{"name", name}, {"error", error_json(error)}};
  if (!file.bytes) return out;
  out["file"] = file_json(name, file, table, sheet);
  out["rows"] = rows_json(table.rows, file.preamble.records, warnings);
  out["first_lines"] = file.first_lines;
  out["warnings"] = warnings_json(warnings);
  return out;
}

json dataset_report(const DatasetInput& in) {
  const table::Table& table = in.table;
  Warnings warnings = in.warnings;  // a copy: asking twice gives the same report
  const std::vector<ColumnRole>& roles = in.roles;
  KindGuess kind = detect_kind(table, roles);
  if (in.config.kind) kind = {*in.config.kind, "set in the configuration"};

  if (!in.config.weight.empty() && !table.find(in.config.weight))
    warnings.add("unknown_column", in.config.weight, 0,
                 "The weight column named in the configuration is not in the file.");
  for (const auto& [name, o] : in.config.columns)
    if (!table.find(name))
      warnings.add("unknown_column", name, 0,
                   "A column named in the configuration is not in the file.");

  const Weights weights = survey_weights(table, roles, &warnings);

  json personal = json::array();
  for (std::size_t i = 0; i < table.columns.size(); ++i)
    if (roles[i].role == Role::personal)
      personal.push_back({{"column", table.columns[i].name}, {"reason", roles[i].reason}});
  // The column summaries, one task a column, and the rating cards in one
  // task (they add warnings, in the columns' order).
  std::vector<json> column_summaries(table.columns.size());
  json ratings = json::array();
  std::vector<std::function<void()>> summaries;
  for (std::size_t i = 0; i < table.columns.size(); ++i)
    summaries.emplace_back([&, i] {
      column_summaries[i] = column_json(table, table.columns[i], roles[i], i, in.config.disclosure);
    });
  summaries.insert(summaries.begin(), [&] {
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      const Column& c = table.columns[i];
      if (roles[i].role == Role::rating && roles[i].scale && table::is_numeric_type(c.type))
        ratings.push_back(
            rating_json(c, *roles[i].scale, weights, table, warnings, in.config.disclosure));
    }
  });
  // A cells file: what its report cannot carry is named; a report not yet
  // computed from cells is left out rather than computed per cell.
  const std::string kind_name = dataset_kind_name(kind.kind);
  const bool computed = !table.aggregated() || cells::kind_supported(kind_name);
  // The column summaries run beside the feedback report's own tasks (they
  // add warnings, which it never reads), on threads for a file read on them.
  std::optional<json> feedback;
  if (computed && kind.kind == DatasetKind::feedback)
    feedback = feedback_report(table, roles, in.config, FeedbackRequest{}, in.feedback_cache,
                               table.reading_threads > 1 ? in.workers : nullptr, summaries);
  else
    for (const auto& task : summaries) task();
  json columns = json::array();
  for (json& summary : column_summaries) columns.push_back(std::move(summary));
  json out = {{"name", in.name},
              {"kind", {{"value", dataset_kind_name(kind.kind)}, {"reason", kind.reason}}},
              {"file", file_json(in.name, in.files.front(), table, in.sheet)},
              {"rows", rows_json(table.rows, preamble_lines(in.files), warnings)},
              {"columns", std::move(columns)},
              {"weight", weights.present() ? json(weights.column->name) : json(nullptr)},
              {"ratings", std::move(ratings)},
              {"personal_data", std::move(personal)}};
  if (table.parts.size() > 1) out["parts"] = parts_json(table, in.files);
  // A typed format read through CSV: its numbers were written with ".", the
  // delimiter and encoding are the converter's, not the file's.
  if (!in.config.source_format.empty()) out["file"]["format"] = in.config.source_format;
  // The thresholds in force, so that a reader can say why a figure is hidden.
  out["disclosure"] = {{"min_base", in.config.disclosure.min_base},
                       {"low_base", in.config.disclosure.low_base}};
  if (const auto count = cells::count_column(roles); count && table.aggregated())
    out["aggregated"] = cells::aggregated_json(table, *count, kind_name);
  if (computed && kind.kind == DatasetKind::survey)
    out["survey"] = survey_report(table, roles, weights, in.config, warnings);
  if (computed && kind.kind == DatasetKind::volumes)
    out["volumes"] = volumes_report(table, roles, in.config);
  if (computed && kind.kind == DatasetKind::media)
    out["media"] = media_report(table, roles, in.config);
  if (feedback) out["feedback"] = std::move(*feedback);
  // The Sintesi: the findings of the section above, as sentences.
  if (out.contains(kind_name))
    out["sintesi"] = summary::dataset_sintesi(kind_name, out[kind_name], in.config.sintesi);
  out["warnings"] = warnings_json(warnings);  // last: the sections above add to it
  return out;
}

}  // namespace ascolto::report
