#include "core/warnings.hpp"

namespace ascolto {

Warning& Warnings::find_or_add(std::string_view code, std::string_view column,
                               std::string_view message) {
  for (Warning& w : list_)
    if (w.code == code && w.column == column) return w;
  list_.push_back(Warning{std::string(code), std::string(column), std::string(message), 0, {}});
  return list_.back();
}

void Warnings::add(std::string_view code, std::string_view column, std::uint64_t line,
                   std::string_view message) {
  Warning& w = find_or_add(code, column, message);
  ++w.count;
  if (line && w.first_lines.size() < kMaxLines) w.first_lines.push_back(line);
}

void Warnings::add_many(std::string_view code, std::string_view column, std::uint64_t count,
                        const std::vector<std::uint64_t>& lines, std::string_view message) {
  if (count == 0) return;
  Warning& w = find_or_add(code, column, message);
  w.count += count;
  for (std::uint64_t line : lines)
    if (w.first_lines.size() < kMaxLines) w.first_lines.push_back(line);
}

std::uint64_t Warnings::count(std::string_view code) const {
  std::uint64_t total = 0;
  for (const Warning& w : list_)
    if (w.code == code) total += w.count;
  return total;
}

}  // namespace ascolto
