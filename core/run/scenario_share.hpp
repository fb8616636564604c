#pragma once
// One scenario's share of the work under an execution segment: k6's per-executor rules
// (REFERENCE §8; lib/executor/*.go GetVUs, GetIterations, HasWork, Init):
//   constant-vus        vus scaled
//   ramping-vus         startVUs and every stage target scaled: the unsegmented steps mapped
//                       through scale(), so an instance starts and stops the global VUs it
//                       owns at the global times (k6 getRawExecutionSteps with a tuple)
//   per-vu-iterations   vus scaled; iterations per VU not
//   shared-iterations   vus scaled; a quota: the iterations' share once re-striped by vus
//   arrival rates       preAllocatedVUs and maxVUs scaled; ticks re-striped by maxVUs, so an
//                       instance fires the global ticks gi it owns at the unsegmented time of gi
//   trace               as the arrival rates, a row index being a tick
// Local VU j is global VU segment.global_index(j). With the whole-test tuple every rule is
// the identity.
#include <cstdint>
#include <vector>

#include "core/plan/plan.hpp"
#include "core/run/segment.hpp"
#include "core/run/vu_schedule.hpp"

namespace loadtwin::core {

struct ScenarioShare {
  bool has_work = true;                 // false: the executor is skipped (k6 HasWork)
  std::uint32_t vus = 0;                // constant-vus and the iteration executors
  std::uint32_t pre_allocated_vus = 0;  // arrival rates
  std::uint32_t max_vus = 0;            // arrival rates
  std::uint64_t iterations = 0;         // per-vu-iterations: per VU; shared: this quota
  ExecutionTuple arrivals;              // arrival rates: local tick j is global_index(j)
};

// The share of `config` that `segment` runs.
ScenarioShare scenario_share(ScenarioConfig const& config, ExecutionTuple const& segment);

// ramping-vus: `steps` (unsegmented) with planned VUs scaled and unchanged steps dropped.
std::vector<VuStep> segment_steps(std::vector<VuStep> const& steps, ExecutionTuple const& segment);

}  // namespace loadtwin::core
