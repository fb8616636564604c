#pragma once
// The streamed outputs of `live --workers N` (--out json=, --out requests=): one file each,
// written by every worker's thread through a lock. The files are the ones RunOutputs
// checked before the run; sample times are from the workers' shared start instant.
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "app/run_outputs.hpp"
#include "core/metrics/thresholds.hpp"
#include "core/report/records_io.hpp"
#include "core/report/report_json.hpp"

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
  std::unique_ptr<core::RecordsWriter> records_;
  std::deque<std::unique_ptr<core::SampleObserver>> sample_taps_;
  std::deque<std::unique_ptr<core::RecordObserver>> record_taps_;
};

}  // namespace loadtwin::app
