#include "report/workspace.hpp"

#include <algorithm>
#include <new>
#include <optional>

#include <nlohmann/json.hpp>

#include "cells/contract.hpp"
#include "cells/sql.hpp"
#include "core/warnings.hpp"
#include "csv/reader.hpp"
#include "report/aggregate.hpp"
#include "report/dataset_report.hpp"
#include "report/feedback_report.hpp"
#include "report/media_report.hpp"
#include "spreadsheet/workbook.hpp"
#include "summary/sintesi.hpp"
#include "table/table.hpp"

namespace ascolto::report {

using json = nlohmann::ordered_json;

struct Workspace::Dataset {
  // While loading: the reader streams records into the builder.
  // One reader per file: a dataset of several files has several, in turn.
  struct Loading {
    Loading(const Config& config, Warnings& warnings, core::Workers& pool,
            const ParallelReading& when)
        : workers(pool),
          parallel(when),
          builder(warnings),
          reader(std::make_unique<csv::Reader>(config.read, builder)) {
      builder.use_workers(&workers);
      use_workers(*reader);
    }
    void use_workers(csv::Reader& r) {
      r.use_workers(&workers);
      r.set_parallel(parallel.min_bytes, parallel.range_bytes);
    }
    core::Workers& workers;
    ParallelReading parallel;
    table::TableBuilder builder;
    std::unique_ptr<csv::Reader> reader;
    std::uint64_t lines_before = 0;  // lines of the files before the current one
    bool file_ended = false;         // end_file() was called for the current file
  };

  Dataset(std::string dataset_name, const Config& dataset_config, core::Workers& workers,
          const ParallelReading& parallel)
      : name(std::move(dataset_name)), config(dataset_config) {
    loading = std::make_unique<Loading>(config, warnings, workers, parallel);
    loading->builder.begin_part(name, 1);
  }

  std::string name;
  Config config;  // a copy: each dataset keeps the configuration it was read with
  Warnings warnings;
  std::unique_ptr<Loading> loading;
  std::vector<csv::FileInfo> files;              // how each file was read (one for a plain file)
  std::optional<spreadsheet::SheetFacts> sheet;  // a workbook's sheet: how it was read
  table::Table table;
  std::vector<ColumnRole> roles;  // detected once the table is read: every request uses them
  Error error;
  mutable FeedbackCachePtr feedback_cache;  // built on the first feedback view, reused by filters
};

namespace {

// Runs `body`, turning any exception into an Error: nothing escapes the core.
template <typename Body>
Error guarded(Body&& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return make_error(ErrorCode::out_of_memory);
  } catch (const std::length_error&) {
    return make_error(ErrorCode::out_of_memory);
  } catch (const std::exception& e) {
    return make_error(ErrorCode::internal, std::string("Internal error: ") + e.what());
  } catch (...) {
    return make_error(ErrorCode::internal);
  }
}

}  // namespace

// Every workbook read: its sheets in the order met, each read into a
// dataset or skipped with its reason.
struct Workspace::WorkbookListing {
  std::string name;
  std::string format;
  json sheets = json::array();
  std::vector<std::size_t> order;  // each sheet's place in the workbook

  // Sheets are met out of order (the skipped ones when the workbook is
  // planned): each goes where the workbook has it.
  void add(std::size_t index, json sheet) {
    std::size_t at = 0;
    while (at < order.size() && order[at] < index) ++at;
    order.insert(order.begin() + static_cast<std::ptrdiff_t>(at), index);
    sheets.insert(sheets.begin() + static_cast<std::ptrdiff_t>(at), std::move(sheet));
  }
};

namespace {

// How a sheet was read, in the terms of a CSV file's facts (so that every
// view of a dataset's file works), with the sheet's own facts beside.
csv::FileInfo sheet_file_info(const spreadsheet::SheetFacts& facts, std::uint64_t bytes) {
  csv::FileInfo info;
  info.bytes = bytes;
  info.encoding_reason = "a workbook stores its text as Unicode";
  info.delimiter = ',';
  info.delimiter_reason = "a workbook has cells, not a delimiter";
  info.header = facts.header;
  info.header_reason = facts.header_reason;
  info.line_ending = "none";
  info.lines = facts.last_row;
  info.blank_lines = facts.blank_rows;
  info.preamble = facts.preamble;
  info.first_lines = facts.first_lines;
  return info;
}

}  // namespace

