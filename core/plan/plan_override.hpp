#pragma once
// `--set PATH=VALUE` on the plan's JSON document, before validation (SPEC "--set").
// PATH is '.'-separated with [n] for array elements and double quotes around keys holding
// any of . { } [ ] : -- e.g. options.thresholds."errors{kind:tool_call}"[0].
// VALUE is parsed as JSON when it is valid JSON, else taken as a string -- except a VALUE
// that starts with { [ or " and does not parse: that is a located JSON error.
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/plan/plan_error.hpp"

namespace loadtwin::core {

using PathStep = std::variant<std::string, std::size_t>;  // object key or array index

// Splits a PATH; nullopt + message on a syntax error (unclosed quote, bad index...).
std::optional<std::vector<PathStep>> parse_override_path(std::string_view path, std::string& error);

// Applies "PATH=VALUE" to `doc`. Missing object keys are created (validation then reports
// unknown ones); array indices must exist. Returns an error when the path cannot be applied.
std::optional<PlanError> apply_override(boost::json::value& doc, std::string_view assignment);

// The JSON value a VALUE string stands for: JSON when it parses, else the string itself.
boost::json::value override_value(std::string_view text);

}  // namespace loadtwin::core
