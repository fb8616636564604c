#pragma once
// Where a command's plan comes from: a file, or the baseline embedded in the binary.
#include <optional>
#include <string>
#include <vector>

#include "core/plan/plan.hpp"
#include "core/plan/plan_json.hpp"

namespace loadtwin::app {

struct LoadedPlan {
  std::optional<core::Plan> plan;
  std::string display_name;  // the file, or "models/baseline.json (embedded)"
  std::string error;         // set when plan is empty: every problem, one per line
};

// Reads PLAN (or the embedded baseline when `path` is empty) and applies `overrides`.
LoadedPlan load_plan(std::string const& path, std::vector<std::string> const& overrides,
                     core::PlanUse use = core::PlanUse::run);

// The embedded models/baseline.json text.
std::string baseline_json();

}  // namespace loadtwin::app