// Adapts the workbook reader's sinks to datasets: a sheet with a table is a
// dataset, a CSV file in a ZIP archive is read as any CSV file.
class Workspace::WorkbookLoad : public spreadsheet::SheetSink, public spreadsheet::TextFileSink {
 public:
  WorkbookLoad(Workspace& workspace, std::string name, std::uint64_t size)
      : workspace_(workspace),
        size_(size),
        reader_(name, size, options(workspace.config_), *this, *this) {
    workspace_.workbooks_.push_back({std::move(name), "", json::array(), {}});
  }

  spreadsheet::WorkbookReader& reader() { return reader_; }
  WorkbookListing& listing() { return workspace_.workbooks_.back(); }

  table::TableBuilder& begin_sheet(const spreadsheet::SheetFacts& facts,
                                   Warnings*& warnings) override {
    Config config = workspace_.config_;
    auto d = std::make_unique<Dataset>(facts.workbook + " \xc2\xb7 " + facts.sheet, config,
                                       *workspace_.workers_, workspace_.parallel_);
    warnings = &d->warnings;
    table::TableBuilder& builder = d->loading->builder;
    workspace_.datasets_.push_back(std::move(d));
    return builder;
  }

  void end_sheet(const spreadsheet::SheetFacts& facts, const Error& error) override {
    Dataset& d = *workspace_.datasets_.back();
    d.sheet = facts;
    d.files = {sheet_file_info(facts, size_)};
    listing().format = facts.format;
    listing().add(facts.index, {{"name", facts.sheet}, {"dataset", d.name}});
    if (error) {
      workspace_.fail_current(error);
      return;
    }
    Error e = guarded([&] {
      if (Error built = d.loading->builder.error()) return built;
      return workspace_.finish_table(d);
    });
    if (e)
      workspace_.fail_current(e);
    else
      d.loading.reset();
  }

  void skip_sheet(const spreadsheet::SheetFacts& facts, const std::string& reason) override {
    listing().format = facts.format;
    json entry = {{"name", facts.sheet}, {"skipped", reason}};
    if (!facts.first_lines.empty()) entry["first_lines"] = facts.first_lines;
    listing().add(facts.index, std::move(entry));
  }

  void begin_text_file(const std::string& name, std::uint64_t size) override {
    listing().format = "zip";
    workspace_.begin_dataset(name, size);
    listing().add(listing().order.size(), {{"name", name}, {"dataset", name}});
  }
  Error text_bytes(std::string_view bytes) override { return workspace_.feed(bytes); }
  void end_text_file() override {
    if (!workspace_.datasets_.empty() && workspace_.datasets_.back()->loading)
      workspace_.finish_dataset();
  }

 private:
  static spreadsheet::WorkbookOptions options(const Config& config) {
    spreadsheet::WorkbookOptions out;
    out.sheets = config.sheets;
    out.header = config.read.header;
    return out;
  }

  Workspace& workspace_;
  std::uint64_t size_;
  spreadsheet::WorkbookReader reader_;
};

Workspace::Workspace() = default;
Workspace::~Workspace() = default;

void Workspace::set_threads(unsigned threads) {
  // Past 8 threads the columns' appends (one a thread) and the memory of
  // the blocks gain little; in a page each thread is a Web Worker.
  if (threads == 0) threads = std::min(core::Workers::hardware_threads(), 8u);
  if (threads == workers_->threads()) return;
  // A dataset still loading keeps reading on the workers it began with.
  for (const auto& d : datasets_)
    if (d->loading) return;
  workers_ = &core::Workers::shared(threads);
}

bool Workspace::is_workbook(std::string_view head) {
  return spreadsheet::looks_like_workbook(head);
}

Error Workspace::begin_workbook(std::string name, std::uint64_t size) {
  if ((!datasets_.empty() && datasets_.back()->loading) || workbook_)
    return make_error(ErrorCode::invalid_state, "The previous dataset is not finished.");
  return guarded([&] {
    workbook_error_ = {};
    workbook_ = std::make_unique<WorkbookLoad>(*this, std::move(name), size);
    return Error{};
  });
}

