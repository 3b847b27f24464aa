// Errors are data: a closed set of codes, a message a person understands,
// and where it happened. The core never throws across its public API.
#pragma once

#include <cstdint>
#include <string>

namespace ascolto {

enum class ErrorCode : std::uint8_t {
  ok = 0,              ///< no error
  empty_file,          ///< the file has no bytes, or only blank lines
  header_only,         ///< a header row and no data row
  no_usable_rows,      ///< rows were read, but every one was rejected
  different_header,    ///< a file appended to a dataset has other columns
  binary_data,         ///< NUL bytes or control characters: not a text file
  unterminated_quote,  ///< a quoted field is still open at the end of the file
  field_too_large,     ///< one field is larger than the configured limit
  too_many_columns,    ///< more columns than the configured limit
  invalid_config,      ///< the configuration JSON is malformed or names unknown things
  invalid_request,     ///< a report request is malformed
  out_of_memory,       ///< the data does not fit in the memory available
  invalid_state,       ///< a call out of order (feeding a finished dataset, ...)
  io_error,            ///< the file could not be read (CLI only)
  damaged_zip,         ///< a workbook's ZIP container is damaged or cut short
  zip_bomb,            ///< a workbook part would inflate out of proportion
  encrypted_workbook,  ///< a password-protected workbook
  xls_workbook,        ///< an old binary Excel workbook (.xls, BIFF)
  xlsb_workbook,       ///< an Excel binary workbook (.xlsb)
  not_a_workbook,      ///< a ZIP archive that holds no workbook and no CSV file
  damaged_workbook,    ///< a workbook part that is not the XML it should be
  sheet_over_limits,   ///< a sheet beyond Excel's size (1,048,576 rows x 16,384 columns)
  unreadable_parquet,  ///< a Parquet file its reader (in JS) could not decode
  internal,            ///< a bug: please report it with the input that caused it
};

/// Stable snake_case name of a code, used in JSON ("unterminated_quote").
const char* error_code_name(ErrorCode code);

/// A default English explanation of a code, for when no detail is known.
const char* error_message(ErrorCode code);

/// An error with its location. `line` is the 1-based physical line of the
/// input where the problem starts, or 0 when it has no line.
struct Error {
  ErrorCode code = ErrorCode::ok;
  std::string message;
  std::uint64_t line = 0;

  bool ok() const { return code == ErrorCode::ok; }
  explicit operator bool() const { return !ok(); }
};

inline Error make_error(ErrorCode code, std::string message = {}, std::uint64_t line = 0) {
  if (message.empty()) message = error_message(code);
  return Error{code, std::move(message), line};
}

}  // namespace ascolto
