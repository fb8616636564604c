#include "core/run/memory_estimate.hpp"

#include <algorithm>

#include "core/run/vu.hpp"

namespace loadtwin::core {

std::uint64_t scenario_max_vus(ScenarioConfig const& s) {
  switch (s.executor) {
    case ExecutorKind::constant_vus:
    case ExecutorKind::per_vu_iterations:
    case ExecutorKind::shared_iterations:
      return s.vus;
    case ExecutorKind::ramping_vus: {
      std::int64_t peak = s.start_vus;
      for (auto const& stage : s.stages) peak = std::max(peak, stage.target);
      return static_cast<std::uint64_t>(peak);
    }
    case ExecutorKind::constant_arrival_rate:
    case ExecutorKind::ramping_arrival_rate:
    case ExecutorKind::trace:  // VUs are allocated as rows need them, up to maxVUs
      return s.max_vus;
  }
  return 0;
}

std::uint64_t sim_bytes_per_vu() {
  // The Vu, its unique_ptr and active flag in the executor, and allocator overhead.
  return sizeof(Vu) + 2 * sizeof(void*) + 32;
}

std::uint64_t estimated_vu_memory(Plan const& plan, std::uint64_t bytes_per_vu) {
  std::uint64_t vus = 0;
  for (auto const& s : plan.scenarios) vus += scenario_max_vus(s);
  return vus * bytes_per_vu;
}

}  // namespace loadtwin::core
