// The Sintesi as a document for people: plain text or Markdown, from the
// report JSON (the CLI's `summary` command; the page renders its own).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "summary/wording.hpp"

namespace ascolto::summary {

enum class Format { text, markdown };

/// The combined summary first (when there is one), then each dataset's
/// findings under its name, in `lang`. Text from files is escaped for
/// Markdown, so a category named "*x*" prints as written.
std::string render(const nlohmann::ordered_json& report, Format format, Lang lang);

/// Backslash-escapes the characters Markdown would read as markup.
std::string markdown_escaped(const std::string& text);

}  // namespace ascolto::summary