spreadsheet::ByteRequest Workspace::workbook_next() {
  if (!workbook_) return {};
  spreadsheet::ByteRequest next;
  Error e = guarded([&] {
    next = workbook_->reader().next();
    return Error{};
  });
  if (e || next.kind == spreadsheet::ByteRequest::Kind::done) {
    // A sheet or CSV file left open by a failure ends with the error.
    if (!datasets_.empty() && datasets_.back()->loading) {
      Error reason = e ? e : workbook_->reader().error();
      if (!reason) reason = make_error(ErrorCode::damaged_workbook);
      fail_current(reason);
    }
    const Error failed = e ? e : workbook_->reader().error();
    workbook_error_ = failed;
    if (failed) {
      // The whole file could not be read: it stays in the report with its error.
      const std::string name = workbook_->listing().name;
      datasets_.push_back(std::make_unique<Dataset>(name, config_, *workers_, parallel_));
      Dataset& d = *datasets_.back();
      d.files.push_back(csv::FileInfo{});
      d.error = failed;
      d.loading.reset();
      if (workbook_->listing().format.empty())
        workbook_->listing().format = workbook_->reader().format();
    }
    workbook_.reset();
    return {};
  }
  return next;
}

void Workspace::workbook_fail(Error error) {
  if (workbook_) workbook_->reader().abort(std::move(error));
}

Error Workspace::workbook_feed(std::string_view bytes) {
  if (!workbook_) return make_error(ErrorCode::invalid_state, "No workbook is being read.");
  bool thrown = true;
  const Error e = guarded([&] {
    const Error refused = workbook_->reader().feed(bytes);
    thrown = false;
    return refused;
  });
  // Out of memory mid-part: the workbook ends with that, not with the
  // unclosed XML the part's parser would find when the part is ended.
  if (thrown) workbook_fail(e);
  return e;
}

Error Workspace::configure(std::string_view config_json) {
  return guarded([&] {
    Config parsed;
    if (Error e = parse_config(config_json, parsed)) return e;
    config_ = std::move(parsed);
    config_text_ = std::string(config_json);
    return Error{};
  });
}

Error Workspace::begin_dataset(std::string name, std::uint64_t expected_bytes,
                               std::string_view reading) {
  return guarded([&] {
    if (!datasets_.empty() && datasets_.back()->loading)
      return make_error(ErrorCode::invalid_state, "The previous dataset is not finished.");
    Config config = config_;
    if (!reading.empty()) {
      // The dataset's reading keys over the workspace's configuration.
      json merged = config_text_.find_first_not_of(" \t\r\n") == std::string::npos
                        ? json::object()
                        : json::parse(config_text_, nullptr, false);
      const json over = json::parse(reading, nullptr, false);
      if (!merged.is_object() || !over.is_object())
        return make_error(ErrorCode::invalid_config, "The reading options must be a JSON object.");
      for (const auto& [key, value] : over.items()) merged[key] = value;
      if (Error e = parse_config(merged.dump(), config)) return e;
    }
    config.read.expected_bytes = expected_bytes;
    datasets_.push_back(std::make_unique<Dataset>(std::move(name), config, *workers_, parallel_));
    return Error{};
  });
}

Error Workspace::fail_dataset(Error error) {
  if (datasets_.empty() || !datasets_.back()->loading)
    return make_error(ErrorCode::invalid_state, "No dataset is being read.");
  return fail_current(std::move(error));
}

Error Workspace::fail_current(Error error) {
  Dataset& d = *datasets_.back();
  d.error = error;
  if (d.files.empty()) d.files.push_back(d.loading->reader->info());
  d.loading.reset();  // free what was read
  return error;
}

namespace {

Error different_header() {
  return make_error(ErrorCode::different_header,
                    "This file's columns differ from the first file's: it is read as a dataset "
                    "of its own.");
}

}  // namespace

Error Workspace::end_file() {
  if (datasets_.empty() || !datasets_.back()->loading)
    return make_error(ErrorCode::invalid_state, "No dataset is being read.");
  Dataset& d = *datasets_.back();
  Dataset::Loading& loading = *d.loading;
  if (loading.file_ended) return {};
  Error e = guarded([&] {
    // The header of a small file is seen only now, when its sample is read.
    if (!loading.builder.part_refused()) {
      if (Error error = loading.reader->finish()) return error;
      if (Error error = loading.builder.error()) return error;
    }
    loading.file_ended = true;
    if (loading.builder.part_refused()) {
      loading.builder.drop_refused_part();
      return different_header();
    }
    d.files.push_back(loading.reader->info());
    loading.lines_before += d.files.back().lines;
    return Error{};
  });
  if (e && e.code != ErrorCode::different_header) return fail_current(e);
  return e;
}

