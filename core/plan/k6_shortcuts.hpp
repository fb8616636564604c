#pragma once
// k6's execution shortcuts as the one scenario they stand for, on the JSON document, so
// that CLI flags (--vus, --duration, ...) and `convert` can name the scenario's `exec`
// (k6's lib/executor/execution_config_shortcuts.go; REFERENCE §1.6):
//
//   iterations [+ duration]  -> shared-iterations {vus, iterations, maxDuration = duration}
//   duration (> 0)           -> constant-vus {vus, duration}
//   stages (non-empty)       -> ramping-vus {startVUs = vus, stages}
//   vus alone or nothing     -> per-vu-iterations {vus, iterations: 1}
//
// iterations with stages, duration with stages, and duration 0 are errors with k6's
// wording. A missing vus is 1 (k6's --vus default). Values are copied as written; the plan
// loader validates them.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/plan/plan_error.hpp"

namespace loadtwin::core {

// The scenario name k6 gives a test built from shortcuts.
inline constexpr std::string_view default_scenario_name = "default";

// The derived scenario object, or k6's conflicts.
struct ShortcutScenario {
  std::optional<boost::json::object> scenario;  // empty exactly when errors is not
  std::vector<PlanError> errors;
};

// Derives the "default" scenario from the shortcut keys of `options` (k6's option object;
// scenarios are not looked at) with `exec` as its request kind. `path` prefixes errors.
ShortcutScenario derive_default_scenario(boost::json::object const& options, std::string_view exec,
                                         std::string const& path);

// True when `options` holds any of vus, duration, iterations, stages.
bool has_shortcuts(boost::json::object const& options);

// Removes vus, duration, iterations and stages from `options`.
void erase_shortcuts(boost::json::object& options);

}  // namespace loadtwin::core
