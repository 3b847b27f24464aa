#include "core/error.hpp"

namespace ascolto {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::ok:
      return "ok";
    case ErrorCode::empty_file:
      return "empty_file";
    case ErrorCode::header_only:
      return "header_only";
    case ErrorCode::no_usable_rows:
      return "no_usable_rows";
    case ErrorCode::different_header:
      return "different_header";
    case ErrorCode::binary_data:
      return "binary_data";
    case ErrorCode::unterminated_quote:
      return "unterminated_quote";
    case ErrorCode::field_too_large:
      return "field_too_large";
    case ErrorCode::too_many_columns:
      return "too_many_columns";
    case ErrorCode::invalid_config:
      return "invalid_config";
    case ErrorCode::invalid_request:
      return "invalid_request";
    case ErrorCode::out_of_memory:
      return "out_of_memory";
    case ErrorCode::invalid_state:
      return "invalid_state";
    case ErrorCode::io_error:
      return "io_error";
    case ErrorCode::internal:
      return "internal";
  }
  return "internal";
}

const char* error_message(ErrorCode code) {
  switch (code) {
    case ErrorCode::ok:
      return "No error.";
    case ErrorCode::empty_file:
      return "The file is empty: it has no rows to analyse.";
    case ErrorCode::header_only:
      return "The file has a header row but no data rows.";
    case ErrorCode::different_header:
      return "This file's columns differ from the first file's.";
    case ErrorCode::no_usable_rows:
      return "No row of the file could be used: every row was rejected. The reasons and the "
             "file's first lines are in the report; check the delimiter (or set it in the "
             "configuration) and the header.";
    case ErrorCode::binary_data:
      return "The file does not look like text (it contains NUL bytes): is it a CSV file?";
    case ErrorCode::unterminated_quote:
      return "A quoted field is never closed: the file ends inside quotes.";
    case ErrorCode::field_too_large:
      return "A field is larger than the size limit.";
    case ErrorCode::too_many_columns:
      return "The file has more columns than the limit.";
    case ErrorCode::invalid_config:
      return "The configuration is not valid.";
    case ErrorCode::invalid_request:
      return "The report request is not valid.";
    case ErrorCode::out_of_memory:
      return "The data does not fit in the memory available.";
    case ErrorCode::invalid_state:
      return "Operation not allowed in the current state.";
    case ErrorCode::io_error:
      return "The file could not be read.";
    case ErrorCode::internal:
      return "Internal error: please report it with the file that caused it.";
  }
  return "Internal error.";
}

}  // namespace ascolto