Error Workspace::append_to_dataset(std::string name, std::uint64_t expected_bytes) {
  if (datasets_.empty() || !datasets_.back()->loading)
    return make_error(ErrorCode::invalid_state, "No dataset is being read.");
  if (Error e = end_file(); e && e.code != ErrorCode::different_header) return e;
  Dataset& d = *datasets_.back();
  return guarded([&] {
    Dataset::Loading& loading = *d.loading;
    csv::ReadOptions read = d.config.read;
    read.expected_bytes = expected_bytes;
    loading.reader = std::make_unique<csv::Reader>(read, loading.builder);
    loading.use_workers(*loading.reader);
    loading.builder.begin_part(std::move(name), loading.lines_before + 1);
    loading.file_ended = false;
    return Error{};
  });
}

Error Workspace::feed(std::string_view bytes) {
  if (datasets_.empty() || !datasets_.back()->loading)
    return make_error(ErrorCode::invalid_state, "No dataset is being read.");
  Dataset::Loading& loading = *datasets_.back()->loading;
  if (loading.builder.part_refused()) return different_header();
  Error e = guarded([&] {
    if (Error error = loading.reader->feed(bytes)) return error;
    return loading.builder.error();
  });
  if (e) return fail_current(e);
  if (loading.builder.part_refused()) return different_header();
  return e;
}

Error Workspace::finish_dataset() {
  if (datasets_.empty() || !datasets_.back()->loading)
    return make_error(ErrorCode::invalid_state, "No dataset is being read.");
  Dataset& d = *datasets_.back();
  if (Error e = end_file(); e && e.code != ErrorCode::different_header) return e;
  Error e = guarded([&] { return finish_table(d); });
  if (e) return fail_current(e);
  d.loading.reset();
  return {};
}

Error Workspace::finish_table(Dataset& d) {
  table::TypingOptions typing = d.config.typing;
  typing.delimiter = d.files.front().delimiter;
  if (Error error = d.loading->builder.finish(typing, d.table)) return error;
  // A dataset of several files is named by its first and last ("parts" lists them all).
  if (d.table.parts.size() > 1)
    d.name = d.table.parts.front().name + " \xe2\x80\xa6 " + d.table.parts.back().name;
  d.roles = detect_roles(d.table, d.config.columns, d.config.weight);
  if (const auto count = cells::count_column(d.roles))  // a cells file: rows stand for counts
    cells::apply_counts(d.table, *count, d.warnings);
  return Error{};
}

std::uint64_t Workspace::bytes_read() const {
  if (datasets_.empty() || !datasets_.back()->loading) return 0;
  return datasets_.back()->loading->reader->info().bytes;
}

std::uint64_t Workspace::rows_read() const {
  if (datasets_.empty()) return 0;
  const Dataset& d = *datasets_.back();
  return d.loading ? d.loading->builder.rows_read() : d.table.rows.read;
}

std::size_t Workspace::dataset_count() const {
  return datasets_.size();
}

void Workspace::discard_last_dataset() {
  if (!datasets_.empty()) datasets_.pop_back();
}

