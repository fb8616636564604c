#pragma once
// k6's command-line options on `sim` and `live`, defined once: --vus, --duration,
// --iterations, --stage, --exec, --tag, --summary-trend-stats, --no-thresholds (applied to
// the plan's JSON document: core/plan/cli_options.hpp states their k6 semantics) and
// --no-summary (output only).
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "app/outputs.hpp"
#include "app/plan_source.hpp"
#include "core/plan/cli_options.hpp"

namespace loadtwin::app {

struct RunFlags {
  std::int64_t vus = 0;         // 0 = not given
  std::string duration;         // "" = not given
  std::int64_t iterations = 0;  // 0 = not given
  std::vector<std::string> stages;
  std::string exec;
  std::vector<std::string> tags;
  std::string summary_trend_stats;
  bool no_thresholds = false;
  bool no_summary = false;
};

// Adds the flags to a command (sim, live).
void add_run_flags(CLI::App* command, RunFlags& flags);

// The flags as core's CliOptions.
core::CliOptions to_cli_options(RunFlags const& flags);

// load_plan's edit for the flags; prints k6's warnings ("... overrode scenarios
// configuration entirely") on stderr.
DocumentEdit run_flags_edit(RunFlags const& flags);

// The flags that change the run, split into words for the replay line (--no-summary
// changes only what is printed and is left out, like --quiet).
std::vector<std::string> run_flag_words(RunFlags const& flags);

// `output` with --no-summary applied: no summary printed (the replay line still is).
// --no-summary with --summary-export is an error (k6 writes no export then): its text.
std::optional<std::string> no_summary_conflict(RunFlags const& flags, OutputFlags const& output);
OutputFlags with_no_summary(OutputFlags output, RunFlags const& flags);

}  // namespace loadtwin::app
