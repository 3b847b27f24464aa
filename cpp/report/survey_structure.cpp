#include "report/survey_structure.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "report/ratings.hpp"
#include "stats/estimate.hpp"

namespace ascolto::report {

namespace {

using table::Column;
using table::ColumnType;
using table::kMissingCode;

// Channel words in item names, with the label they stand for.
const std::vector<std::pair<std::string, std::string>> kChannelWords = {
    {"contact_center", "Contact center"},
    {"call_center", "Contact center"},
    {"contactcenter", "Contact center"},
    {"telefono", "Contact center"},
    {"telefonico", "Contact center"},
    {"web", "Web"},
    {"sito", "Web"},
    {"portale", "Web"},
    {"online", "Web"},
    {"internet", "Web"},
    {"app", "App"},
    {"sede", "Sede"},
    {"sportello", "Sede"},
    {"ufficio", "Sede"},
    {"presenza", "Sede"},
    {"caf", "CAF/Patronato"},
    {"patronato", "CAF/Patronato"},
    {"patronati", "CAF/Patronato"},
    {"caf_patronato", "CAF/Patronato"},
    {"social", "Social"},
    {"email", "E-mail/PEC"},
    {"mail", "E-mail/PEC"},
    {"pec", "E-mail/PEC"},
    {"videochiamata", "Videochiamata"},
    {"chat", "Chat"}};
// Words that only say "a rating of": stripped from the front of phase names.
const std::vector<std::string> kRatingWords = {"soddisfazione", "sodd",   "voto",  "giudizio",
                                               "valutazione",   "rating", "score", "satisfaction"};
const std::vector<std::string> kOverallStems = {"global",  "complessiv", "overall",
                                                "general", "totale",     "complesso"};
const std::vector<std::string> kSatisfactionStems = {"soddisf", "satisf", "insoddisf", "dissatisf"};
const std::vector<std::string> kNegationStems = {"insoddisf", "dissatisf", "unsatisf",
                                                 "non",       "not",       "neutral"};
const std::vector<std::string> kProfileStems = {
    "genere",    "sesso",     "gender",  "sex",     "eta",    "age",     "classe",      "class",
    "condizion", "professio", "occupaz", "occupat", "employ", "lavor",   "region",      "provinc",
    "area",      "ripartiz",  "zona",    "titolo",  "istruz", "educat",  "cittadinanz", "nazional",
    "customer",  "cliente",   "tipo",    "type",    "utente", "settore", "comune"};
const std::vector<std::string> kChoiceStems = {"principal", "prevalent", "motiv", "main",
                                               "reason",    "preferit",  "mezzo", "modalit"};
const std::vector<std::string> kAgeStems = {"eta", "age"};

// Default composite indices: items whose name starts with one of the stems.
struct DefaultIndex {
  const char* name;
  std::vector<std::string> first_word_stems;
};
const std::vector<DefaultIndex> kDefaultIndices = {
    {"Indice di accessibilità", {"accessib"}},
    {"Indice di capacità di risposta", {"risposta", "capacita", "response"}}};

std::string trim_copy(const std::string& s) {
  return std::string(table::trim(s));
}

std::string capitalize(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string join_words(const std::vector<std::string>& words, std::size_t from, std::size_t to,
                       char separator) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (!out.empty()) out.push_back(separator);
    out += words[i];
  }
  return out;
}

const std::string* channel_label(const std::string& normalized) {
  for (const auto& [word, label] : kChannelWords)
    if (normalized == word) return &label;
  return nullptr;
}

bool starts_with_stem(const std::string& normalized, const std::vector<std::string>& stems) {
  const std::vector<std::string> words = header_words(normalized);
  if (words.empty()) return false;
  for (const std::string& stem : stems)
    if (words[0].compare(0, stem.size(), stem) == 0) return true;
  return false;
}

Grouping grouping_from_categories(const Column& c, std::string reason) {
  Grouping g;
  g.name = c.name;
  g.reason = std::move(reason);
  g.labels = c.labels;
  g.codes = c.codes.to_vector();
  return g;
}

// A whole-number column (a year) as a grouping, categories in ascending order.
Grouping grouping_from_numbers(const Column& c, std::string reason) {
  Grouping g;
  g.name = c.name;
  g.reason = std::move(reason);
  std::set<double> distinct;
  for (double v : c.numbers)
    if (!std::isnan(v)) distinct.insert(v);
  std::map<double, std::uint32_t> code_of;
  for (double v : distinct) {
    code_of.emplace(v, static_cast<std::uint32_t>(g.labels.size()));
    char text[32];
    std::snprintf(text, sizeof text, "%.15g", v);
    g.labels.emplace_back(text);
  }
  g.codes.reserve(c.numbers.size());
  for (double v : c.numbers) g.codes.push_back(std::isnan(v) ? kMissingCode : code_of[v]);
  return g;
}

std::size_t distinct_numbers(const Column& c, std::size_t stop_at) {
  std::set<double> distinct;
  for (double v : c.numbers) {
    if (!std::isnan(v)) distinct.insert(v);
    if (distinct.size() > stop_at) break;
  }
  return distinct.size();
}

// Ages cut into the classes surveys publish.
std::optional<Grouping> age_classes(const Column& c) {
  if (c.type != ColumnType::integer) return {};
  std::uint64_t filled = 0, plausible = 0;
  for (double v : c.numbers) {
    if (std::isnan(v)) continue;
    ++filled;
    if (v >= 0 && v <= 110) ++plausible;
  }
  if (filled == 0 || plausible * 100 < filled * 99 || distinct_numbers(c, 10) <= 10) return {};
  Grouping g;
  g.name = c.name;
  g.reason = "ages cut into classes";
  g.labels = {"<25", "25-34", "35-44", "45-54", "55-64", "65+"};
  g.codes.reserve(c.numbers.size());
  for (double v : c.numbers) {
    if (std::isnan(v)) {
      g.codes.push_back(kMissingCode);
      continue;
    }
    const std::uint32_t code = v < 25 ? 0 : v < 35 ? 1 : v < 45 ? 2 : v < 55 ? 3 : v < 65 ? 4 : 5;
    g.codes.push_back(code);
  }
  return g;
}

// "satisfied" of "satisfied" / "neutral or dissatisfied".
std::optional<Outcome> binary_outcome(const Column& c) {
  if (c.type != ColumnType::categorical || c.labels.size() != 2) return {};
  const std::string name = normalize_header(c.name);
  const std::string a = normalize_header(c.labels[0]), b = normalize_header(c.labels[1]);
  const bool about_satisfaction = header_has_stem(name, kSatisfactionStems) ||
                                  header_has_stem(a, kSatisfactionStems) ||
                                  header_has_stem(b, kSatisfactionStems);
  if (!about_satisfaction) return {};
  const bool a_negative = header_has_stem(a, kNegationStems);
  const bool b_negative = header_has_stem(b, kNegationStems);
  if (a_negative == b_negative) return {};
  Outcome out;
  out.column = c.name;
  out.binary = true;
  const std::uint32_t positive = a_negative ? 1 : 0;
  out.positive = c.labels[positive];
  out.reason = "two values about satisfaction; \"" + out.positive + "\" counted as satisfied";
  out.scale = RatingScale{0, 1, {}};
  out.values.reserve(c.codes.size());
  for (std::uint32_t code : c.codes)
    out.values.push_back(code == kMissingCode ? stats::kNaN : code == positive ? 1.0 : 0.0);
  return out;
}

// Options of a column of delimited choices ("tv;radio;stampa"), if it is one.
std::optional<MultiResponse> delimited_options(const Column& c) {
  if (c.type != ColumnType::categorical || c.labels.empty()) return {};
  std::vector<std::uint64_t> counts(c.labels.size(), 0);
  std::uint64_t filled = 0;
  for (std::uint32_t code : c.codes)
    if (code != kMissingCode) {
      ++counts[code];
      ++filled;
    }
  for (char separator : {';', '|'}) {
    std::uint64_t with_separator = 0;
    for (std::size_t l = 0; l < c.labels.size(); ++l)
      if (c.labels[l].find(separator) != std::string::npos) with_separator += counts[l];
    if (with_separator * 5 < filled) continue;  // under 20% of answers: not a list
    // Options of each label, in order of first appearance.
    MultiResponse m;
    m.name = c.name;
    m.source = "delimited";
    std::vector<std::vector<std::uint32_t>> options_of_label(c.labels.size());
    std::map<std::string, std::uint32_t> option_code;
    for (std::size_t l = 0; l < c.labels.size(); ++l) {
      std::size_t start = 0;
      const std::string& label = c.labels[l];
      while (start <= label.size()) {
        std::size_t end = label.find(separator, start);
        if (end == std::string::npos) end = label.size();
        const std::string option = trim_copy(label.substr(start, end - start));
        if (!option.empty()) {
          auto [it, added] =
              option_code.emplace(option, static_cast<std::uint32_t>(m.options.size()));
          if (added) m.options.push_back(option);
          options_of_label[l].push_back(it->second);
        }
        start = end + 1;
      }
    }
    if (m.options.size() < 2 || m.options.size() > 40) return {};
    m.option_labels.assign(m.options.size(), {});
    for (std::size_t l = 0; l < c.labels.size(); ++l)
      for (std::uint32_t o : options_of_label[l]) m.option_labels[o].push_back(c.labels[l]);
    m.indicators.assign(m.options.size(), std::vector<double>(c.codes.size(), stats::kNaN));
    for (std::size_t row = 0; row < c.codes.size(); ++row) {
      const std::uint32_t code = c.codes[row];
      if (code == kMissingCode) continue;
      for (auto& indicator : m.indicators) indicator[row] = 0;
      for (std::uint32_t o : options_of_label[code]) m.indicators[o][row] = 1;
    }
    return m;
  }
  return {};
}

// The group key and option label of a 0/1 column: "Fonte - TV", "fonte:tv",
// "fonte_tv" -> ("fonte", "TV" / "tv").
std::pair<std::string, std::string> option_of_header_impl(const std::string& header) {
  for (const char* separator_text : {":", " - "}) {
    const std::string separator = separator_text;
    const std::size_t at = header.find(separator);
    if (at != std::string::npos && at > 0 && at + separator.size() < header.size())
      return {normalize_header(header.substr(0, at)),
              trim_copy(header.substr(at + separator.size()))};
  }
  const std::vector<std::string> words = header_words(normalize_header(header));
  if (words.size() < 2) return {};
  return {words[0], join_words(words, 1, words.size(), ' ')};
}

std::vector<MultiResponse> option_column_groups(const table::Table& table,
                                                const std::vector<bool>& candidate) {
  std::map<std::string, std::vector<std::size_t>> groups;
  std::vector<std::string> order;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (!candidate[i]) continue;
    const auto [key, option] = option_of_header_impl(table.columns[i].name);
    if (key.empty()) continue;
    if (!groups.count(key)) order.push_back(key);
    groups[key].push_back(i);
  }
  std::vector<MultiResponse> out;
  for (const std::string& key : order) {
    const std::vector<std::size_t>& members = groups[key];
    if (members.size() < 2) continue;
    MultiResponse m;
    m.name = key;
    m.source = "columns";
    const std::size_t rows = table.rows.used;
    // Base: respondents who answered at least one option of the question.
    std::vector<char> answered(rows, 0);
    for (std::size_t i : members)
      for (std::size_t row = 0; row < rows; ++row)
        if (!std::isnan(table.columns[i].numbers[row])) answered[row] = 1;
    for (std::size_t i : members) {
      m.options.push_back(option_of_header_impl(table.columns[i].name).second);
      m.columns.push_back(table.columns[i].name);
      std::vector<double> indicator(rows, stats::kNaN);
      for (std::size_t row = 0; row < rows; ++row) {
        if (!answered[row]) continue;
        const double v = table.columns[i].numbers[row];
        indicator[row] = std::isnan(v) ? 0.0 : v;
      }
      m.indicators.push_back(std::move(indicator));
    }
    out.push_back(std::move(m));
  }
  return out;
}

