#pragma once
// What a plan will do, read off its options without running it (k6 inspect
// --execution-requirements): per scenario its largest VU count and the span it occupies,
// startTime .. startTime + duration + gracefulStop (REFERENCE §1.6, k6's
// GetExecutionRequirements). For the iteration executors the duration is maxDuration, an
// upper bound: they end as soon as their iterations are done.
#include <cstdint>
#include <string>
#include <vector>

#include "core/plan/plan.hpp"

namespace loadtwin::core {

struct ScenarioOutline {
  std::string name;
  ExecutorKind executor = ExecutorKind::constant_vus;
  RequestKind exec = RequestKind::simple_query;
  std::uint32_t max_vus = 0;  // VUs the executor may hold at once (maxVUs for arrival rates)
  Duration start_time{0};
  Duration duration{0};            // duration, the stages' sum, or maxDuration
  bool duration_is_bound = false;  // maxDuration: the scenario may end earlier
  Duration graceful_stop{0};
  [[nodiscard]] Duration end() const { return start_time + duration + graceful_stop; }
};

ScenarioOutline outline_scenario(ScenarioConfig const& scenario);

// The latest end of any scenario: how long the test can take at most.
Duration plan_max_duration(Plan const& plan);

// The most VUs the plan may hold at one instant: each scenario counts its max_vus over its
// whole span, and overlapping spans add up (k6's maxVUs over the execution requirements).
std::uint32_t plan_max_vus(Plan const& plan);

}  // namespace loadtwin::core
