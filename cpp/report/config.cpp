#include "report/config.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace ascolto::report {

namespace {

using json = nlohmann::ordered_json;

Error invalid(const std::string& message) {
  return make_error(ErrorCode::invalid_config, message);
}

// "decimal": "," or "." (or "comma", "point"): how numbers are written.
Error parse_decimal(const json& v, const std::string& where, char& out) {
  const std::string d = v.is_string() ? v.get<std::string>() : "";
  if (d == "," || d == "comma")
    out = ',';
  else if (d == "." || d == "point")
    out = '.';
  else
    return invalid(where +
                   " must be \",\" (decimal comma, thousands '.') or \".\" (decimal point, "
                   "thousands ',').");
  return {};
}

Error parse_scale(const json& value, RatingScale& scale) {
  if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number() ||
      value[0].get<double>() >= value[1].get<double>())
    return invalid("\"scale\" must be [min, max] with min < max, for example [1, 5].");
  const double min = value[0].get<double>(), max = value[1].get<double>();
  // A rating is counted by points (distributions, boxes): whole points, and
  // at most the eleven of 0-10. A wider score (0-100) is a number, not a rating.
  if (min != std::floor(min) || max != std::floor(max) || max - min > 10)
    return invalid("\"scale\" must be whole points, at most eleven: [1, 5] or [0, 10], not " +
                   value.dump() + " (leave a wider or fractional score a number).");
  scale.min = min;
  scale.max = max;
  return {};
}

Error parse_column(const std::string& name, const json& value, ColumnOverride& out) {
  if (!value.is_object()) return invalid("columns.\"" + name + "\" must be an object.");
  for (const auto& [key, v] : value.items()) {
    if (key == "role") {
      if (!v.is_string() || !role_from_name(v.get<std::string>()))
        return invalid("columns.\"" + name +
                       "\".role must be one of rating, weight, date, period, application, "
                       "channel, dimension, comment, identifier, territory, personal, none.");
      out.role = role_from_name(v.get<std::string>());
    } else if (key == "scale") {
      RatingScale scale;
      if (Error e = parse_scale(v, scale)) return e;
      out.scale = out.scale ? RatingScale{scale.min, scale.max, out.scale->not_applicable} : scale;
    } else if (key == "not_applicable") {
      if (!v.is_array())
        return invalid("columns.\"" + name + "\".not_applicable must be a list of numbers.");
      if (!out.scale) out.scale = RatingScale{};
      out.scale->not_applicable.clear();
      for (const json& x : v) {
        if (!x.is_number())
          return invalid("columns.\"" + name + "\".not_applicable must be a list of numbers.");
        out.scale->not_applicable.push_back(x.get<double>());
      }
    } else if (key == "level") {
      if (!v.is_string() || !territory_level_from_name(v.get<std::string>()))
        return invalid("columns.\"" + name + "\".level must be region, province or office.");
      out.level = territory_level_from_name(v.get<std::string>());
    } else if (key == "decimal") {
      char ignored = 0;  // read by parse_config into the typing options
      if (Error e = parse_decimal(v, "columns.\"" + name + "\".decimal", ignored)) return e;
    } else if (key == "phase" || key == "channel") {
      if (!v.is_string()) return invalid("columns.\"" + name + "\"." + key + " must be a string.");
      (key == "phase" ? out.phase : out.channel) = v.get<std::string>();
    } else {
      return invalid("Unknown key \"" + key + "\" in columns.\"" + name + "\".");
    }
  }
  return {};
}

Error parse_encoding(const std::string& name, csv::Encoding& out) {
  for (csv::Encoding e : {csv::Encoding::utf8, csv::Encoding::utf8_bom, csv::Encoding::utf16le,
                          csv::Encoding::utf16be, csv::Encoding::windows1252}) {
    if (name == csv::encoding_name(e)) {
      out = e == csv::Encoding::utf8_bom ? csv::Encoding::utf8 : e;
      return {};
    }
  }
  return invalid("\"encoding\" must be one of utf-8, utf-16le, utf-16be, windows-1252.");
}

Error parse_names(const json& v, const std::string& what, std::vector<std::string>& out) {
  if (!v.is_array()) return invalid(what + " must be a list of column names.");
  for (const json& name : v) {
    if (!name.is_string()) return invalid(what + " must be a list of column names.");
    out.push_back(name.get<std::string>());
  }
  return {};
}

