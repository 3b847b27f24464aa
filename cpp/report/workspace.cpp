#include "report/workspace.hpp"

#include <new>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/warnings.hpp"
#include "csv/reader.hpp"
#include "report/aggregate.hpp"
#include "report/dataset_report.hpp"
#include "table/table.hpp"

namespace ascolto::report {

using json = nlohmann::ordered_json;

struct Workspace::Dataset {
  // While loading: the reader streams records into the builder.
  // One reader per file: a dataset of several files has several, in turn.
  struct Loading {
    Loading(const Config& config, Warnings& warnings)
        : builder(warnings), reader(std::make_unique<csv::Reader>(config.read, builder)) {}
    table::TableBuilder builder;
    std::unique_ptr<csv::Reader> reader;
    std::uint64_t lines_before = 0;  // lines of the files before the current one
    bool file_ended = false;         // end_file() was called for the current file
  };

  Dataset(std::string dataset_name, const Config& dataset_config)
      : name(std::move(dataset_name)), config(dataset_config) {
    loading = std::make_unique<Loading>(config, warnings);
    loading->builder.begin_part(name, 1);
  }

  std::string name;
  Config config;  // a copy: each dataset keeps the configuration it was read with
  Warnings warnings;
  std::unique_ptr<Loading> loading;
  std::vector<csv::FileInfo> files;  // how each file was read (one for a plain file)
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

Workspace::Workspace() = default;
Workspace::~Workspace() = default;

Error Workspace::configure(std::string_view config_json) {
  return guarded([&] {
    Config parsed;
    if (Error e = parse_config(config_json, parsed)) return e;
    config_ = std::move(parsed);
    return Error{};
  });
}

Error Workspace::begin_dataset(std::string name, std::uint64_t expected_bytes) {
  return guarded([&] {
    if (!datasets_.empty() && datasets_.back()->loading)
      return make_error(ErrorCode::invalid_state, "The previous dataset is not finished.");
    Config config = config_;
    config.read.expected_bytes = expected_bytes;
    datasets_.push_back(std::make_unique<Dataset>(std::move(name), config));
    return Error{};
  });
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
  Error e = guarded([&] {
    Dataset::Loading& loading = *d.loading;
    table::TypingOptions typing = d.config.typing;
    typing.delimiter = d.files.front().delimiter;
    if (Error error = loading.builder.finish(typing, d.table)) return error;
    // A dataset of several files is named by its first and last ("parts" lists them all).
    if (d.table.parts.size() > 1)
      d.name = d.table.parts.front().name + " \xe2\x80\xa6 " + d.table.parts.back().name;
    d.roles = detect_roles(d.table, d.config.columns, d.config.weight);
    return Error{};
  });
  if (e) return fail_current(e);
  d.loading.reset();
  return {};
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
    for (const auto& [key, value] : request.items()) {
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
    if (feedback || comments) {  // a dashboard's filter change: views of the tables in memory
      json views = json::array();
      for (const auto& d : datasets_) {
        if (d->loading || d->error) continue;
        const std::vector<ColumnRole>& roles = d->roles;
        json view = {{"dataset", d->name}};
        if (feedback)
          view["feedback"] =
              feedback_report(d->table, roles, d->config, *feedback, d->feedback_cache);
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
        datasets.push_back(
            failed_dataset_json(d->name, d->error, d->files.front(), d->table, d->warnings));
        continue;
      }
      datasets.push_back(dataset_report(DatasetInput{d->name, d->files, d->table, d->roles,
                                                     d->warnings, d->config, d->feedback_cache}));
    }
    out = {{"format", "ascolto-report"}, {"version", 1}, {"datasets", std::move(datasets)}};
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