namespace {

// {"query", "kind", "dialect", "keys"} or {"error"} for one dataset's columns.
// A sample file (for the survey, whose query follows its structure).
struct Sample {
  const table::Table& table;
  const std::vector<ColumnRole>& roles;
  const Config& config;
};

json sql_json(const json& request, const std::string& dataset_kind,
              const std::vector<cells::SampleColumn>& columns, const Sample* sample) {
  cells::SqlRequest r;
  r.kind = request.value("kind", dataset_kind);
  r.source = request.value("table", "");
  r.time_zone = request.value("time_zone", "");
  const std::string dialect = request.value("dialect", "duckdb");
  std::vector<cells::KeyColumn> keys;
  std::string query;
  Error e;
  if (!cells::dialect_from_name(dialect, r.dialect)) {
    std::string list;
    for (const std::string& name : cells::dialect_names())
      list += (list.empty() ? "" : ", ") + name;
    e = make_error(ErrorCode::invalid_request,
                   "Unknown SQL dialect \"" + dialect + "\": one of " + list + ".");
  }
  if (!e && r.kind == "survey") {
    e = sample ? cells::survey_reduction_sql(r, sample->table, sample->roles, sample->config, keys,
                                             query)
               : make_error(ErrorCode::invalid_request,
                            "The survey query follows a sample file's questions: give one.");
  } else if (!e && sample && (r.kind == "volumes" || r.kind == "media")) {
    std::vector<std::string> sums;
    e = cells::series_keys(r.kind, sample->table, sample->roles, keys, sums);
    if (!e) e = cells::reduction_sql(r, keys, sums, query);
  } else {
    if (!e) e = cells::keys_for(r.kind, columns, keys);
    if (!e) e = cells::reduction_sql(r, keys, {}, query);
  }
  if (e) return {{"kind", r.kind}, {"error", error_json(e)}};
  json key_names = json::array();
  for (const cells::KeyColumn& k : keys)
    key_names.push_back({{"column", k.name}, {"by", cells::key_by_name(k.by)}});
  return {{"kind", r.kind}, {"dialect", dialect}, {"keys", std::move(key_names)}, {"query", query}};
}

}  // namespace

