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
    case ErrorCode::damaged_zip:
      return "damaged_zip";
    case ErrorCode::zip_bomb:
      return "zip_bomb";
    case ErrorCode::encrypted_workbook:
      return "encrypted_workbook";
    case ErrorCode::xls_workbook:
      return "xls_workbook";
    case ErrorCode::xlsb_workbook:
      return "xlsb_workbook";
    case ErrorCode::not_a_workbook:
      return "not_a_workbook";
    case ErrorCode::damaged_workbook:
      return "damaged_workbook";
    case ErrorCode::sheet_over_limits:
      return "sheet_over_limits";
    case ErrorCode::unreadable_parquet:
      return "unreadable_parquet";
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
    case ErrorCode::damaged_zip:
      return "The workbook's ZIP container is damaged: save it again from Excel or LibreOffice, or "
             "export the sheet as CSV.";
    case ErrorCode::zip_bomb:
      return "A part of the workbook would inflate out of proportion (a ZIP bomb?): it is not "
             "read.";
    case ErrorCode::encrypted_workbook:
      return "The workbook is protected by a password: open it in Excel or LibreOffice, remove the "
             "password (or save a copy without it) and drop the copy.";
    case ErrorCode::xls_workbook:
      return "This is an old binary Excel workbook (.xls): open it in Excel or LibreOffice and "
             "save it as .xlsx, .ods or CSV.";
    case ErrorCode::xlsb_workbook:
      return "This is an Excel binary workbook (.xlsb): open it in Excel and save it as .xlsx or "
             "CSV.";
    case ErrorCode::not_a_workbook:
      return "The ZIP archive holds no workbook (.xlsx, .ods) and no CSV file.";
    case ErrorCode::damaged_workbook:
      return "A part of the workbook is not the XML it should be: save it again from Excel or "
             "LibreOffice, or export the sheet as CSV.";
    case ErrorCode::sheet_over_limits:
      return "The sheet is larger than a workbook may be (1,048,576 rows x 16,384 columns): split "
             "it, or export it as CSV.";
    case ErrorCode::unreadable_parquet:
      return "The Parquet file cannot be read: export it again, with Snappy compression or none.";
    case ErrorCode::internal:
      return "Internal error: please report it with the file that caused it.";
  }
  return "Internal error.";
}

}  // namespace ascolto