void build_index_values(CompositeIndex& index, const std::vector<SurveyItem>& items) {
  std::vector<const SurveyItem*> members;
  for (const std::string& name : index.items)
    for (const SurveyItem& item : items)
      if (item.column == name) members.push_back(&item);
  if (index.weights.empty()) index.weights.assign(members.size(), 1.0);
  double weight_total = 0;
  for (double w : index.weights) weight_total += w;
  const std::size_t rows = members.empty() ? 0 : members[0]->values.size();
  index.values.assign(rows, stats::kNaN);
  // Items on another scale are mapped linearly onto the first item's scale.
  const RatingScale& target = members.empty() ? RatingScale{} : members[0]->scale;
  for (std::size_t row = 0; row < rows; ++row) {
    double sum = 0, answered = 0;
    for (std::size_t k = 0; k < members.size(); ++k) {
      const double v = members[k]->values[row];
      if (std::isnan(v)) continue;
      const RatingScale& s = members[k]->scale;
      const double mapped = target.min + (v - s.min) * (target.max - target.min) / (s.max - s.min);
      sum += index.weights[k] * mapped;
      answered += index.weights[k];
    }
    if (answered > 0 && answered >= index.min_answered * weight_total - 1e-12)
      index.values[row] = sum / answered;
  }
}

}  // namespace