std::string Workspace::report(std::string_view request_json) const {
  json out;
  Error e = guarded([&] {
    json request = json::object();
    if (request_json.find_first_not_of(" \t\r\n") != std::string_view::npos) {
      request = json::parse(request_json, nullptr, false);
      if (request.is_discarded() || !request.is_object())
        return make_error(ErrorCode::invalid_request, "The report request must be a JSON object.");
    }
    std::optional<AggregateRequest> aggregate;
    std::optional<FeedbackRequest> feedback;
    std::optional<CommentsRequest> comments;
    std::optional<std::pair<std::size_t, std::size_t>> sentiment;  // offset, limit
    std::optional<json> sql;
    for (const auto& [key, value] : request.items()) {
      if (key == "sql") {
        if (!value.is_object())
          return make_error(ErrorCode::invalid_request, "\"sql\" must be an object.");
        sql = value;
        continue;
      }
      if (key == "sentiment") {
        std::size_t offset = 0, limit = 100;
        if (!value.is_object())
          return make_error(ErrorCode::invalid_request, "\"sentiment\" must be an object.");
        for (const auto& [k, v] : value.items()) {
          if ((k != "offset" && k != "limit") || !v.is_number_integer() ||
              v.get<std::int64_t>() < 0)
            return make_error(
                ErrorCode::invalid_request,
                "sentiment: \"" + k + "\" is unknown or not valid (offset, limit up to 1000).");
          (k == "offset" ? offset : limit) =
              std::min<std::size_t>(v.get<std::size_t>(), k == "limit" ? 1000 : SIZE_MAX);
        }
        sentiment.emplace(offset, limit);
        continue;
      }
      if (key == "aggregate") {
        aggregate.emplace();
        if (Error error = parse_aggregate_request(value, *aggregate)) return error;
      } else if (key == "feedback") {
        feedback.emplace();
        if (Error error = parse_feedback_request(value, *feedback)) return error;
      } else if (key == "comments") {
        comments.emplace();
        if (Error error = parse_comments_request(value, *comments)) return error;
      } else {
        return make_error(ErrorCode::invalid_request,
                          "Unknown report request key \"" + key + "\".");
      }
    }
    if (sql) {  // the reduction query of each dataset (or of the configuration's columns)
      json queries = json::array();
      for (const auto& d : datasets_) {
        if (d->loading || d->error) continue;
        std::vector<cells::SampleColumn> columns;
        for (std::size_t i = 0; i < d->roles.size(); ++i)
          columns.push_back({d->table.columns[i].name, d->roles[i], d->table.columns[i].in_words});
        const DatasetKind kind =
            d->config.kind ? *d->config.kind : detect_kind(d->table, d->roles).kind;
        const Sample sample{d->table, d->roles, d->config};
        json query = sql_json(*sql, dataset_kind_name(kind), columns, &sample);
        query["dataset"] = d->name;
        queries.push_back(std::move(query));
      }
      if (datasets_.empty()) {  // no sample: the roles the configuration gives
        std::vector<cells::SampleColumn> columns;
        for (const auto& [name, o] : config_.columns) {
          ColumnRole role;
          apply_override(o, role);
          columns.push_back({name, role, false});
        }
        queries.push_back(sql_json(
            *sql, config_.kind ? dataset_kind_name(*config_.kind) : "feedback", columns, nullptr));
      }
      out = {{"format", "ascolto-report"}, {"version", 1}, {"sql", std::move(queries)}};
      return Error{};
    }
    if (sentiment) {  // every item's label and score, paged
      json views = json::array();
      for (const auto& d : datasets_) {
        if (d->loading || d->error) continue;
        const DatasetKind kind =
            d->config.kind ? *d->config.kind : detect_kind(d->table, d->roles).kind;
        json view = {{"dataset", d->name}};
        if (d->table.aggregated())  // cells carry no items (see the report's "aggregated")
          view["sentiment"] = nullptr;
        else if (kind == DatasetKind::media)
          view["sentiment"] =
              media_sentiment_page(d->table, d->roles, sentiment->first, sentiment->second);
        else if (kind == DatasetKind::feedback)
          view["sentiment"] = sentiment_page(d->table, d->roles, sentiment->first,
                                             sentiment->second, d->feedback_cache);
        else
          continue;
        views.push_back(std::move(view));
      }
      out = {{"format", "ascolto-report"}, {"version", 1}, {"views", std::move(views)}};
      return Error{};
    }
    if (feedback || comments) {  // a dashboard's filter change: views of the tables in memory
      json views = json::array();
      for (const auto& d : datasets_) {
        if (d->loading || d->error) continue;
        const std::vector<ColumnRole>& roles = d->roles;
        json view = {{"dataset", d->name}};
        if (feedback)
          view["feedback"] =
              feedback_report(d->table, roles, d->config, *feedback, d->feedback_cache,
                              d->table.reading_threads > 1 ? workers_ : nullptr);
        if (comments)
          view["comments"] =
              comments_page(d->table, roles, d->config, *comments, d->feedback_cache);
        views.push_back(std::move(view));
      }
      out = {{"format", "ascolto-report"}, {"version", 1}, {"views", std::move(views)}};
      return Error{};
    }
    if (aggregate) {  // only the group-by: what dashboards ask for after each filter change
      json aggregates = json::array();
      for (const auto& d : datasets_) {
        if (d->loading || d->error) continue;
        json section;
        if (Error error = aggregate_json(d->table, d->roles, d->config, *aggregate, section))
          return error;
        section["dataset"] = d->name;
        aggregates.push_back(std::move(section));
      }
      out = {{"format", "ascolto-report"}, {"version", 1}, {"aggregates", std::move(aggregates)}};
      return Error{};
    }
    json datasets = json::array();
    json first_error;
    for (const auto& d : datasets_) {
      if (d->loading) continue;  // still being read
      if (d->error) {
        if (first_error.is_null()) first_error = error_json(d->error);
        datasets.push_back(failed_dataset_json(d->sheet ? &*d->sheet : nullptr, d->name, d->error,
                                               d->files.front(), d->table, d->warnings));
        continue;
      }
      datasets.push_back(dataset_report(DatasetInput{d->name, d->files, d->table, d->roles,
                                                     d->warnings, d->config, d->feedback_cache,
                                                     d->sheet ? &*d->sheet : nullptr, workers_}));
    }
    // Several datasets read together: one combined Sintesi of their headlines.
    json combined = summary::combined_sintesi(datasets, config_.sintesi);
    out = {{"format", "ascolto-report"}, {"version", 1}, {"datasets", std::move(datasets)}};
    if (!combined.is_null()) out["sintesi"] = std::move(combined);
    if (!workbooks_.empty()) {
      json workbooks = json::array();
      for (const WorkbookListing& w : workbooks_)
        workbooks.push_back({{"name", w.name}, {"format", w.format}, {"sheets", w.sheets}});
      out["workbooks"] = std::move(workbooks);
    }
    // A file that could not be read is an error of the whole run (non-zero
    // exit in the CLI), but the other files are still reported.
    if (!first_error.is_null()) out["error"] = std::move(first_error);
    return Error{};
  });
  // Text from files is valid UTF-8 after transcoding; replace, never throw, if not.
  const auto dump = [](const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
  };
  if (e) return dump(json{{"error", error_json(e)}});
  return dump(out);
}

}  // namespace ascolto::report
