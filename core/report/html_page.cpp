#include "core/report/html_page.hpp"

#include <cstddef>

#include "core/plan/json_pretty.hpp"
#include "core/version.hpp"

namespace loadtwin::embedded {
extern char const chart_js[];
extern std::size_t const chart_js_size;
extern char const report_css[];
extern std::size_t const report_css_size;
}  // namespace loadtwin::embedded

namespace loadtwin::core {

std::string html_escape(std::string_view text) { return markup_escape(text, false); }

std::string markup_escape(std::string_view text, bool apostrophe) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\'':
        out += apostrophe ? "&apos;" : "'";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string json_for_script(boost::json::value const& value) {
  std::string const text = render_json_compact(value);  // plain decimals (SPEC)
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && i + 1 < text.size() && text[i + 1] == '/') {
      out += "<\\/";
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string_view embedded_chart_js() { return {embedded::chart_js, embedded::chart_js_size}; }

std::string html_page_open(std::string const& title) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html_escape(title) + "</title>\n<style>\n";
  out.append(embedded::report_css, embedded::report_css_size);
  out += "</style>\n";
  out += html_script(embedded_chart_js());
  return out + "</head>\n<body>\n";
}

std::string html_data_block(std::string const& id, boost::json::value const& data) {
  return "<script type=\"application/json\" id=\"" + html_escape(id) + "\">" +
         json_for_script(data) + "</script>\n";
}

std::string html_script(std::string_view code) {
  std::string out = "<script>\n";
  out += code;
  return out + "\n</script>\n";
}

namespace {

// "v3.9.1" from the licence comment that opens Chart.js ("" if it is not there).
std::string chart_js_version() {
  std::string_view const js = embedded_chart_js().substr(0, 200);
  auto const at = js.find("Chart.js v");
  if (at == std::string_view::npos) return "";
  auto const end = js.find_first_of(" \n", at + 9);
  return std::string(js.substr(at + 9, end - at - 9));
}

}  // namespace

std::string html_page_close() {
  return "<footer>Written by loadtwin " + std::string(loadtwin_version) +
         ". Charts drawn with Chart.js " + chart_js_version() +
         " (MIT License, (c) Chart.js Contributors), embedded in this file: it needs no "
         "network.</footer>\n</body>\n</html>\n";
}

}  // namespace loadtwin::core
