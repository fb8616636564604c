#pragma once
// The files a run streams while it runs: `--out json=FILE` (k6 NDJSON samples) and
// `--out requests=FILE` (per-request records, gzip for .gz). Flags are checked before the
// run (a file that cannot be written is 104, and nothing is truncated yet); the files are
// created when the run starts.
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/report/records_io.hpp"
#include "core/report/report_json.hpp"
#include "core/run/run.hpp"

namespace loadtwin::app {

// What the records header says about the run besides its plan.
struct RunIdentity {
  std::string mode = "sim";  // "sim" or "live"
  std::string dialect = "anthropic";
  std::string segment = "0:1";
  std::string sequence{};
};

// Whether `path` can be written without touching it now: an existing file must be
// writable, a new one needs a writable folder. Returns the problem, or nullopt.
std::optional<std::string> check_writable(std::string const& path);

class RunOutputs {
 public:
  // Parses the --out values and checks every file; returns the problem, or nullopt.
  std::optional<std::string> open(std::vector<std::string> const& outs,
                                  std::string const& start_time);
  // Creates the files and attaches their writers; `wall_start_ns` is the run's start on the
  // wall clock (live), or nullopt for sim's --start-time origin (default 1970).
  std::optional<std::string> attach(core::TestRun& run, core::Plan const& plan,
                                    RunIdentity const& identity,
                                    std::optional<std::int64_t> wall_start_ns);
  // Flushes and closes; returns the problem, or nullopt.
  std::optional<std::string> finish();
  [[nodiscard]] bool wants_records() const { return !records_path_.empty(); }
  // Also hands every record to `observer` (live --compare-sim); call before attach().
  void add_record_observer(core::RecordObserver* observer) { tee_.targets.push_back(observer); }

 private:
  // Forwards each record to the file writer and the extra observers.
  struct Tee final : core::RecordObserver {
    std::vector<core::RecordObserver*> targets;
    void on_record(core::RequestRecord const& record) override {
      for (auto* t : targets) t->on_record(record);
    }
  };
  Tee tee_;
  std::string samples_path_;
  std::string records_path_;
  std::int64_t start_ns_ = 0;
  std::ofstream samples_file_;
  std::unique_ptr<core::NdjsonWriter> samples_;
  std::unique_ptr<core::RecordsWriter> records_;
};

}  // namespace loadtwin::app
