#include "core/plan/plan_override.hpp"

#include <boost/json/parse.hpp>
#include <charconv>

#include "core/plan/json_text.hpp"

namespace loadtwin::core {
namespace {

bool parse_index(std::string_view text, std::size_t& out) {
  auto const [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && ptr == text.data() + text.size() && !text.empty();
}

// Reads one key at `pos` (quoted or bare), leaving pos after it.
std::optional<std::string> read_key(std::string_view path, std::size_t& pos, std::string& error) {
  if (path[pos] == '"') {
    auto const close = path.find('"', pos + 1);
    if (close == std::string_view::npos) {
      error = "unclosed quote in path";
      return std::nullopt;
    }
    std::string key(path.substr(pos + 1, close - pos - 1));
    pos = close + 1;
    return key;
  }
  auto const end = path.find_first_of(".[", pos);
  std::string key(path.substr(pos, end == std::string_view::npos ? end : end - pos));
  pos = end == std::string_view::npos ? path.size() : end;
  if (key.empty()) {
    error = "empty key in path";
    return std::nullopt;
  }
  return key;
}

// A VALUE that opens an object, an array or a string means JSON; when it does not parse,
// taking it as a plain string would hide the typo, so it is a located error instead.
std::optional<PlanError> malformed_json_value(std::string_view path, std::string_view value) {
  auto const first = value.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return std::nullopt;
  if (value[first] != '{' && value[first] != '[' && value[first] != '"') return std::nullopt;
  auto parsed = parse_json_text(value);
  if (parsed.value) return std::nullopt;
  return to_plan_error(*parsed.error, value, "--set " + std::string(path));
}

}  // namespace

std::optional<std::vector<PathStep>> parse_override_path(std::string_view path,
                                                         std::string& error) {
  std::vector<PathStep> steps;
  std::size_t pos = 0;
  if (path.empty()) {
    error = "empty path";
    return std::nullopt;
  }
  while (pos < path.size()) {
    if (path[pos] == '[') {
      auto const close = path.find(']', pos);
      std::size_t index = 0;
      if (close == std::string_view::npos ||
          !parse_index(path.substr(pos + 1, close - pos - 1), index)) {
        error = "expected [n] with a non-negative integer n";
        return std::nullopt;
      }
      steps.emplace_back(index);
      pos = close + 1;
    } else {
      if (!steps.empty()) {
        if (path[pos] != '.') {
          error = "expected '.' or '[' after a key";
          return std::nullopt;
        }
        ++pos;
        if (pos >= path.size()) {
          error = "path ends with '.'";
          return std::nullopt;
        }
      }
      auto key = read_key(path, pos, error);
      if (!key) return std::nullopt;
      steps.emplace_back(std::move(*key));
    }
  }
  return steps;
}

boost::json::value override_value(std::string_view text) {
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (!ec) return value;
  return boost::json::string(text);
}

std::optional<PlanError> apply_override(boost::json::value& doc, std::string_view assignment) {
  auto const eq = assignment.find('=');
  if (eq == std::string_view::npos) {
    return PlanError{std::string(assignment), "--set expects PATH=VALUE"};
  }
  std::string_view const path = assignment.substr(0, eq);
  std::string error;
  auto const steps = parse_override_path(path, error);
  if (!steps) return PlanError{std::string(path), "--set path: " + error};
  if (auto bad = malformed_json_value(path, assignment.substr(eq + 1))) return bad;
  boost::json::value* node = &doc;
  for (auto const& step : *steps) {
    if (auto const* key = std::get_if<std::string>(&step)) {
      if (node->is_null()) *node = boost::json::object{};
      if (!node->is_object()) {
        return PlanError{std::string(path), "--set path: '" + *key + "' is not inside an object"};
      }
      node = &node->as_object()[*key];
    } else {
      auto const index = std::get<std::size_t>(step);
      if (!node->is_array() || index >= node->as_array().size()) {
        return PlanError{std::string(path),
                         "--set path: no array element [" + std::to_string(index) + "]"};
      }
      node = &node->as_array()[index];
    }
  }
  *node = override_value(assignment.substr(eq + 1));
  return std::nullopt;
}

}  // namespace loadtwin::core
