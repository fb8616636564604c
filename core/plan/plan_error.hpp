#pragma once
// A user-input error in a plan or a flag: where (JSON path) and what was expected.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace loadtwin::core {

// Where a syntax error is in a text: the plan file itself, or another text (a --set value).
struct TextLocation {
  std::string source;  // "" = the file being loaded; else what to name, e.g. "--set options.x"
  std::size_t line = 1;
  std::size_t column = 1;
  std::string excerpt;  // the line and a caret under the column (caret_excerpt)
};

struct PlanError {
  std::string path;     // "options.scenarios.tool_call.duration"; "" for the whole document
  std::string message;  // "expected a duration string like \"30s\", got -1"
  // Syntax errors: FILE:LINE:COL and the line, instead of a JSON path.
  std::optional<TextLocation> at = std::nullopt;
};

// "FILE: PATH: MESSAGE" lines, one per error, for the app to print before exiting 104;
// a located error is "FILE:LINE:COL: MESSAGE" (or "SOURCE:LINE:COL: ...") and its excerpt.
std::string format_plan_errors(std::string const& file, std::vector<PlanError> const& errors);

}  // namespace loadtwin::core
