#include "core/plan/json_pretty.hpp"

#include <algorithm>
#include <array>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>

namespace loadtwin::core {
namespace {

constexpr std::size_t line_width = 100;

// Renders `v` whose first character lands at column `column` of a line indented `indent`.
void render(boost::json::value const& v, std::size_t indent, std::size_t column, std::string& out);

std::string scalar_text(boost::json::value const& v) {
  if (v.is_double()) return plain_decimal(v.as_double());
  return boost::json::serialize(v);  // strings are escaped, integers are exact
}

// Nesting depth: 0 for a scalar, 1 for a container of scalars, ...
std::size_t depth(boost::json::value const& v) {
  std::size_t deepest = 0;
  if (v.is_object()) {
    for (auto const& [k, x] : v.as_object()) deepest = std::max(deepest, depth(x));
  } else if (v.is_array()) {
    for (auto const& x : v.as_array()) deepest = std::max(deepest, depth(x));
  } else {
    return 0;
  }
  return deepest + 1;
}

// The value on one line, "{"a": 1, "b": [2]}".
std::string one_line(boost::json::value const& v) {
  if (!v.is_structured()) return scalar_text(v);
  std::string out;
  if (v.is_object()) {
    out = "{";
    for (auto const& [k, x] : v.as_object()) {
      if (out.size() > 1) out += ", ";
      out += boost::json::serialize(boost::json::string(k)) + ": " + one_line(x);
    }
    return out + "}";
  }
  out = "[";
  for (auto const& x : v.as_array()) {
    if (out.size() > 1) out += ", ";
    out += one_line(x);
  }
  return out + "]";
}

void render_members(boost::json::object const& obj, std::size_t indent, std::string& out) {
  std::string const pad(indent + 2, ' ');
  bool first = true;
  for (auto const& [k, x] : obj) {
    out += first ? "\n" : ",\n";
    first = false;
    std::string const key = boost::json::serialize(boost::json::string(k)) + ": ";
    out += pad + key;
    render(x, indent + 2, pad.size() + key.size(), out);
  }
}

void render(boost::json::value const& v, std::size_t indent, std::size_t column, std::string& out) {
  if (!v.is_structured()) {
    out += scalar_text(v);
    return;
  }
  bool const empty = v.is_object() ? v.as_object().empty() : v.as_array().empty();
  // +1 for the comma that may follow.
  if (empty || (depth(v) <= 2 && column + one_line(v).size() + 1 <= line_width)) {
    out += one_line(v);
    return;
  }
  if (v.is_object()) {
    out += "{";
    render_members(v.as_object(), indent, out);
    out += "\n" + std::string(indent, ' ') + "}";
    return;
  }
  out += "[";
  std::string const pad(indent + 2, ' ');
  bool first = true;
  for (auto const& x : v.as_array()) {
    out += first ? "\n" + pad : ",\n" + pad;
    first = false;
    render(x, indent + 2, pad.size(), out);
  }
  out += "\n" + std::string(indent, ' ') + "]";
}

}  // namespace

std::string plain_decimal(double x) {
  if (!std::isfinite(x)) return "null";  // JSON has no inf or nan
  std::array<char, 400> buf{};
  auto const [end, ec] =
      std::to_chars(buf.data(), buf.data() + buf.size(), x, std::chars_format::fixed);
  if (ec != std::errc{}) return "null";
  return std::string(buf.data(), end);
}

namespace {

void render_compact(boost::json::value const& v, std::string& out) {
  if (v.is_object()) {
    out += '{';
    bool first = true;
    for (auto const& [k, x] : v.as_object()) {
      if (!first) out += ',';
      first = false;
      out += boost::json::serialize(boost::json::string(k));
      out += ':';
      render_compact(x, out);
    }
    out += '}';
  } else if (v.is_array()) {
    out += '[';
    bool first = true;
    for (auto const& x : v.as_array()) {
      if (!first) out += ',';
      first = false;
      render_compact(x, out);
    }
    out += ']';
  } else {
    out += scalar_text(v);
  }
}

}  // namespace

std::string render_json_compact(boost::json::value const& value) {
  std::string out;
  render_compact(value, out);
  return out;
}

std::string render_json_pretty(boost::json::value const& value) {
  std::string out;
  render(value, 0, 0, out);
  return out + "\n";
}

}  // namespace loadtwin::core