Error parse_index(const json& v, IndexDefinition& out) {
  if (!v.is_object()) return invalid("Each of survey.indices must be an object.");
  for (const auto& [key, x] : v.items()) {
    if (key == "name" && x.is_string()) {
      out.name = x.get<std::string>();
    } else if (key == "items") {
      if (Error e = parse_names(x, "survey.indices[].items", out.items)) return e;
    } else if (key == "weights" && x.is_array()) {
      for (const json& w : x) {
        if (!w.is_number() || w.get<double>() < 0)
          return invalid("survey.indices[].weights must be numbers of at least 0.");
        out.weights.push_back(w.get<double>());
      }
    } else if (key == "min_answered" && x.is_number() && x.get<double>() > 0 &&
               x.get<double>() <= 1) {
      out.min_answered = x.get<double>();
    } else {
      return invalid("survey.indices[]: \"" + key +
                     "\" is unknown or not valid (name: text, items: column names, weights: "
                     "numbers, min_answered: a share in (0, 1]).");
    }
  }
  if (out.name.empty() || out.items.empty())
    return invalid("Each of survey.indices needs a name and items.");
  if (!out.weights.empty() && out.weights.size() != out.items.size())
    return invalid("survey.indices[\"" + out.name + "\"]: one weight per item.");
  return {};
}

Error parse_raking(const json& v, SurveyConfig& out) {
  if (!v.is_object()) return invalid("survey.raking must be an object.");
  for (const auto& [key, x] : v.items()) {
    if (key == "margins" && x.is_object()) {
      for (const auto& [column, targets] : x.items()) {
        RakingMarginConfig margin{column, {}};
        if (!targets.is_object())
          return invalid("survey.raking.margins.\"" + column + "\" must map categories to shares.");
        for (const auto& [category, share] : targets.items()) {
          if (!share.is_number() || share.get<double>() <= 0)
            return invalid("survey.raking.margins.\"" + column + "\": \"" + category +
                           "\" must be a positive number.");
          margin.targets.emplace_back(category, share.get<double>());
        }
        out.raking.push_back(std::move(margin));
      }
    } else if (key == "max_iterations" && x.is_number_integer() && x.get<int>() >= 1) {
      out.raking_max_sweeps = x.get<int>();
    } else if (key == "epsilon" && x.is_number() && x.get<double>() > 0) {
      out.raking_epsilon = x.get<double>();
    } else {
      return invalid("survey.raking: \"" + key +
                     "\" is unknown or not valid (margins: {column: {category: share}}, "
                     "max_iterations: a whole number, epsilon: a positive number).");
    }
  }
  return {};
}

Error parse_territory(const json& v, TerritoryConfig& out) {
  if (!v.is_object()) return invalid("\"territory\" must be an object.");
  for (const auto& [key, x] : v.items()) {
    bool known = false;
    for (auto method : {stats::Overdispersion::none, stats::Overdispersion::multiplicative,
                        stats::Overdispersion::additive})
      if (key == "overdispersion" && x.is_string() &&
          x.get<std::string>() == stats::overdispersion_name(method)) {
        out.overdispersion = method;
        known = true;
      }
    if (!known)
      return invalid(
          "\"territory\" takes \"overdispersion\": \"additive\", \"multiplicative\" or "
          "\"none\".");
  }
  return {};
}

Error parse_survey(const json& v, SurveyConfig& out) {
  if (!v.is_object()) return invalid("\"survey\" must be an object.");
  for (const auto& [key, x] : v.items()) {
    if ((key == "overall" || key == "wave") && x.is_string()) {
      (key == "overall" ? out.overall : out.wave) = x.get<std::string>();
    } else if (key == "profile") {
      if (Error e = parse_names(x, "survey.profile", out.profile)) return e;
    } else if (key == "indices" && x.is_array()) {
      for (const json& item : x) {
        IndexDefinition index;
        if (Error e = parse_index(item, index)) return e;
        out.indices.push_back(std::move(index));
      }
    } else if (key == "raking") {
      if (Error e = parse_raking(x, out)) return e;
    } else if (key == "significance" && x.is_number() && x.get<double>() > 0 &&
               x.get<double>() < 0.5) {
      out.significance = x.get<double>();
    } else {
      return invalid("survey: \"" + key +
                     "\" is unknown or not valid (overall, wave, profile, indices, raking, "
                     "significance).");
    }
  }
  return {};
}

Error parse_sintesi(const json& v, summary::SintesiConfig& out) {
  if (!v.is_object()) return invalid("\"sintesi\" must be an object.");
  for (const auto& [key, x] : v.items()) {
    if (key != "order" && key != "omit")
      return invalid("sintesi: \"" + key + "\" is unknown (order, omit).");
    std::vector<std::string>& names = key == "order" ? out.order : out.omit;
    if (!x.is_array()) return invalid("sintesi." + key + " must be a list of section names.");
    for (const json& name : x) {
      if (!name.is_string()) return invalid("sintesi." + key + " must be a list of section names.");
      names.push_back(name.get<std::string>());
    }
    const auto& sections = summary::sintesi_sections();
    const auto& kinds = summary::sintesi_kinds();
    for (const std::string& name : names) {
      const bool section = std::find(sections.begin(), sections.end(), name) != sections.end();
      const bool kind = std::find(kinds.begin(), kinds.end(), name) != kinds.end();
      if (!section && !(key == "omit" && kind))
        return invalid("sintesi." + key + ": \"" + name + "\" is not a section" +
                       (key == "omit" ? " or a kind of finding" : "") +
                       " (sections: alerts, overall, trend, ranking, comments, territory, "
                       "respondents, profile, indices, journey, drivers, shares, projections, "
                       "mix, crises, negative).");
    }
  }
  return {};
}

}  // namespace

