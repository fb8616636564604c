#pragma once
// A user-input error in a plan or a flag: where (JSON path) and what was expected.
#include <string>
#include <vector>

namespace loadtwin::core {

struct PlanError {
  std::string path;     // "options.scenarios.tool_call.duration"; "" for the whole document
  std::string message;  // "expected a duration string like \"30s\", got -1"
};

// "FILE: PATH: MESSAGE" lines, one per error, for the app to print before exiting 104.
std::string format_plan_errors(std::string const& file, std::vector<PlanError> const& errors);

}  // namespace loadtwin::core
