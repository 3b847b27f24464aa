#include "cells/sql.hpp"

#include <algorithm>

#include "cells/contract.hpp"

namespace ascolto::cells {

namespace {

constexpr Dialect kDialects[] = {Dialect::duckdb,   Dialect::postgres,   Dialect::spark,
                                 Dialect::bigquery, Dialect::clickhouse, Dialect::trino};

Error invalid(const std::string& message) {
  return make_error(ErrorCode::invalid_request, message);
}

}  // namespace

// Double quotes (standard SQL) or backticks; the quote inside a name is
// doubled, or escaped where the engine wants a backslash.
std::string quote_identifier(Dialect d, const std::string& name) {
  const bool backtick = d == Dialect::spark || d == Dialect::bigquery || d == Dialect::clickhouse;
  const char q = backtick ? '`' : '"';
  const bool backslash = d == Dialect::bigquery || d == Dialect::clickhouse;
  std::string out(1, q);
  for (char ch : name) {
    if (ch == q || (backslash && ch == '\\')) out += backslash ? '\\' : q;
    out += ch;
  }
  return out + q;
}

std::string string_literal(Dialect d, const std::string& text) {
  const bool backslash = d == Dialect::bigquery || d == Dialect::clickhouse || d == Dialect::spark;
  std::string out = "'";
  for (char ch : text) {
    if (ch == '\'' || (backslash && ch == '\\')) out += backslash ? '\\' : '\'';
    out += ch;
  }
  return out + "'";
}

const char* double_type(Dialect d) {
  switch (d) {
    case Dialect::postgres:
      return "DOUBLE PRECISION";
    case Dialect::bigquery:
      return "FLOAT64";
    case Dialect::clickhouse:  // Nullable: a CAST of NULL to a plain type is an error there
      return "Nullable(Float64)";
    default:
      return "DOUBLE";
  }
}

const char* text_type(Dialect d) {
  switch (d) {
    case Dialect::postgres:
      return "TEXT";
    case Dialect::spark:
    case Dialect::bigquery:
      return "STRING";
    case Dialect::clickhouse:
      return "Nullable(String)";
    default:
      return "VARCHAR";
  }
}

namespace {

// The day of a date or timestamp: its own (wall-clock) day, or the day in
// `zone` of an instant (a TIMESTAMPTZ, or a timestamp stored in UTC).
std::string day_of(Dialect d, const std::string& column, const std::string& zone) {
  const std::string z = "'" + zone + "'";
  if (zone.empty())
    return d == Dialect::clickhouse ? "toDate(" + column + ")" : "CAST(" + column + " AS DATE)";
  switch (d) {
    case Dialect::duckdb:
      return "CAST(timezone(" + z + ", " + column + ") AS DATE)";
    case Dialect::postgres:
    case Dialect::trino:
      return "CAST((" + column + " AT TIME ZONE " + z + ") AS DATE)";
    case Dialect::spark:
      return "TO_DATE(FROM_UTC_TIMESTAMP(" + column + ", " + z + "))";
    case Dialect::bigquery:
      return "DATE(" + column + ", " + z + ")";
    case Dialect::clickhouse:
      return "toDate(" + column + ", " + z + ")";
  }
  return column;
}

bool valid_zone(const std::string& zone) {
  return std::all_of(zone.begin(), zone.end(), [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
           ch == '/' || ch == '_' || ch == '+' || ch == '-';
  });
}

}  // namespace

const char* dialect_name(Dialect d) {
  switch (d) {
    case Dialect::duckdb:
      return "duckdb";
    case Dialect::postgres:
      return "postgres";
    case Dialect::spark:
      return "spark";
    case Dialect::bigquery:
      return "bigquery";
    case Dialect::clickhouse:
      return "clickhouse";
    case Dialect::trino:
      return "trino";
  }
  return "duckdb";
}

bool dialect_from_name(const std::string& name, Dialect& out) {
  for (Dialect d : kDialects)
    if (name == dialect_name(d)) {
      out = d;
      return true;
    }
  return false;
}

std::vector<std::string> dialect_names() {
  std::vector<std::string> out;
  for (Dialect d : kDialects) out.emplace_back(dialect_name(d));
  return out;
}

Error keys_for(const std::string& kind, const std::vector<SampleColumn>& columns,
               std::vector<KeyColumn>& out) {
  using report::Role;
  if (kind == "volumes" || kind == "media")
    return invalid("The " + kind + " query follows a sample file's columns: give one.");
  if (kind != "feedback")
    return invalid("Cells are computed for the feedback, survey, volumes and media reports: \"" +
                   kind + "\" has no reduction query.");
  out.clear();
  bool rating = false, date = false;
  for (const SampleColumn& c : columns) {
    switch (c.role.role) {
      case Role::rating:
        if (rating) break;  // the report reads the first rating
        rating = true;
        out.push_back({c.name});
        break;
      case Role::application:
      case Role::channel:
      case Role::territory:
        out.push_back({c.name});
        break;
      case Role::date:
        if (date) break;  // and the first date: another would only multiply the cells
        date = true;
        out.push_back({c.name, c.in_words ? KeyColumn::By::value : KeyColumn::By::day});
        break;
      default:  // comments, identifiers, other columns: not keys (see aggregated_json)
        break;
    }
  }
  if (!rating) return invalid("No rating column: the feedback cells need one as a key.");
  return {};
}

const char* key_by_name(KeyColumn::By by) {
  switch (by) {
    case KeyColumn::By::day:
      return "day";
    case KeyColumn::By::sign:
      return "sign";
    default:
      return "value";
  }
}

Error reduction_sql(const SqlRequest& request, const std::vector<KeyColumn>& keys,
                    const std::vector<std::string>& sums, std::string& out) {
  if (request.source.empty()) return invalid("The query needs the table to read (--table).");
  if (!valid_zone(request.time_zone)) return invalid("A time zone is a name such as Europe/Rome.");
  const Dialect d = request.dialect;
  std::string select, group, order_days, order_rest;
  for (const KeyColumn& k : keys) {
    const std::string column = quote_identifier(d, k.name);
    std::string value = column;
    if (k.by == KeyColumn::By::day) value = day_of(d, column, request.time_zone);
    if (k.by == KeyColumn::By::sign)
      value = "CASE WHEN " + column + " < 0 THEN -1 WHEN " + column + " > 0 THEN 1 WHEN " + column +
              " = 0 THEN 0 END";
    select += "  " + value + (value != column ? " AS " + column : "") + ",\n";
    // ClickHouse sees an alias everywhere in the query: in GROUP BY
    // toDate(x), x would be the alias (the day), so it groups by the alias.
    const std::string grouped = d == Dialect::clickhouse ? column : value;
    group += std::string(group.empty() ? "" : ",\n") + "  " + grouped;
    // Days first: the core reads a day's cells as one run.
    (k.by == KeyColumn::By::day ? order_days : order_rest) += ", " + grouped;
  }
  for (const std::string& name : sums)
    select += "  SUM(" + quote_identifier(d, name) + ") AS " + quote_identifier(d, name) + ",\n";
  if (keys.empty()) return invalid("The cells need at least one key column.");
  const std::string order = (order_days + order_rest).substr(2);
  // Said only of what the query does: a date written in words is keyed as written.
  std::string zone_note;
  if (!order_days.empty())
    zone_note =
        request.time_zone.empty()
            ? "-- Days: a timestamp's own wall-clock day (as the file's text would give it).\n"
            : "-- Days: the day in " + request.time_zone + " of each instant.\n";
  out = "-- " + std::string(kFormat) + ": " + request.kind + " cells, " + dialect_name(d) +
        " dialect.\n" + zone_note + "-- Each row is one combination of the keys; " + kCountColumn +
        " counts its records" +
        (sums.empty() ? std::string() : "; every other column that is not a key is their sum") +
        ".\n-- Counts and sums add: cells of several partitions or files merge by summing "
        "them.\n"
        "SELECT\n" +
        select + "  COUNT(*) AS " + quote_identifier(d, kCountColumn) + "\nFROM " + request.source +
        "\nGROUP BY\n" + group + "\nORDER BY " + order + ";\n";
  return {};
}

}  // namespace ascolto::cells
