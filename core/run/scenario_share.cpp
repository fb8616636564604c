#include "core/run/scenario_share.hpp"

#include <algorithm>

namespace loadtwin::core {
namespace {

std::uint32_t scaled(ExecutionTuple const& segment, std::uint64_t value) {
  return static_cast<std::uint32_t>(segment.scale(static_cast<std::int64_t>(value)));
}

std::int64_t peak_target(ScenarioConfig const& c) {
  std::int64_t peak = c.start_vus;
  for (auto const& stage : c.stages) peak = std::max(peak, stage.target);
  return peak;
}

}  // namespace

ScenarioShare scenario_share(ScenarioConfig const& c, ExecutionTuple const& segment) {
  ScenarioShare share;
  switch (c.executor) {
    case ExecutorKind::constant_vus:
      share.vus = scaled(segment, c.vus);
      share.has_work = share.vus > 0;
      break;
    case ExecutorKind::ramping_vus:
      share.has_work = segment.scale(peak_target(c)) > 0;
      break;
    case ExecutorKind::per_vu_iterations:
      share.vus = scaled(segment, c.vus);
      share.iterations = c.iterations;
      share.has_work = share.vus > 0;
      break;
    case ExecutorKind::shared_iterations: {
      share.vus = scaled(segment, c.vus);
      auto const by_vus = segment.resegment(c.vus);
      share.iterations =
          by_vus ? static_cast<std::uint64_t>(by_vus->scale(static_cast<std::int64_t>(
                       c.iterations)))
                 : 0;
      share.has_work = share.vus > 0 && share.iterations > 0;
      break;
    }
    case ExecutorKind::constant_arrival_rate:
    case ExecutorKind::ramping_arrival_rate:
    case ExecutorKind::trace: {
      share.pre_allocated_vus = scaled(segment, c.pre_allocated_vus);
      share.max_vus = scaled(segment, c.max_vus);
      auto by_max_vus = segment.resegment(c.max_vus);
      share.has_work = share.max_vus > 0 && by_max_vus.has_value();
      if (by_max_vus) share.arrivals = std::move(*by_max_vus);
      break;
    }
  }
  return share;
}

std::vector<VuStep> segment_steps(std::vector<VuStep> const& steps,
                                  ExecutionTuple const& segment) {
  if (segment.whole()) return steps;
  std::vector<VuStep> out;
  for (auto const& step : steps) {
    std::uint32_t const planned = scaled(segment, step.planned_vus);
    if (out.empty() || out.back().planned_vus != planned) out.push_back({step.offset, planned});
  }
  return out;
}

}  // namespace loadtwin::core
