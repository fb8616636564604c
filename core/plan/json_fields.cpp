#include "core/plan/json_fields.hpp"

#include <fmt/format.h>

#include <boost/json/serialize.hpp>
#include <cmath>

namespace loadtwin::core {

std::string join_path(std::string const& parent, std::string_view key) {
  bool const needs_quotes = key.find_first_of(".{}[]:") != std::string_view::npos;
  std::string part = needs_quotes ? fmt::format("\"{}\"", key) : std::string(key);
  return parent.empty() ? part : parent + "." + part;
}

std::string describe_json(boost::json::value const& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  std::string text = boost::json::serialize(value);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

std::string format_plan_errors(std::string const& file, std::vector<PlanError> const& errors) {
  std::string out;
  for (auto const& e : errors) {
    if (e.at) {
      out += fmt::format("{}:{}:{}: {}\n{}", e.at->source.empty() ? file : e.at->source,
                         e.at->line, e.at->column, e.message, e.at->excerpt);
      continue;
    }
    out += e.path.empty() ? fmt::format("{}: {}\n", file, e.message)
                          : fmt::format("{}: {}: {}\n", file, e.path, e.message);
  }
  return out;
}

JsonFields::JsonFields(boost::json::value const* value, std::string path,
                       std::vector<PlanError>& errors)
    : path_(std::move(path)), errors_(errors) {
  if (value == nullptr) return;
  if (value->is_object()) {
    object_ = &value->as_object();
  } else {
    errors_.push_back({path_, "expected an object, got " + describe_json(*value)});
  }
}

boost::json::value const* JsonFields::get(std::string_view key) const {
  if (object_ == nullptr) return nullptr;
  return object_->if_contains(key);
}

void JsonFields::reject_unknown(std::initializer_list<std::string_view> allowed) const {
  reject_unknown(std::vector<std::string_view>(allowed));
}

void JsonFields::reject_unknown(std::vector<std::string_view> const& allowed) const {
  if (object_ == nullptr) return;
  for (auto const& [key, value] : *object_) {
    bool known = false;
    for (auto name : allowed) known = known || name == key;
    if (!known) {
      std::string expected;
      for (auto name : allowed) expected += (expected.empty() ? "" : ", ") + std::string(name);
      errors_.push_back({path_of(key), "unknown field (expected one of: " + expected + ")"});
    }
  }
}

void JsonFields::error(std::string_view key, std::string message) const {
  errors_.push_back({path_of(key), std::move(message)});
}

std::optional<std::string> JsonFields::string(std::string_view key) const {
  auto const* v = get(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    error(key, "expected a string, got " + describe_json(*v));
    return std::nullopt;
  }
  return std::string(v->as_string());
}

std::optional<bool> JsonFields::boolean(std::string_view key) const {
  auto const* v = get(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_bool()) {
    error(key, "expected true or false, got " + describe_json(*v));
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<double> JsonFields::number(std::string_view key, double min, double max) const {
  auto const* v = get(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number()) {
    error(key, fmt::format("expected a number in [{}, {}], got {}", min, max, describe_json(*v)));
    return std::nullopt;
  }
  double const x = v->to_number<double>();
  if (!(x >= min && x <= max)) {
    error(key, fmt::format("expected a number in [{}, {}], got {}", min, max, describe_json(*v)));
    return std::nullopt;
  }
  return x;
}

std::optional<std::int64_t> JsonFields::integer(std::string_view key, std::int64_t min,
                                                std::int64_t max) const {
  auto const* v = get(key);
  if (v == nullptr) return std::nullopt;
  std::optional<std::int64_t> x;
  if (v->is_int64()) x = v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    x = static_cast<std::int64_t>(v->as_uint64());
  }
  if (v->is_double() && std::trunc(v->as_double()) == v->as_double() &&
      std::fabs(v->as_double()) < 9e15) {
    x = static_cast<std::int64_t>(v->as_double());
  }
  if (!x || *x < min || *x > max) {
    error(key, fmt::format("expected an integer in [{}, {}], got {}", min, max, describe_json(*v)));
    return std::nullopt;
  }
  return x;
}

std::optional<Duration> JsonFields::duration(std::string_view key, Duration min) const {
  auto const* v = get(key);
  if (v == nullptr) return std::nullopt;
  std::optional<Duration> d;
  if (v->is_string()) d = parse_duration(v->as_string());
  if (!d) {
    error(key, "expected a duration string like \"30s\", \"250ms\" or \"1m30s\", got " +
                   describe_json(*v));
    return std::nullopt;
  }
  if (*d < min) {
    error(key, fmt::format("expected a duration of at least {}, got {}", format_duration(min),
                           describe_json(*v)));
    return std::nullopt;
  }
  return d;
}

std::optional<std::vector<std::pair<std::string, std::string>>> JsonFields::string_map(
    std::string_view key) const {
  auto const* v = get(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_object()) {
    error(key, "expected an object of string values, got " + describe_json(*v));
    return std::nullopt;
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (auto const& [k, value] : v->as_object()) {
    if (!value.is_string()) {
      errors_.push_back(
          {join_path(path_of(key), k), "expected a string, got " + describe_json(value)});
      continue;
    }
    out.emplace_back(std::string(k), std::string(value.as_string()));
  }
  return out;
}

}  // namespace loadtwin::core
