#pragma once
// `live --compare-sim`: the plan run in sim with the same seed beside the live run, and the
// verdict whether the twin holds (SPEC "One twin"): per thresholded metric sim vs live
// p50/p95/p99, the outcome counts side by side, both verdicts, and the request-by-request
// comparison of their per-request records.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/plan/plan.hpp"
#include "core/report/summary.hpp"
#include "core/report/twin_compare.hpp"

namespace loadtwin::app {

// Collects every record of a run in memory.
struct RecordCollector final : core::RecordObserver {
  std::vector<core::RequestRecord> records;
  void on_record(core::RequestRecord const& record) override { records.push_back(record); }
};

// Parses --twin-tolerance "2ms" or "2ms,5ms" (p99, max); nullopt on a bad value.
std::optional<core::TwinTolerance> parse_twin_tolerance(std::string const& text);

// Runs `plan` in sim (seed and timeout as live had them), prints the comparison and returns
// whether the twin holds.
bool compare_with_sim(core::Plan const& plan, std::uint64_t seed, core::Summary const& live,
                      std::vector<core::RequestRecord> const& live_records,
                      core::TwinTolerance tolerance, std::ostream& out);

}  // namespace loadtwin::app
