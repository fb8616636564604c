#pragma once
// The streamed outputs of `live --workers N` (--out json=, --out requests=): one file each,
// written by every worker's thread through a lock. The files are the ones RunOutputs
// checked before the run; sample times are from the workers' shared start instant. For
// --html each worker gathers its own 1 s windows (no lock: one thread each), summed after.
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "app/run_outputs.hpp"
#include "core/metrics/sample_fanout.hpp"
#include "core/metrics/thresholds.hpp"
#include "core/report/records_io.hpp"
#include "core/report/report_json.hpp"
#include "core/report/run_series.hpp"
#include "core/report/series_collector.hpp"

namespace loadtwin::app {

class WorkerOutputs {
 public:
  // Creates the files `outputs` names; returns the problem, or nullopt.
  std::optional<std::string> open(RunOutputs const& outputs, core::Plan const& plan,
                                  core::RecordsHeader const& header, std::int64_t start_ns);
  // Hooks one worker's run to the files (from that worker's thread, before it starts).
  void attach(core::TestRun& run);
  // Flushes and closes; returns the problem, or nullopt.
  std::optional<std::string> finish();
  // Every worker's windows added up (merge's rule: counts add, VUs add); call after the run.
  [[nodiscard]] core::RunSeries merged_series() const;

 private:
  class LockedSamples;
  class LockedRecords;

  std::mutex mutex_;
  // The NDJSON writer's thresholds: its own, as the workers' runs end one by one.
  std::unique_ptr<core::Metrics> names_;
  std::unique_ptr<core::Thresholds> thresholds_;
  std::string samples_path_, records_path_;
  std::ofstream samples_file_;
  std::unique_ptr<core::NdjsonWriter> samples_;
  std::unique_ptr<core::RecordsOutput> records_;
  std::deque<std::unique_ptr<core::SampleObserver>> sample_taps_;
  std::deque<std::unique_ptr<core::RecordObserver>> record_taps_;
  // Per worker, for --html: its windows, its collector, and the fanout Metrics holds.
  struct WorkerSeries {
    core::RunSeries series;
    core::SeriesCollector collector{series};
    core::SampleFanout fanout;
  };
  bool collect_series_ = false;
  std::deque<WorkerSeries> worker_series_;
};

}  // namespace loadtwin::app
