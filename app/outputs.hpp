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

#include "core/report/report_json.hpp"
#include "core/report/report_text.hpp"
#include "core/run/run.hpp"
#include "core/report/summary.hpp"

namespace loadtwin::app {

struct OutputFlags {
  std::string summary_export;
  std::vector<std::string> outs;  // "json=FILE"
  std::string junit;
  std::string no_data = "pass";
  std::string start_time;
  std::uint64_t max_trend_samples = 100'000'000;
  bool quiet = false;
  bool no_color = false;
};

void add_output_flags(CLI::App* command, OutputFlags& flags);

// Opens the NDJSON file (if asked) and attaches its writer to a run.
class SampleOutput {
 public:
  // Returns an error message for bad --out / --start-time values or an unwritable file.
  std::optional<std::string> open(OutputFlags const& flags);
  void attach(core::TestRun& run);
  [[nodiscard]] bool flush();
  [[nodiscard]] std::string const& path() const { return path_; }

 private:
  std::string path_;
  std::int64_t start_ns_ = 0;
  std::ofstream file_;
  std::unique_ptr<core::NdjsonWriter> writer_;
};

// Prints the summary (unless --quiet) and the failing thresholds, writes --summary-export
// and --junit, and returns the exit code. `replay` is printed when the run did not pass.
int finish_run(core::Summary const& summary, OutputFlags const& flags, SampleOutput& samples,
               std::string const& mode, std::string const& replay);

int usage_error(std::string const& message);

}  // namespace loadtwin::app