std::vector<CompositeIndex> index_definitions(const std::vector<SurveyItem>& items,
                                              const Config& config, Warnings& warnings) {
  std::vector<CompositeIndex> out;
  const SurveyConfig& sc = config.survey;
  if (!sc.indices.empty()) {
    for (const IndexDefinition& d : sc.indices) {
      CompositeIndex index{d.name, "set in the configuration", {}, {}, d.min_answered, {}, {}};
      for (std::size_t k = 0; k < d.items.size(); ++k) {
        const bool is_item = std::any_of(items.begin(), items.end(), [&](const SurveyItem& it) {
          return it.column == d.items[k];
        });
        if (!is_item) {
          warnings.add("unusable_index_item", d.items[k], 0,
                       "An index item must be a rating column of the file; it is left out.");
          continue;
        }
        index.items.push_back(d.items[k]);
        if (!d.weights.empty()) index.weights.push_back(d.weights[k]);
      }
      if (index.items.empty()) continue;
      if (index.weights.empty()) index.weights.assign(index.items.size(), 1.0);
      out.push_back(std::move(index));
    }
    return out;
  }
  for (const DefaultIndex& d : kDefaultIndices) {
    CompositeIndex index{
        d.name, "items whose names start with \"" + d.first_word_stems[0] + "\"", {}, {}, 0.5, {},
        {}};
    for (const SurveyItem& item : items)
      if (item.channel.empty() &&
          starts_with_stem(normalize_header(item.column), d.first_word_stems))
        index.items.push_back(item.column);
    if (index.items.size() < 2) continue;
    index.weights.assign(index.items.size(), 1.0);
    out.push_back(std::move(index));
  }
  return out;
}

