#pragma once
// ramping-vus planning as pure functions (k6 ramping_vus.go getRawExecutionSteps, for an
// unsegmented run).
//
// Within a stage of duration d from `from` to `to` VUs ending at T (diff = to - from):
//   ramping up, VU count v (from < v <= to) is reached at   T - d*(to - v)/diff
//   ramping down, count v-1 (to < v <= from) is reached at  T - d*(to - v + 1)/diff
// with integer division truncating toward zero, as Go's int64 arithmetic does. A zero-length
// stage jumps at T. Going 10 -> 0 over 10 s steps down one VU per second from t = 1 s, so
// the last VU stops at exactly T.
#include <cstdint>
#include <vector>

#include "core/plan/plan.hpp"

namespace loadtwin::core {

struct VuStep {
  Duration offset{0};  // from the scenario's start
  std::uint32_t planned_vus = 0;
};

// The steps, first at offset 0 with start_vus; consecutive steps differ in planned_vus.
std::vector<VuStep> vu_steps(std::uint32_t start_vus, std::vector<Stage> const& stages);

Duration total_duration(std::vector<Stage> const& stages);

// k6's reserveVUsForGracefulRampDowns, as a pure function: the curve of VUs *allowed* to run
// (a VU whose index reaches it is interrupted), from the `raw` steps of VUs *scheduled* to
// loop. Every decrease of `raw` is held for `grace` -- unless within that window the raw
// curve climbs back to the level before the decrease, in which case the decrease never
// happens -- and no step is added at or after `executor_end` (stages + gracefulStop, which
// ends the executor anyway). With grace 0 the two curves are one.
//
//   VUs ^  raw  ──┐    ┌──        allowed ──────────┐   (held `grace` after the drop; a
//       |         └────┘                             └─  rise back within `grace` cancels it)
std::vector<VuStep> graceful_vu_steps(std::vector<VuStep> const& raw, Duration grace,
                                      Duration executor_end);

}  // namespace loadtwin::core
