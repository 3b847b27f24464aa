// Warnings travel in the report next to the results: what was skipped or
// coerced, how often, and the first lines where it happened.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ascolto {

struct Warning {
  std::string code;     ///< stable snake_case identifier ("too_many_fields")
  std::string column;   ///< the column concerned, or empty
  std::string message;  ///< English explanation, with the first example
  std::uint64_t count = 0;
  std::vector<std::uint64_t> first_lines;  ///< at most kMaxLines, ascending
};

class Warnings {
 public:
  static constexpr std::size_t kMaxLines = 10;

  /// Counts one more occurrence. `message` is kept from the first one.
  void add(std::string_view code, std::string_view column, std::uint64_t line,
           std::string_view message);
  /// Adds `count` occurrences at once (lines may be empty).
  void add_many(std::string_view code, std::string_view column, std::uint64_t count,
                const std::vector<std::uint64_t>& lines, std::string_view message);

  const std::vector<Warning>& list() const { return list_; }
  std::uint64_t count(std::string_view code) const;

 private:
  Warning& find_or_add(std::string_view code, std::string_view column, std::string_view message);
  std::vector<Warning> list_;
};

}  // namespace ascolto
