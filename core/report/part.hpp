#pragma once
// A part (SPEC "Execution segments and merge"): the exact state of one run's outputs --
// or of several segments' runs already merged -- from which `merge` recomputes every output
// with the code a single run uses (summarize, thresholds, exports). Exact means: every trend
// value (integer nanoseconds, run-length), every counter sum and sample count, every rate
// numerator and denominator, the vus / vus_max step functions, the per-scenario accounting.
// Nothing in it is an estimate; merging parts adds these up.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/metrics/sinks.hpp"
#include "core/run/request_record.hpp"
#include "core/run/run.hpp"

namespace loadtwin::core {

// Version of the part format; a reader refuses any other.
inline constexpr int part_format = 1;

// One segment as it ran: where its clock started and how it ended.
struct SegmentRun {
  std::string segment;                     // "1/4:1/2" (k6's syntax), "0:1" unsegmented
  std::optional<std::int64_t> planned_ns;  // --start-at, ns since the epoch; none: no barrier
  std::int64_t actual_ns = 0;              // wall clock when its test clock started
  Duration duration{0};                    // its TestRun::duration()
  StopReason stop = StopReason::none;
  std::string stop_message;
  std::optional<Duration> abort_at;           // threshold abort: when (its own test time)
  std::vector<std::string> abort_thresholds;  // and which abortOnFail thresholds failed
  // Start actual - planned (0 without a barrier): how late this segment's clock started.
  [[nodiscard]] std::int64_t clock_offset_ns() const {
    return planned_ns ? actual_ns - *planned_ns : 0;
  }
  friend bool operator==(SegmentRun const&, SegmentRun const&) = default;
};

// One sink of the run's Metrics (a metric or a submetric), by its name.
struct PartSink {
  std::string name;  // "http_req_duration{expected_response:true}"
  Sink sink;         // vus / vus_max gauges are rebuilt from the step functions on merge
};

struct Part {
  std::string version;        // loadtwin's, of the writer
  std::string plan_sha256;    // Plan::sha256
  std::string plan_document;  // Plan::document: merge parses it back
  std::uint64_t seed = 1;
  std::string sequence;      // the execution segment sequence, "0,1/4,...,1"
  std::string mode = "sim";  // "sim" or "live"
  std::string dialect = "anthropic";
  std::vector<SegmentRun> runs;           // one per segment covered, in sequence order
  std::vector<PartSink> sinks;            // every entry of the Metrics, in Metrics::entries() order
  std::vector<GaugePoint> vus;            // active VUs: the step function (summed over segments)
  std::vector<GaugePoint> vus_allocated;  // VUs allocated at once (vus_max's high water)
  std::vector<ScenarioReport> scenarios;  // plan order; counters summed over segments
  RecordsHeader records_header;           // what this run's --out requests file says
  std::optional<std::string> records_path;  // that file, when one was written

  // The run's duration over every segment: max(offset + duration) - min(offset).
  [[nodiscard]] Duration duration() const;
  // The worst stop of its segments (interrupted > engine bound > threshold abort > none).
  [[nodiscard]] StopReason stop() const;
};

// What a part says about the run besides its state.
struct PartIdentity {
  ExecutionTuple segment{};
  std::string mode = "sim";
  std::string dialect = "anthropic";
  std::optional<std::int64_t> planned_start_ns = std::nullopt;  // --start-at
  std::int64_t actual_start_ns = 0;                             // the wall clock of the run's start
  std::string stop_message{};
  RecordsHeader records_header{};
  std::optional<std::string> records_path = std::nullopt;
};

// A snapshot of a finished (or stopped) run.
Part make_part(TestRun const& run, Plan const& plan, PartIdentity const& identity);

// "completed", "threshold_abort", "interrupted", "engine_bound" (as the summary export).
std::string_view stop_name(StopReason stop);
std::optional<StopReason> parse_stop_name(std::string_view text);

}  // namespace loadtwin::core
