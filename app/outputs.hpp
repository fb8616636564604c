#pragma once
// What `sim` and `live` share: the output flags, the NDJSON writer hook, and the end of a
// run -- summary on stdout, exports on disk, failing thresholds and the replay line.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/run_outputs.hpp"
#include "core/report/report_json.hpp"
#include "core/report/report_text.hpp"
#include "core/report/summary.hpp"
#include "core/run/run.hpp"

namespace loadtwin::app {

struct OutputFlags {
  std::string summary_export;
  std::vector<std::string> outs;  // "json=FILE"
  std::string junit;
  std::string html;              // --html: the run's self-contained HTML report
  std::string no_data = "fail";  // SPEC: the gate fails closed
  std::string start_time;
  std::uint64_t max_trend_samples = 100'000'000;
  bool quiet = false;
  bool no_color = false;
};

void add_output_flags(CLI::App* command, OutputFlags& flags);

// Two of `paths` naming one file (however spelled, existing or not): the sentence.
std::optional<std::string> shared_output_path(std::vector<std::string> const& paths);

// Checks every output flag before the run: --out values and the writability of every file
// (nothing is created or truncated yet). Returns the problem, or nullopt.
std::optional<std::string> check_output_flags(OutputFlags const& flags, RunOutputs& outputs);

// Prints the summary (unless --quiet) and the failing thresholds, writes --summary-export
// and --junit, and returns the exit code. `replay` is printed when the run did not pass.
int finish_run(core::Summary const& summary, OutputFlags const& flags, RunOutputs& outputs,
               std::string const& mode, std::string const& replay);

int usage_error(std::string const& message);

}  // namespace loadtwin::app
