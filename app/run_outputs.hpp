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

#include "core/metrics/sample_fanout.hpp"
#include "core/report/records_io.hpp"
#include "core/report/report_json.hpp"
#include "core/report/series_collector.hpp"
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
  // The header the --out requests file has (or would have) for a run starting at `start_ns`.
  [[nodiscard]] core::RecordsHeader records_header(std::uint64_t seed, core::Plan const& plan,
                                                   RunIdentity const& identity,
                                                   std::int64_t start_ns) const;
  // The --start-time origin (sim), ns since the epoch.
  [[nodiscard]] std::int64_t start_ns() const { return start_ns_; }
  // `--out part=FILE` (app/part_output.hpp writes it after the run); "" when not asked for.
  [[nodiscard]] std::string const& part_path() const { return part_path_; }
  [[nodiscard]] std::string const& records_path() const { return records_path_; }
  [[nodiscard]] std::string const& samples_path() const { return samples_path_; }
  // Gathers the 1 s windows of the run for --html (call before attach()).
  void collect_series() { collect_series_ = true; }
  [[nodiscard]] bool wants_series() const { return collect_series_; }
  // The windows gathered so far (empty unless collect_series() was called).
  [[nodiscard]] core::RunSeries const& series() const { return series_; }
  // The windows gathered elsewhere (live --workers: every worker's, summed).
  void adopt_series(core::RunSeries series) { series_ = std::move(series); }
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
  std::string part_path_;
  std::int64_t start_ns_ = 0;
  std::ofstream samples_file_;
  std::unique_ptr<core::NdjsonWriter> samples_;
  std::unique_ptr<core::RecordsOutput> records_;
  bool collect_series_ = false;
  core::RunSeries series_;
  std::unique_ptr<core::SeriesCollector> collector_;
  core::SampleFanout observers_;  // the NDJSON writer and the series collector
};

}  // namespace loadtwin::app
