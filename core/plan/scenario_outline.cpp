#include "core/plan/scenario_outline.hpp"

#include <algorithm>
#include <utility>

namespace loadtwin::core {
namespace {

Duration stages_sum(std::vector<Stage> const& stages) {
  Duration total{0};
  for (auto const& s : stages) total += s.duration;
  return total;
}

std::uint32_t largest_target(ScenarioConfig const& s) {
  std::int64_t most = s.start_vus;
  for (auto const& stage : s.stages) most = std::max(most, stage.target);
  return static_cast<std::uint32_t>(most);
}

}  // namespace

ScenarioOutline outline_scenario(ScenarioConfig const& s) {
  ScenarioOutline o{s.name,       s.executor,  s.exec, 0,
                    s.start_time, Duration{0}, false,  s.graceful_stop};
  switch (s.executor) {
    case ExecutorKind::constant_vus:
      o.max_vus = s.vus;
      o.duration = s.duration;
      break;
    case ExecutorKind::ramping_vus:
      o.max_vus = largest_target(s);
      o.duration = stages_sum(s.stages);
      break;
    case ExecutorKind::constant_arrival_rate:
    case ExecutorKind::trace:  // `duration` is the last row's scaled offset
      o.max_vus = std::max(s.pre_allocated_vus, s.max_vus);
      o.duration = s.duration;
      break;
    case ExecutorKind::ramping_arrival_rate:
      o.max_vus = std::max(s.pre_allocated_vus, s.max_vus);
      o.duration = stages_sum(s.stages);
      break;
    case ExecutorKind::per_vu_iterations:
    case ExecutorKind::shared_iterations:
      o.max_vus = s.vus;
      o.duration = s.max_duration;
      o.duration_is_bound = true;
      break;
  }
  return o;
}

Duration plan_max_duration(Plan const& plan) {
  Duration most{0};
  for (auto const& s : plan.scenarios) most = std::max(most, outline_scenario(s).end());
  return most;
}

std::uint32_t plan_max_vus(Plan const& plan) {
  // Sweep the spans' starts and ends in time order; at one instant ends come first (a
  // scenario that ends as another starts does not overlap it).
  std::vector<std::pair<Duration, std::int64_t>> changes;
  for (auto const& s : plan.scenarios) {
    auto const o = outline_scenario(s);
    changes.emplace_back(o.start_time, o.max_vus);
    changes.emplace_back(o.end(), -static_cast<std::int64_t>(o.max_vus));
  }
  std::sort(changes.begin(), changes.end());
  std::int64_t now = 0, most = 0;
  for (auto const& [at, delta] : changes) {
    now += delta;
    most = std::max(most, now);
  }
  return static_cast<std::uint32_t>(most);
}

}  // namespace loadtwin::core
