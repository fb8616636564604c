#pragma once
// Where a command's plan comes from: a file, or the baseline embedded in the binary.
#include <boost/json/value.hpp>
#include <functional>
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

// A change to the plan's JSON document before --set and validation (the CLI's k6 option
// flags); it appends what is wrong with its own input to `errors`.
using DocumentEdit =
    std::function<void(boost::json::value& doc, std::vector<core::PlanError>& errors)>;

// Reads PLAN (or the embedded baseline when `path` is empty), applies `edit`, then
// `overrides`, and validates. A JSON syntax error is reported as FILE:LINE:COL with the
// line; for a .js file, with a hint to `loadtwin convert` it.
LoadedPlan load_plan(std::string const& path, std::vector<std::string> const& overrides,
                     core::PlanUse use = core::PlanUse::run, DocumentEdit const& edit = {});

// The embedded models/baseline.json text.
std::string baseline_json();

}  // namespace loadtwin::app