void assign_phase_channel(SurveyItem& item, const Config& config) {
  for (const auto& [column, o] : config.columns) {
    if (column != item.column || (o.phase.empty() && o.channel.empty())) continue;
    item.phase = o.phase.empty() ? item.column : o.phase;
    item.channel = o.channel;
    return;
  }
  if (!split_phase_channel(item.column, item.phase, item.channel)) item.phase = item.column;
}

std::string journey_source(const std::vector<SurveyItem>& items) {
  const bool any_channel = std::any_of(items.begin(), items.end(),
                                       [](const SurveyItem& i) { return !i.channel.empty(); });
  return any_channel ? "phases and channels from the item names (or the configuration)"
                     : "no channel in the item names: each item is a step";
}

std::pair<std::string, std::string> option_of_header(const std::string& header) {
  return option_of_header_impl(header);
}

stats::RowSums RatingLevels::sums() const {
  stats::RowSums out;
  const std::size_t rows = levels.empty() ? 0 : n[0].size();
  out.resize(rows);
  for (std::size_t l = 0; l < levels.size(); ++l) {
    const double y = levels[l];
    for (std::size_t row = 0; row < rows; ++row) {
      out.n[row] += n[l][row];
      out.y[row] += y * n[l][row];
      out.w[row] += w[l][row];
      out.wy[row] += y * w[l][row];
      out.w2[row] += w2[l][row];
      out.w2y[row] += y * w2[l][row];
      out.w2y2[row] += y * y * w2[l][row];
      out.wy2[row] += y * y * w[l][row];
    }
  }
  return out;
}

stats::RowSums RatingLevels::indicator(double from, double to) const {
  stats::RowSums out;
  const std::size_t rows = levels.empty() ? 0 : n[0].size();
  out.resize(rows);
  for (std::size_t l = 0; l < levels.size(); ++l) {
    const bool in = levels[l] >= from && levels[l] <= to;
    for (std::size_t row = 0; row < rows; ++row) {
      out.n[row] += n[l][row];
      out.w[row] += w[l][row];
      out.w2[row] += w2[l][row];
      if (!in) continue;
      out.y[row] += n[l][row];
      out.wy[row] += w[l][row];
      out.wy2[row] += w[l][row];
      out.w2y[row] += w2[l][row];
      out.w2y2[row] += w2[l][row];
    }
  }
  return out;
}

std::vector<char> Grouping::mask(std::uint32_t code) const {
  std::vector<char> out(codes.size());
  for (std::size_t row = 0; row < codes.size(); ++row) out[row] = codes[row] == code;
  return out;
}

std::vector<char> Grouping::mask_except(std::uint32_t code) const {
  std::vector<char> out(codes.size());
  for (std::size_t row = 0; row < codes.size(); ++row)
    out[row] = codes[row] != code && codes[row] != kMissingCode;
  return out;
}

