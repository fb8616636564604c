#include "core/plan/json_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/error.hpp>
#include <boost/json/stream_parser.hpp>

namespace loadtwin::core {
namespace {

constexpr std::size_t excerpt_width = 90;

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::size_t columns_in(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_utf8_continuation(c); }));
}

// What the parser stopped at, for the message: 'x', a line break, or a byte value.
std::string describe_char_at(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return "the end of the input";
  unsigned char const c = static_cast<unsigned char>(text[offset]);
  if (c == '\n' || c == '\r') return "a line break";
  if (c >= 0x20 && c < 0x7F) return fmt::format("'{}'", static_cast<char>(c));
  if (c >= 0x80) {
    std::size_t end = offset + 1;
    while (end < text.size() && is_utf8_continuation(text[end])) ++end;
    return fmt::format("'{}'", text.substr(offset, end - offset));
  }
  return fmt::format("byte 0x{:02X}", c);
}

std::string describe_error(boost::system::error_code ec, std::string_view text,
                           std::size_t offset) {
  if (ec == boost::json::error::incomplete) {
    return "unexpected end of input (an object, array or string is not closed)";
  }
  if (ec == boost::json::error::extra_data) {
    return "unexpected " + describe_char_at(text, offset) + " after the JSON value";
  }
  return ec.message() + " at " + describe_char_at(text, offset);
}

}  // namespace

TextPosition position_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::string_view const before = text.substr(0, offset);
  auto const line_start = before.rfind('\n');
  std::size_t const line =
      1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  std::size_t const start = line_start == std::string_view::npos ? 0 : line_start + 1;
  return {line, 1 + columns_in(before.substr(start))};
}

std::string caret_excerpt(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  auto const newline_before = text.substr(0, offset).rfind('\n');
  std::size_t start = newline_before == std::string_view::npos ? 0 : newline_before + 1;
  std::size_t end = text.find('\n', offset);
  if (end == std::string_view::npos) end = text.size();
  if (end > start && text[end - 1] == '\r') --end;
  // Cut long lines (minified JSON) to a window that holds the column.
  if (offset - start > excerpt_width / 2) {
    start = offset - excerpt_width / 2;
    while (start < offset && is_utf8_continuation(text[start])) ++start;
  }
  if (end - start > excerpt_width) {
    end = start + excerpt_width;
    while (end < text.size() && is_utf8_continuation(text[end])) ++end;
  }
  std::string line(text.substr(start, end - start));
  std::replace(line.begin(), line.end(), '\t', ' ');
  std::size_t const column = columns_in(text.substr(start, offset - start));
  return fmt::format("    {}\n    {}^\n", line, std::string(column, ' '));
}

JsonTextParse parse_json_text(std::string_view text) {
  JsonTextParse result;
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  std::size_t const consumed = parser.write(text.data(), text.size(), ec);
  std::size_t offset = consumed;
  if (!ec) {
    parser.finish(ec);
    offset = text.size();
  }
  if (ec) {
    result.error =
        JsonTextError{offset, position_at(text, offset), describe_error(ec, text, offset)};
    return result;
  }
  result.value = parser.release();
  return result;
}

PlanError to_plan_error(JsonTextError const& error, std::string_view text, std::string source) {
  return PlanError{"", "invalid JSON: " + error.message,
                   TextLocation{std::move(source), error.at.line, error.at.column,
                                caret_excerpt(text, error.offset)}};
}

}  // namespace loadtwin::core
