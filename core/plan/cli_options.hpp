#pragma once
// k6's command-line options over a plan, applied to the plan's JSON document before --set
// and validation, so flags and plan files share one validation and one error path.
// k6's precedence (REFERENCE §1.8): flags set on the command line win over the options.
//
//   --duration, --iterations, --stage   replace the plan's duration, iterations, stages AND
//                                        scenarios (k6 Options.Apply), with the warning
//                                        "... overrode scenarios configuration entirely"
//   --vus                                replaces vus
//   then, whenever one of the four (or --exec) is given, the shortcuts become one scenario
//   "default" running `exec` (simple_query unless --exec KIND; k6_shortcuts.hpp).
//   --vus or --exec alone on a plan that keeps its scenarios is an error: k6 ignores --vus
//   there, and silently ignoring a flag is worse than refusing it.
//   --tag NAME=VALUE (repeatable)        replaces options.tags as a whole (as k6's --tag)
//   --summary-trend-stats avg,p(99)      replaces options.summaryTrendStats
//   --no-thresholds                      removes options.thresholds (none is evaluated)
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/plan/plan_error.hpp"

namespace loadtwin::core {

// The flags as given; unset ones are empty.
struct CliOptions {
  std::optional<std::int64_t> vus = std::nullopt;
  std::optional<std::string> duration = std::nullopt;
  std::optional<std::int64_t> iterations = std::nullopt;
  std::vector<std::string> stages = {};            // "DURATION:TARGET", e.g. "30s:10"
  std::optional<std::string> exec = std::nullopt;  // request kind of the "default" scenario
  std::vector<std::string> tags = {};              // "NAME=VALUE"
  std::optional<std::string> summary_trend_stats = std::nullopt;  // "avg,p(99)"
  bool no_thresholds = false;
};

// What applying the flags found.
struct CliOptionsResult {
  std::vector<PlanError> errors;      // path = the flag ("--stage"); exit 104
  std::vector<std::string> warnings;  // to print on stderr, the run goes on
};

// Applies `flags` to `doc` (a plan document; "options" is created when absent).
CliOptionsResult apply_cli_options(boost::json::value& doc, CliOptions const& flags);

// True when any flag is set (nothing to apply otherwise).
bool any_cli_option(CliOptions const& flags);

}  // namespace loadtwin::core