std::optional<Grouping> grouping_of_column(const Column& column, std::string reason,
                                           std::size_t max) {
  if (column.type == ColumnType::categorical && column.labels.size() <= max)
    return grouping_from_categories(column, std::move(reason));
  if (table::is_numeric_type(column.type) && distinct_numbers(column, max) <= max)
    return grouping_from_numbers(column, std::move(reason));
  return {};
}

bool split_phase_channel(const std::string& header, std::string& phase, std::string& channel) {
  for (const char* separator_text : {":", " - "}) {
    const std::string separator = separator_text;
    const std::size_t at = header.find(separator);
    if (at == std::string::npos) continue;
    phase = trim_copy(header.substr(0, at));
    channel = trim_copy(header.substr(at + separator.size()));
    if (phase.empty() || channel.empty()) continue;
    if (const std::string* label = channel_label(normalize_header(channel))) channel = *label;
    return true;
  }
  std::vector<std::string> words = header_words(normalize_header(header));
  std::size_t strip = 0;
  while (strip < words.size() &&
         std::find(kRatingWords.begin(), kRatingWords.end(), words[strip]) != kRatingWords.end())
    ++strip;
  for (std::size_t tail : {std::size_t{2}, std::size_t{1}}) {
    if (words.size() < strip + tail + 1) continue;
    const std::string last = join_words(words, words.size() - tail, words.size(), '_');
    if (const std::string* label = channel_label(last)) {
      phase = capitalize(join_words(words, strip, words.size() - tail, ' '));
      channel = *label;
      return true;
    }
  }
  return false;
}

