// The survey's reduction query: the structure read off a sample file (its
// wave, profile, ratings, questions and indices) becomes one SELECT whose
// inner query gives each record's variables (a valid rating, a 0/1 answer,
// an index) and whose GROUP BY sums them per cell, as survey_sums.hpp names
// them. Only CASE, COUNT, SUM, COALESCE, TRIM, LOWER and CAST.
#include <algorithm>
#include <cstdio>

#include "cells/contract.hpp"
#include "cells/sql.hpp"
#include "cells/survey_sums.hpp"
#include "report/ratings.hpp"
#include "table/value_parse.hpp"

namespace ascolto::cells {

namespace {

using report::RatingScale;

std::string number(double v) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", v);
  std::string out = text;
  if (out.find_first_of(".eE") == std::string::npos) out += ".0";
  return out;
}

std::string whole(double v) {
  char text[40];
  std::snprintf(text, sizeof text, "%.15g", v);
  return text;
}

std::vector<double> scale_levels(const RatingScale& scale) {
  std::vector<double> out;
  for (double v = scale.min; v <= scale.max; v += 1)
    if (scale.holds(v)) out.push_back(v);
  return out;
}

struct Builder {
  Dialect d;
  bool weighted;
  std::vector<std::string> inner;  ///< "expr AS mK"
  std::vector<std::string> outer;  ///< "SUM(...) AS \"name\""

  std::string q(const std::string& name) const { return quote_identifier(d, name); }