Error parse_config(std::string_view text, Config& out) {
  out = Config{};
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return {};
  const json root = json::parse(text, nullptr, false);
  if (root.is_discarded()) return invalid("The configuration is not valid JSON.");
  if (!root.is_object()) return invalid("The configuration must be a JSON object.");
  for (const auto& [key, v] : root.items()) {
    if (key == "kind") {
      if (!v.is_string()) return invalid("\"kind\" must be a string.");
      const std::string kind = v.get<std::string>();
      if (kind == "auto") continue;
      auto parsed = dataset_kind_from_name(kind);
      if (!parsed || *parsed == DatasetKind::unknown)
        return invalid("\"kind\" must be auto, survey, feedback, volumes or media.");
      out.kind = parsed;
    } else if (key == "delimiter") {
      if (!v.is_string()) return invalid("\"delimiter\" must be a string.");
      const std::string d = v.get<std::string>();
      if (d == "tab" || d == "\t")
        out.read.delimiter = '\t';
      else if (d.size() == 1 && d != "\"" && d != "\n" && d != "\r")
        out.read.delimiter = d[0];
      else
        return invalid("\"delimiter\" must be one character (or \"tab\").");
    } else if (key == "sheets") {
      if (!v.is_array()) return invalid("\"sheets\" must be a list of sheet names.");
      out.sheets.clear();
      for (const auto& name : v) {
        if (!name.is_string()) return invalid("\"sheets\" must be a list of sheet names.");
        out.sheets.push_back(name.get<std::string>());
      }
    } else if (key == "combine") {
      if (!v.is_boolean()) return invalid("\"combine\" must be true or false.");
      out.combine = v.get<bool>();
    } else if (key == "decimal") {
      if (Error e = parse_decimal(v, "\"decimal\"", out.typing.forced_decimal)) return e;
    } else if (key == "header") {
      if (!v.is_boolean()) return invalid("\"header\" must be true or false.");
      out.read.header = v.get<bool>();
    } else if (key == "encoding") {
      if (!v.is_string()) return invalid("\"encoding\" must be a string.");
      csv::Encoding e{};
      if (Error err = parse_encoding(v.get<std::string>(), e)) return err;
      out.read.encoding = e;
    } else if (key == "missing_tokens") {
      if (!v.is_array()) return invalid("\"missing_tokens\" must be a list of strings.");
      for (const json& token : v) {
        if (!token.is_string()) return invalid("\"missing_tokens\" must be a list of strings.");
        out.typing.missing_tokens.push_back(
            table::ascii_lower(table::trim(token.get<std::string>())));
      }
    } else if (key == "weight") {
      if (!v.is_string()) return invalid("\"weight\" must be a column name.");
      out.weight = v.get<std::string>();
    } else if (key == "min_base") {
      if (!v.is_number_integer() || v.get<std::int64_t>() < 3)
        return invalid("\"min_base\" must be a whole number of at least 3.");
      out.disclosure.min_base = v.get<std::uint64_t>();
    } else if (key == "low_base") {
      if (!v.is_number_integer() || v.get<std::int64_t>() < 1)
        return invalid("\"low_base\" must be a positive whole number.");
      out.disclosure.low_base = v.get<std::uint64_t>();
    } else if (key == "columns") {
      if (!v.is_object()) return invalid("\"columns\" must map column names to settings.");
      for (const auto& [name, settings] : v.items()) {
        ColumnOverride o;
        if (Error e = parse_column(name, settings, o)) return e;
        out.columns.emplace_back(name, o);
        if (settings.contains("decimal")) {
          char decimal = 0;
          parse_decimal(settings["decimal"], name, decimal);
          out.typing.column_decimal.emplace_back(name, decimal);
        }
      }
    } else if (key == "survey") {
      if (Error e = parse_survey(v, out.survey)) return e;
    } else if (key == "source_format") {
      if (!v.is_string() || v.get<std::string>() != "parquet")
        return invalid("\"source_format\" is set by the Parquet reader: \"parquet\".");
      out.source_format = v.get<std::string>();
    } else if (key == "sintesi") {
      if (Error e = parse_sintesi(v, out.sintesi)) return e;
    } else if (key == "include_personal") {
      // Columns the user confirmed for analysis although they look personal.
      if (!v.is_array()) return invalid("\"include_personal\" must be a list of column names.");
      for (const json& column : v) {
        if (!column.is_string())
          return invalid("\"include_personal\" must be a list of column names.");
        ColumnOverride o;
        o.include_personal = true;
        out.columns.emplace_back(column.get<std::string>(), o);
      }
    } else if (key == "territory") {
      if (Error e = parse_territory(v, out.territory)) return e;
    } else {
      return invalid("Unknown configuration key \"" + key + "\".");
    }
  }
  return {};
}

}  // namespace ascolto::report
