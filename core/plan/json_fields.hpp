#pragma once
// Typed, located reads of a JSON object's fields for the plan loader. Every read that fails
// appends a PlanError naming the field's path and what was expected, and returns nullopt,
// so validation reports all problems of a plan at once.
#include <boost/json/value.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/distribution.hpp"
#include "core/plan/plan_error.hpp"
#include "core/time.hpp"

namespace loadtwin::core {

// "options.scenarios.a" + "duration" -> "options.scenarios.a.duration" (quoted if needed).
std::string join_path(std::string const& parent, std::string_view key);
// A short rendering of a JSON value for messages: "-1", "\"abc\"", "an object".
std::string describe_json(boost::json::value const& value);

class JsonFields {
 public:
  // `value` may be null (absent section): then every field reads as absent.
  JsonFields(boost::json::value const* value, std::string path, std::vector<PlanError>& errors);

  [[nodiscard]] bool is_object() const { return object_ != nullptr; }
  [[nodiscard]] std::string const& path() const { return path_; }
  [[nodiscard]] std::string path_of(std::string_view key) const { return join_path(path_, key); }
  [[nodiscard]] boost::json::value const* get(std::string_view key) const;
  [[nodiscard]] bool has(std::string_view key) const { return get(key) != nullptr; }
  // Reports every key not in `allowed` as unknown.
  void reject_unknown(std::initializer_list<std::string_view> allowed) const;
  void reject_unknown(std::vector<std::string_view> const& allowed) const;
  void error(std::string_view key, std::string message) const;
  // The object under `key` (absent -> a reader that reads everything as absent).
  [[nodiscard]] JsonFields child(std::string_view key) const {
    return JsonFields(get(key), path_of(key), errors_);
  }
  [[nodiscard]] std::vector<PlanError>& errors() const { return errors_; }

  std::optional<std::string> string(std::string_view key) const;
  std::optional<bool> boolean(std::string_view key) const;
  std::optional<double> number(std::string_view key, double min, double max) const;
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min,
                                      std::int64_t max) const;
  std::optional<Duration> duration(std::string_view key, Duration min = Duration{0}) const;
  // A delay: a duration string (constant) or a distribution object of durations.
  std::optional<Distribution> delay(std::string_view key) const;
  // A count: an integer >= 1 or a distribution object of plain numbers.
  std::optional<Distribution> count(std::string_view key) const;
  // A flat object of string values (k6 `tags`).
  std::optional<std::vector<std::pair<std::string, std::string>>> string_map(
      std::string_view key) const;

 private:
  std::optional<Distribution> distribution(std::string_view key, bool durations) const;
  std::optional<double> dist_param(JsonFields const& obj, std::string_view key,
                                   bool durations) const;

  boost::json::object const* object_ = nullptr;
  std::string path_;
  std::vector<PlanError>& errors_;
};

}  // namespace loadtwin::core
