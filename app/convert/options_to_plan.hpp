#pragma once
// A k6 options object (read from a script, or printed by `k6 inspect`) -> a loadtwin plan
// (SPEC "convert, inspect, report"):
//  - each top-level option is kept, dropped with a warning, or refused (option_policy.hpp);
//    null means unset, as in k6's JSON, and is skipped silently;
//  - vus/duration/iterations/stages without scenarios become k6's "default" scenario
//    (k6_shortcuts.hpp), whose exec function is "default";
//  - each scenario's exec function (k6's default: "default") becomes a request kind: by
//    --exec-map NAME=KIND (NAME a scenario, then an exec function), else by the function's
//    name (exec_kinds.hpp); every unmapped one is listed in one error;
//  - --think-time NAME=DURATION sets think_time the same way; a scenario whose function
//    calls sleep() and has none gets a warning with the flag to add;
//  - scenario `env` is dropped with a warning; `externally-controlled` executors, browser
//    `options`, and thresholds on metrics loadtwin does not record (checks, custom metrics)
//    are refused: dropping them would change the load or the verdict;
//  - numeric durations (k6 reads numbers as milliseconds) become "Nms" strings;
//  - thresholds and everything else kept are written as they are, in their order;
//  - the plan gets `model` from the settings and must pass core::parse_plan_value.
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/convert/script_scan.hpp"
#include "core/plan/plan_error.hpp"

namespace loadtwin::app::convert {

// What the command line adds to the options: flags, the model, what the script showed.
struct ConvertSettings {
  std::map<std::string, std::string> exec_map;     // scenario or exec function -> kind
  std::map<std::string, std::string> think_times;  // scenario or exec function -> duration
  boost::json::value model;                        // the plan's "model" block
  bool from_inspect = false;  // k6 inspect may print derived scenarios beside the shortcuts
  std::map<std::string, SleepCall> sleeps;  // exec function -> its sleep() call
};

// The plan, or why there is none; warnings either way.
struct Conversion {
  std::optional<boost::json::value> plan;  // {"model": ..., "options": ...}; set when valid
  std::vector<core::PlanError> errors;     // refusals, unmapped execs, plan errors: exit 104
  std::vector<std::string> warnings;       // dropped options, sleep() not carried
};

// Converts `k6_options`; the plan is set exactly when errors is empty.
Conversion convert_options(boost::json::value const& k6_options, ConvertSettings const& settings);

}  // namespace loadtwin::app::convert
