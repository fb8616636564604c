#pragma once
// JSON text -> value, and where a syntax error is: every JSON the CLI reads (plans, --set
// values, --model files, k6 inspect output, later per-request records) reports
// FILE:LINE:COL with the offending line and a caret under the column.
#include <boost/json/value.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/plan/plan_error.hpp"

namespace loadtwin::core {

// A 1-based line and column; columns count characters (UTF-8 lead bytes), not bytes.
struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;
};

// The position of byte `offset` in `text` (an offset past the end is the end).
TextPosition position_at(std::string_view text, std::size_t offset);

// The line holding byte `offset`, indented by 4, and a caret under its column on the next
// line; both lines end with '\n'. Long lines are cut around the column.
std::string caret_excerpt(std::string_view text, std::size_t offset);

// Where and why the JSON text stopped parsing.
struct JsonTextError {
  std::size_t offset = 0;  // bytes before the error
  TextPosition at;
  std::string message;  // "syntax error at 'i'", "unexpected end of input"
};

// The value, or the error.
struct JsonTextParse {
  std::optional<boost::json::value> value;
  std::optional<JsonTextError> error;  // set exactly when value is empty
};

// Parses standard JSON (no comments, no trailing commas) with Boost.JSON's stream_parser,
// which tells how far it got; that offset becomes the error's line and column.
JsonTextParse parse_json_text(std::string_view text);

// The error as a located PlanError ("invalid JSON: ..." with line, column and excerpt);
// `source` names the text when it is not the file being loaded (e.g. "--set options.x").
PlanError to_plan_error(JsonTextError const& error, std::string_view text, std::string source = {});

}  // namespace loadtwin::core
