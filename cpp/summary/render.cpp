#include "summary/render.hpp"

namespace ascolto::summary {

namespace {

using json = nlohmann::ordered_json;

void section(std::string& out, const std::string& title, const json& sintesi, Format format,
             Lang lang) {
  if (!sintesi.is_object() || !sintesi.contains("findings")) return;
  const auto shown_text = [&](const std::string& text) {
    return format == Format::markdown ? markdown_escaped(text) : text;
  };
  out += format == Format::markdown ? "## " + shown_text(title) + "\n\n"
                                    : title + "\n" + std::string(title.size(), '=') + "\n";
  for (const json& f : sintesi["findings"]) {
    std::string text = f.value(lang == Lang::it ? "it" : "en", "");
    if (f.contains("dataset") && format == Format::text)
      text = "[" + f["dataset"].get<std::string>() + "] " + text;
    out += "- " + shown_text(text) + "\n";
  }
  if (sintesi.contains("incomplete")) {
    std::string parts;
    for (const json& p : sintesi["incomplete"])
      parts += (parts.empty() ? "" : ", ") + p.get<std::string>();
    out += "- " + shown_text(sentence("incomplete", lang, {{"sections", parts}})) + "\n";
  }
  out += "\n";
}

}  // namespace

std::string markdown_escaped(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    // Emphasis, code, links, HTML, headings, tables and strike-through.
    if (std::string_view("\\`*_{}[]<>#|~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string render(const json& report, Format format, Lang lang) {
  std::string out;
  if (format == Format::markdown) out += "# " + sentence("title", lang, {}) + "\n\n";
  if (report.contains("sintesi"))
    section(out, sentence("title_combined", lang, {}), report["sintesi"], format, lang);
  if (report.contains("datasets"))
    for (const json& d : report["datasets"]) {
      const bool has_findings = d.contains("sintesi") && d["sintesi"].contains("findings") &&
                                !d["sintesi"]["findings"].empty();
      if (has_findings) {
        section(out, d.value("name", ""), d["sintesi"], format, lang);
      } else if (!d.contains("error")) {  // (a file that failed is told on stderr)
        // Why there is nothing to say, rather than nothing at all.
        const bool unknown = d.contains("kind") && d["kind"].value("value", "") == "unknown";
        const std::string why = sentence(unknown ? "no_sintesi_unknown" : "no_sintesi", lang, {});
        const json findings = {{{lang == Lang::it ? "it" : "en", why}}};
        section(out, d.value("name", ""), {{"findings", findings}}, format, lang);
      }
    }
  return out;
}

}  // namespace ascolto::summary
