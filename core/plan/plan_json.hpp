#pragma once
// Plan loading: JSON text + `--set` overrides -> validated Plan, or every error found.
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/plan/plan.hpp"
#include "core/plan/plan_error.hpp"

namespace loadtwin::core {

struct PlanParse {
  std::optional<Plan> plan;
  std::vector<PlanError> errors;  // non-empty exactly when plan is empty
};

// What the plan will be used for: a run checks that its loops can end; the mock only
// serves the model, so a model that answers everything at once is fine there.
enum class PlanUse { run, model_only };

// Parses `json_text`, applies each "PATH=VALUE" of `overrides` in order, then validates
// everything (SPEC "Plan file"): unknown fields, wrong types, bad durations, rates outside
// [0,1], k6 executor rules, threshold grammar and metrics, zero-time iteration loops.
// A JSON syntax error is one located error (line, column, excerpt: json_text.hpp).
PlanParse parse_plan(std::string_view json_text, std::vector<std::string> const& overrides = {},
                     PlanUse use = PlanUse::run);

// The same on a parsed document, for callers that edit it first (CLI shortcut flags,
// `convert`): applies `overrides`, then validates.
PlanParse parse_plan_value(boost::json::value doc,
                           std::vector<std::string> const& overrides = {},
                           PlanUse use = PlanUse::run);

// Reads one scenario object (used by parse_plan; exposed for tests).
std::optional<ScenarioConfig> parse_scenario(std::string const& name,
                                             boost::json::value const& json,
                                             std::string const& path,
                                             std::vector<PlanError>& errors);

// True when every iteration of `scenario` takes zero virtual time under `model`, so a
// loop-until-deadline executor would never end (SPEC: rejected with 104).
bool iterations_take_no_time(ScenarioConfig const& scenario, ModelConfig const& model);

}  // namespace loadtwin::core