SurveyStructure survey_structure(const table::Table& table, const std::vector<ColumnRole>& roles,
                                 const Config& config, Warnings& warnings) {
  SurveyStructure s;
  const SurveyConfig& sc = config.survey;
  const std::size_t n_columns = table.columns.size();
  std::vector<bool> used(n_columns, false);
  auto column_index = [&](const std::string& name) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < n_columns; ++i)
      if (table.columns[i].name == name) return i;
    warnings.add("unknown_column", name, 0,
                 "A column named in the survey configuration is not in the file.");
    return {};
  };

  // Wave: named in the configuration, or a period column of whole numbers.
  std::optional<std::size_t> wave;
  if (!sc.wave.empty()) {
    wave = column_index(sc.wave);
  } else {
    for (std::size_t i = 0; i < n_columns && !wave; ++i)
      if (roles[i].role == Role::period && table.columns[i].type == ColumnType::integer &&
          distinct_numbers(table.columns[i], 30) <= 30)
        wave = i;
  }
  if (wave) {
    const Column& c = table.columns[*wave];
    const std::string reason = sc.wave.empty() ? "a year or wave header over few whole numbers"
                                               : "set in the configuration";
    s.wave = table::is_numeric_type(c.type) ? grouping_from_numbers(c, reason)
                                            : grouping_from_categories(c, reason);
    used[*wave] = true;
  }

  // Rating items; the overall one is named, or found by its header.
  std::optional<std::size_t> overall;
  if (!sc.overall.empty()) overall = column_index(sc.overall);
  std::vector<std::size_t> ratings;
  for (std::size_t i = 0; i < n_columns; ++i)
    if (roles[i].role == Role::rating && roles[i].scale &&
        table::is_numeric_type(table.columns[i].type))
      ratings.push_back(i);
  if (sc.overall.empty()) {
    for (std::size_t i : ratings)
      if (!overall && header_has_stem(normalize_header(table.columns[i].name), kOverallStems))
        overall = i;
    if (!overall) {  // the one rating that names satisfaction, among several
      std::vector<std::size_t> named;
      for (std::size_t i : ratings)
        if (header_has_stem(normalize_header(table.columns[i].name), kSatisfactionStems))
          named.push_back(i);
      if (named.size() == 1 && ratings.size() > 1) overall = named[0];
    }
  }
  if (overall) {
    const Column& c = table.columns[*overall];
    const bool is_rating = std::find(ratings.begin(), ratings.end(), *overall) != ratings.end();
    if (is_rating) {
      Outcome o;
      o.column = c.name;
      o.reason = sc.overall.empty() ? "a rating whose header names overall satisfaction"
                                    : "set in the configuration";
      o.scale = *roles[*overall].scale;
      o.values = rating_values(c, o.scale, table, nullptr).values;
      s.overall = std::move(o);
    } else if (auto binary = binary_outcome(c)) {
      if (!sc.overall.empty()) binary->reason = "set in the configuration; " + binary->reason;
      s.overall = std::move(binary);
    }
    if (s.overall) used[*overall] = true;
  }
  if (!s.overall && sc.overall.empty()) {
    for (std::size_t i = 0; i < n_columns && !s.overall; ++i)
      if (!used[i] && (s.overall = binary_outcome(table.columns[i]))) used[i] = true;
  }

  for (std::size_t i : ratings) {
    if (used[i]) continue;
    used[i] = true;
    const Column& c = table.columns[i];
    SurveyItem item;
    item.column = c.name;
    item.scale = *roles[i].scale;
    item.values = rating_values(c, item.scale, table, nullptr).values;
    assign_phase_channel(item, config);
    s.items.push_back(std::move(item));
  }
  s.journey_source = journey_source(s.items);

  // Multi-response questions: 0/1 columns sharing a prefix, or delimited lists.
  std::vector<bool> option_candidate(n_columns, false);
  for (std::size_t i = 0; i < n_columns; ++i)
    option_candidate[i] = !used[i] && table.columns[i].type == ColumnType::boolean &&
                          roles[i].role != Role::weight && roles[i].role != Role::identifier;
  s.multi_response = option_column_groups(table, option_candidate);
  for (const MultiResponse& m : s.multi_response)
    for (const std::string& column : m.columns)
      for (std::size_t i = 0; i < n_columns; ++i)
        if (table.columns[i].name == column) used[i] = true;
  for (std::size_t i = 0; i < n_columns; ++i) {
    if (used[i] || roles[i].role == Role::comment || roles[i].role == Role::identifier) continue;
    if (auto m = delimited_options(table.columns[i])) {
      s.multi_response.push_back(std::move(*m));
      used[i] = true;
    }
  }

  // Yes/no questions: the remaining 0/1 and yes/no columns.
  for (std::size_t i = 0; i < n_columns; ++i) {
    if (used[i] || !option_candidate[i]) continue;
    used[i] = true;
    s.yes_no.push_back({table.columns[i].name, table.columns[i].numbers, {}});
  }

  // Profile dimensions: named, or categorical columns with few categories.
  if (!sc.profile.empty()) {
    for (const std::string& name : sc.profile) {
      const auto i = column_index(name);
      if (!i) continue;
      const Column& c = table.columns[*i];
      if (c.type == ColumnType::categorical)
        s.profile.push_back(grouping_from_categories(c, "set in the configuration"));
      else if (auto ages = age_classes(c))
        s.profile.push_back(std::move(*ages));
      else if (table::is_numeric_type(c.type) && distinct_numbers(c, 30) <= 30)
        s.profile.push_back(grouping_from_numbers(c, "set in the configuration"));
      else
        warnings.add("unusable_profile", name, 0,
                     "A profile column must have categories (at most 30 distinct values).");
      used[*i] = true;
    }
  }
  for (std::size_t i = 0; i < n_columns; ++i) {
    if (used[i]) continue;
    const Column& c = table.columns[i];
    const std::string name = normalize_header(c.name);
    const bool categorical = c.type == ColumnType::categorical && c.labels.size() >= 2;
    if (categorical && (roles[i].role == Role::channel || header_has_stem(name, kChoiceStems)) &&
        c.labels.size() <= 30) {
      s.single_choice.push_back(grouping_from_categories(c, "a channel or main-choice header"));
      used[i] = true;
    } else if (sc.profile.empty() && categorical &&
               (roles[i].role == Role::dimension || roles[i].role == Role::territory)) {
      // A region column is also a profile dimension: who answered, and each
      // region against the rest in the breakdowns.
      const bool named = header_has_stem(name, kProfileStems);
      if (c.labels.size() <= (named ? 120u : 30u)) {
        s.profile.push_back(grouping_from_categories(
            c, named ? "a profile header over categories" : "categories (at most 30)"));
        used[i] = true;
      }
    } else if (sc.profile.empty() && header_has_stem(name, kAgeStems)) {
      if (auto ages = age_classes(c)) {
        s.profile.push_back(std::move(*ages));
        used[i] = true;
      }
    }
  }
  for (std::size_t i = 0; i < n_columns; ++i)
    if (!used[i] && roles[i].role == Role::comment) s.free_text.push_back(table.columns[i].name);

  s.indices = index_definitions(s.items, config, warnings);
  for (CompositeIndex& index : s.indices) build_index_values(index, s.items);
  return s;
}

}  // namespace ascolto::report
