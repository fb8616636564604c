#pragma once
// Merging parts (SPEC "Execution segments and merge"): check that parts cover one plan's
// segment sequence exactly once, add their exact states up, and read the result as a run so
// that summarize(), the thresholds and the exports are the code a single run uses. The
// merged verdict is the single-run verdict on the same samples.
//
// What adds up exactly: trend values, counter sums and sample counts, rate numerators and
// denominators, per-scenario counters, and the vus / vus_max step functions (summed instant
// by instant, then sampled as one run samples them: core/run/scenario_context.hpp VuGauges).
// The run's duration is max(clock offset + duration) - min(clock offset) over the segments.
// Where a merged run may differ from one unsegmented run is the segments' own doing, not
// the merge's (README "Parts and merge"): abortOnFail (each segment aborts on its own
// samples), arrival-rate drops and pool growth, server coupling, and vus / vus_max when one
// scenario starts while another is releasing its VUs (each segment releases at its own end).
#include <cstddef>
#include <string>
#include <vector>

#include "core/metrics/metrics.hpp"
#include "core/metrics/thresholds.hpp"
#include "core/report/part.hpp"
#include "core/report/summary.hpp"

namespace loadtwin::core {

// A part and what to call it in messages (its file).
struct NamedPart {
  std::string name;
  Part part;
};

struct PartCoverage {
  std::vector<std::size_t> kept;      // indices of the parts to merge, in sequence order
  std::vector<std::string> errors;    // mismatches, gaps, overlaps (exit 104), each named
  std::vector<std::string> warnings;  // a duplicate kept once, differing versions
};

// Checks that every part has the first part's plan hash, seed, sequence and mode, and that
// together they cover every segment of the sequence exactly once. A part whose segments
// repeat another's (a retried pod) is kept once, with a warning: a completed one is
// preferred, then the later start, then the earlier on the command line.
PartCoverage check_coverage(std::vector<NamedPart> const& parts);

// Adds up parts of one plan, seed and sequence whose segments are disjoint (check_coverage's
// kept ones, or one process's workers). Requires at least one part.
Part merge_parts(std::vector<Part const*> const& parts, Plan const& plan);

// A part's state as a run: a Metrics and Thresholds declared from `plan` exactly as TestRun
// declares them, loaded with the part's sinks, the vus gauges replayed through VuGauges.
class PartRun {
 public:
  PartRun(Part const& part, Plan const& plan);
  PartRun(PartRun const&) = delete;
  PartRun& operator=(PartRun const&) = delete;

  // Sinks of the part this plan does not declare, or of another type ("" = none).
  [[nodiscard]] std::string const& problem() const { return problem_; }
  [[nodiscard]] Metrics const& metrics() const { return metrics_; }
  [[nodiscard]] RunView view() const;
  // summarize(view()), with the mode and what each segment's stop was.
  [[nodiscard]] Summary summarize(bool no_data_fail) const;

 private:
  void load_sinks(Part const& part);
  void replay_gauges(Part const& part);

  Part const& part_;
  Plan const& plan_;
  Metrics metrics_;
  Thresholds thresholds_;
  std::vector<ScenarioReport> scenarios_;
  std::string problem_;
};

// Adds two step functions: one point per instant of either, the sum of both values there.
std::vector<GaugePoint> add_series(std::vector<GaugePoint> const& a,
                                   std::vector<GaugePoint> const& b);

// One line per segment that did not complete ("segment 1/2:1 aborted at 4.2s on its own
// samples: errors rate<0.1"), "" when all completed; for one segment its own message.
std::string describe_stops(Part const& part);

// The clock offsets of the segments (start actual - planned), one line; "" without a
// start barrier.
std::string describe_clock_offsets(Part const& part);

// When the segments' starts cannot be compared: some ran without --start-at, or their
// barriers differ (then the spread of their actual starts). "" when all share one barrier.
std::string start_barrier_warning(Part const& part);

}  // namespace loadtwin::core