  // The rating when it is a point of the scale, else NULL (as rating_values).
  // Matched as text, so that a column the engine holds as text ("n.d.",
  // "4,0") needs no cast that could fail, and a number's text ("4", "4.0") matches.
  std::string valid_rating(const std::string& column, const RatingScale& scale) const {
    const std::string t = "TRIM(CAST(" + q(column) + " AS " + text_type(d) + "))";
    std::string out = "CASE";
    for (double v : scale_levels(scale)) {
      const std::string l = whole(v);
      out += " WHEN " + t + " IN ('" + l + "', '" + l + ".0', '" + l + ",0') THEN " + real(v);
    }
    return out + " END";
  }
  // A typed double literal: a bare 1.0 is NUMERIC in PostgreSQL, whose sums are slow.
  std::string real(double v) const { return "CAST(" + number(v) + " AS " + double_type(d) + ")"; }
  std::string text_of(const std::string& column) const {
    return "LOWER(TRIM(CAST(" + q(column) + " AS " + text_type(d) + ")))";
  }
  std::string word_list(const std::vector<std::string>& words,
                        const std::vector<std::string>& more = {}) const {
    std::string out;
    for (const auto* list : {&words, &more})
      for (const std::string& w : *list) out += (out.empty() ? "" : ", ") + string_literal(d, w);
    return out;
  }
  // 1, 0 or NULL, as the core reads a yes/no column.
  std::string yes_no(const std::string& column) const {
    const std::string t = text_of(column);
    return "CASE WHEN " + t + " IN (" + word_list(table::boolean_words(true), {"1", "1.0"}) +
           ") THEN 1 WHEN " + t + " IN (" + word_list(table::boolean_words(false), {"0", "0.0"}) +
           ") THEN 0 END";
  }
  // 1 when the column holds one of `labels`, NULL when it is missing (as the
  // core reads it: empty, "n.d.", ...), else 0. The labels are the sample's
  // values, matched as the core keeps them (trimmed).
  std::string label_indicator(const std::string& column,
                              const std::vector<std::string>& labels) const {
    const std::string text = "TRIM(CAST(" + q(column) + " AS " + text_type(d) + "))";
    std::string missing;
    for (const std::string& t : table::default_missing_tokens())
      missing += (missing.empty() ? "" : ", ") + string_literal(d, t);
    std::string in;
    for (const std::string& l : labels) in += (in.empty() ? "" : ", ") + string_literal(d, l);
    return "CASE WHEN " + text + " IN (" + in + ") THEN 1 WHEN " + q(column) +
           " IS NULL OR LOWER(" + text + ") IN (" + missing + ") THEN NULL ELSE 0 END";
  }
  std::string add_inner(const std::string& expression) {
    inner.push_back(expression + " AS m" + std::to_string(inner.size() + 1));
    return "m" + std::to_string(inner.size());
  }
  // Returns the record's variable in the inner SELECT (m1, m2, ...).
  std::string add_moments(SurveyPart part, const std::string& name, const std::string& value,
                          const std::string& expression) {
    const std::string m = add_inner(expression);
    const std::string present = "CASE WHEN " + m + " IS NOT NULL THEN ";
    for (const std::string& sum : moment_sums(weighted)) {
      std::string e;
      if (sum == "n") e = "COUNT(" + m + ")";
      if (sum == "y") e = "SUM(" + m + ")";
      if (sum == "y2") e = "SUM(" + m + " * " + m + ")";
      if (sum == "w") e = "SUM(" + present + "ascolto_rw END)";
      if (sum == "wy") e = "SUM(ascolto_rw * " + m + ")";
      if (sum == "w2") e = "SUM(" + present + "ascolto_rw * ascolto_rw END)";
      if (sum == "w2y") e = "SUM(ascolto_rw * ascolto_rw * " + m + ")";
      if (sum == "w2y2") e = "SUM(ascolto_rw * ascolto_rw * " + m + " * " + m + ")";
      if (sum == "wy2") e = "SUM(ascolto_rw * " + m + " * " + m + ")";
      if (sum != "n") e = "COALESCE(" + e + ", 0)";
      outer.push_back(e + " AS " + q(sum_column_name(part, name, value, sum)));
    }
    return m;
  }
  // An item x with the overall outcome y (inner variables), over the
  // records that answered both: the drivers' correlation.
  void add_pair(const std::string& item, const std::string& x, const std::string& y) {
    const std::string both = "CASE WHEN " + x + " IS NOT NULL AND " + y + " IS NOT NULL THEN ";
    const std::string w = weighted ? "ascolto_rw * " : "";
    for (const std::string& sum : pair_sums(weighted)) {
      std::string e;
      if (sum == "n") e = "COUNT(" + both + "1 END)";
      if (sum == "w") e = "SUM(" + both + "ascolto_rw END)";
      if (sum == "x" || sum == "wx") e = "SUM(" + both + w + x + " END)";
      if (sum == "y" || sum == "wy") e = "SUM(" + both + w + y + " END)";
      if (sum == "x2" || sum == "wx2") e = "SUM(" + both + w + x + " * " + x + " END)";
      if (sum == "y2" || sum == "wy2") e = "SUM(" + both + w + y + " * " + y + " END)";
      if (sum == "xy" || sum == "wxy") e = "SUM(" + both + w + x + " * " + y + " END)";
      if (sum != "n") e = "COALESCE(" + e + ", 0)";
      outer.push_back(e + " AS " + q(sum_column_name(SurveyPart::pair, item, "", sum)));
    }
  }
  std::string add_levels(SurveyPart part, const std::string& column, const RatingScale& scale) {
    const std::string m = add_inner(valid_rating(column, scale));
    for (double v : scale_levels(scale)) {
      const std::string l = whole(v), at = "CASE WHEN " + m + " = " + l + " THEN ";
      outer.push_back("COUNT(" + at + "1 END) AS " +
                      q(sum_column_name(part, column, "", l + "_n")));
      if (!weighted) continue;
      outer.push_back("COALESCE(SUM(" + at + "ascolto_rw END), 0) AS " +
                      q(sum_column_name(part, column, "", l + "_w")));
      outer.push_back("COALESCE(SUM(" + at + "ascolto_rw * ascolto_rw END), 0) AS " +
                      q(sum_column_name(part, column, "", l + "_w2")));
    }
    return m;
  }
  // The weighted mean of the answered members (mapped onto the first one's
  // scale when `map`), when their weight reaches `threshold`.
  std::string mean_of(const std::vector<const report::SurveyItem*>& members,
                      const std::vector<double>& weights, double threshold, bool map) const {
    std::string answered, sum;
    const RatingScale& target = members.front()->scale;
    for (std::size_t k = 0; k < members.size(); ++k) {
      const report::SurveyItem& item = *members[k];
      const std::string v = valid_rating(item.column, item.scale);
      std::string mapped = v;
      if (map && (item.scale.min != target.min || item.scale.max != target.max))
        mapped = number(target.min) + " + ((" + v + ") - " + number(item.scale.min) + ") * " +
                 number((target.max - target.min) / (item.scale.max - item.scale.min));
      answered += std::string(k ? " + " : "") + "CASE WHEN (" + v + ") IS NOT NULL THEN " +
                  real(weights[k]) + " ELSE " + real(0) + " END";
      sum += std::string(k ? " + " : "") + "COALESCE(" + real(weights[k]) + " * (" + mapped +
             "), " + real(0) + ")";
    }
    return "CASE WHEN (" + answered + ") > 0 AND (" + answered + ") >= " + number(threshold) +
           " THEN (" + sum + ") / (" + answered + ") END";
  }
};

}  // namespace

