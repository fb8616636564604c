#pragma once
// summarize(): the one place derived numbers are computed. Renderers are pure functions of
// a Summary and never touch sinks (vegeta's Report.Add / Close / Reporter split).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/exit_code.hpp"
#include "core/run/run.hpp"

namespace loadtwin::core {

struct MetricSummary {
  std::string name;  // "errors" or "errors{scenario:x}"
  MetricType type = MetricType::counter;
  bool is_time = false;
  bool is_submetric = false;
  std::string suffix;
  bool has_thresholds = false;
  std::uint64_t samples = 0;
  double count = 0, per_second = 0;                   // counter
  double value = 0, min = 0, max = 0;                 // gauge
  double rate = 0;                                    // rate
  std::uint64_t passes = 0, fails = 0;                // rate
  std::vector<std::pair<std::string, double>> trend;  // summaryTrendStats column -> ms
  double p50 = 0, p95 = 0, p99 = 0;  // trend: always computed (live --compare-sim, reports)
};

struct Summary {
  bool simulated = true;
  std::uint64_t seed = 1;
  Duration duration{0};
  StopReason stop = StopReason::none;
  std::string stop_message;  // engine bound / interruption detail
  // What a reader must know about how the run was made (SPEC: --insecure, --allow-remote,
  // a budget stop, the last rate-limit headers), one line each.
  std::vector<std::string> notices;
  std::vector<MetricSummary> metrics;
  std::vector<ThresholdVerdict> verdicts;
  std::vector<ScenarioReport> scenarios;
  std::vector<std::string> trend_stats;
  std::string time_unit;
};

// What summarize() reads of a run: a live TestRun, or parts merged (core/report/part_merge).
struct RunView {
  Metrics const& metrics;
  Thresholds const& thresholds;
  std::vector<ScenarioReport> scenarios;
  Duration duration{0};
  StopReason stop = StopReason::none;
  std::uint64_t seed = 1;
};

Summary summarize(TestRun const& run, Plan const& plan, bool no_data_fail);
// The same for any view: merge computes its summary, verdicts and exports with this code.
Summary summarize(RunView const& run, Plan const& plan, bool no_data_fail);

// 105 interrupted, 107 engine bound, 99 any threshold failed (or abortOnFail), else 0.
ExitCode exit_code(Summary const& summary);

// One trend statistic by its summaryTrendStats name ("avg", "p(99.9)", "count").
double trend_stat(TrendSink const& sink, std::string const& stat);

}  // namespace loadtwin::core
