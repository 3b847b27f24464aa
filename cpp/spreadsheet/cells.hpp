// What a workbook's cells mean: cell references, Excel's number formats
// that make a number a date, serial dates in both date systems, and
// OOXML's escapes in text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ascolto::spreadsheet {

/// What a number format shows: a date, a time of day, both, or a number.
enum class NumberShows : std::uint8_t { number, date, time, datetime, percent };

/// From a format code ("dd/mm/yyyy", "[$-410]d mmmm yyyy", "h:mm"):
/// quoted text, escapes and [colour]/[locale] sections are ignored. An
/// elapsed time ("[h]:mm") is a duration, read as a number of days.
NumberShows number_format_shows(std::string_view format_code);
/// Excel's built-in formats (numFmtId below 164).
NumberShows builtin_format_shows(unsigned id);

/// A stored share as the percentage it shows: "0.625" -> "62.5%" (the
/// decimal point moved in the text, so no digit changes).
std::string percent_text(std::string_view number);

/// A serial number as a workbook stores it ("45292.75").
double parse_serial(std::string_view text);

/// The text a date-formatted serial number is read as: "2023-10-31",
/// "2023-10-31T08:15:00" or "08:15:00". Nothing for a serial that is no
/// day: negative, or the 29 February 1900 that Excel's 1900 system counts
/// (serial 60) but that never was.
std::optional<std::string> serial_to_text(double serial, bool date1904, NumberShows shows);

/// Column (0-based) and row (1-based) of a reference such as "AB12"; the
/// row is 0 when the reference has none.
struct CellRef {
  std::uint32_t column = 0;
  std::uint64_t row = 0;
  bool valid = false;
};
CellRef parse_cell_ref(std::string_view ref);

/// Decodes OOXML's "_xHHHH_" escapes (a control character or an
/// underscore written in text) in place.
void unescape_ooxml(std::string& text);

}  // namespace ascolto::spreadsheet