Error survey_reduction_sql(const SqlRequest& request, const table::Table& sample,
                           const std::vector<report::ColumnRole>& roles,
                           const report::Config& config, std::vector<KeyColumn>& keys,
                           std::string& out) {
  if (request.source.empty())
    return make_error(ErrorCode::invalid_request, "The query needs the table to read (--table).");
  Warnings warnings;
  const report::SurveyStructure s = report::survey_structure(sample, roles, config, warnings);
  const report::Weights weights = report::survey_weights(sample, roles, nullptr);
  Builder b{request.dialect, weights.present(), {}, {}};
  const Dialect d = request.dialect;

  keys.clear();
  auto add_key = [&](const std::string& name) {
    if (std::none_of(keys.begin(), keys.end(), [&](const KeyColumn& k) { return k.name == name; }))
      keys.push_back({name});
  };
  if (s.wave) add_key(s.wave->name);
  for (const report::Grouping& g : s.profile) add_key(g.name);
  for (const report::RakingMarginConfig& m : config.survey.raking) add_key(m.column);
  // Region, province, office: the territorial funnels group by them.
  for (std::size_t i = 0; i < roles.size(); ++i)
    if (roles[i].role == report::Role::territory) add_key(sample.columns[i].name);
  auto is_key = [&](const std::string& name) {
    return std::any_of(keys.begin(), keys.end(),
                       [&](const KeyColumn& k) { return k.name == name; });
  };

  std::string outcome;                 // the overall outcome's inner variable
  if (s.overall && s.overall->binary)  // satisfied / not: the share of the positive value
    outcome = b.add_moments(SurveyPart::outcome, s.overall->column, s.overall->positive,
                            b.label_indicator(s.overall->column, {s.overall->positive}));
  else if (s.overall)
    outcome = b.add_levels(SurveyPart::overall, s.overall->column, s.overall->scale);
  for (const report::SurveyItem& item : s.items) {
    const std::string x = b.add_levels(SurveyPart::item, item.column, item.scale);
    // The drivers: each item's correlation with the outcome.
    if (!outcome.empty() && s.items.size() >= 2) b.add_pair(item.column, x, outcome);
  }
  for (const report::YesNoItem& item : s.yes_no)
    b.add_moments(SurveyPart::yes_no, item.column, "", b.yes_no(item.column));
  for (const report::Grouping& g : s.single_choice) {
    if (is_key(g.name)) continue;  // a raking margin: its categories are keys
    for (const std::string& label : g.labels)
      b.add_moments(SurveyPart::choice, g.name, label, b.label_indicator(g.name, {label}));
  }
  for (const report::MultiResponse& m : s.multi_response) {
    if (m.source == "delimited") {  // an option: the lists of the sample that name it
      for (std::size_t o = 0; o < m.options.size(); ++o)
        b.add_moments(SurveyPart::option, m.name, m.options[o],
                      b.label_indicator(m.name, m.option_labels[o]));
      continue;
    }
    std::string answered;
    for (const std::string& c : m.columns)
      answered += (answered.empty() ? "" : " OR ") + ("(" + b.yes_no(c) + ") IS NOT NULL");
    for (const std::string& c : m.columns)
      b.add_moments(SurveyPart::option_column, m.name, c,
                    "CASE WHEN " + answered + " THEN COALESCE(" + b.yes_no(c) + ", 0) END");
  }
  for (const report::CompositeIndex& index : s.indices) {
    std::vector<const report::SurveyItem*> members;
    for (const std::string& name : index.items)
      for (const report::SurveyItem& item : s.items)
        if (item.column == name) members.push_back(&item);
    if (members.empty()) continue;
    double total = 0;
    for (double w : index.weights) total += w;
    b.add_moments(SurveyPart::index, index.name, "",
                  b.mean_of(members, index.weights, index.min_answered * total - 1e-12, true));
  }
  // Each phase's and channel's pooled mean: a respondent's mean of the
  // answered items of the phase (or channel), as the journey reads them.
  std::vector<std::string> phases, channels;
  for (const report::SurveyItem& item : s.items) {
    if (item.channel.empty()) continue;
    if (std::find(phases.begin(), phases.end(), item.phase) == phases.end())
      phases.push_back(item.phase);
    if (std::find(channels.begin(), channels.end(), item.channel) == channels.end())
      channels.push_back(item.channel);
  }
  for (bool by_phase : {true, false}) {
    for (const std::string& name : by_phase ? phases : channels) {
      std::vector<const report::SurveyItem*> members;
      for (const report::SurveyItem& item : s.items)
        if (!item.channel.empty() && (by_phase ? item.phase : item.channel) == name)
          members.push_back(&item);
      b.add_moments(by_phase ? SurveyPart::phase : SurveyPart::channel, name, "",
                    b.mean_of(members, std::vector<double>(members.size(), 1.0), 0.5, false));
    }
  }
  if (b.outer.empty() && keys.empty())
    return make_error(ErrorCode::invalid_request,
                      "The sample has no survey variable to sum: no rating, question or key.");

  std::string key_list, inner;
  for (const KeyColumn& k : keys) {
    key_list += (key_list.empty() ? "" : ", ") + b.q(k.name);
    inner += "    " + b.q(k.name) + ",\n";
  }
  std::string sums = "  COUNT(*) AS " + b.q(kCountColumn);
  if (b.weighted)
    sums += ",\n  SUM(ascolto_rw) AS " + b.q(kWeightSum) + ",\n  SUM(ascolto_rw * ascolto_rw) AS " +
            b.q(kWeightSquares);
  for (const std::string& o : b.outer) sums += ",\n  " + o;
  // A record's weight is ascolto_rw, not the output's ascolto_w: ClickHouse
  // would read ascolto_w inside SUM(ascolto_w * ascolto_w) as the alias.
  if (b.weighted)
    inner +=
        "    CAST(" + b.q(weights.column->name) + " AS " + double_type(d) + ") AS ascolto_rw,\n";
  for (const std::string& e : b.inner) inner += "    " + e + ",\n";
  inner.resize(inner.size() - 2);  // the last ",\n"
  std::string outer_keys;
  for (const KeyColumn& k : keys) outer_keys += "  " + b.q(k.name) + ",\n";
  out =
      "-- " + std::string(kFormat) + ": survey cells, " + dialect_name(d) + " dialect.\n" +
      "-- Each row is one combination of the keys; " + kCountColumn + " counts its records" +
      (b.weighted ? ", ascolto_w and ascolto_w2 sum their weights and squared weights" : "") +
      ".\n-- Every other column is a sum over the cell's records (see README): cells merge by "
      "summing.\n" +
      (b.weighted ? "-- Records without a positive weight are left out, as in the report.\n" : "") +
      "SELECT\n" + outer_keys + sums + "\nFROM (\n  SELECT\n" + inner + "\n  FROM " +
      request.source + (b.weighted ? "\n  WHERE " + b.q(weights.column->name) + " > 0" : "") +
      // PostgreSQL would pull the subquery up and evaluate each record's
      // expressions once per sum (64 s instead of seconds on the demo): OFFSET 0 stops it.
      (d == Dialect::postgres ? "\n  OFFSET 0" : "") + "\n) AS records" +
      (keys.empty() ? "" : "\nGROUP BY " + key_list + "\nORDER BY " + key_list) + ";\n";
  return {};
}

}  // namespace ascolto::cells
