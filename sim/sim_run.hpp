#pragma once
// run_sim: one seeded run of a plan on the virtual clock, from start to summary.
#include <cstdint>
#include <functional>

#include "core/plan/plan.hpp"
#include "core/report/summary.hpp"
#include "core/run/run.hpp"

namespace loadtwin::sim {

// Documented engine bounds: a run that reaches one stops with exit 107 and the replay line.
inline constexpr std::uint64_t default_events_max = 2'000'000'000;

struct SimOptions {
  std::uint64_t seed = 1;
  std::uint64_t max_trend_samples = 100'000'000;
  std::uint64_t events_max = default_events_max;
  bool no_data_fail = true;  // SPEC "No data": a threshold with no samples fails
  core::ExecutionTuple segment{};  // `sim --segment`: the share of the plan to run
  // Called every 4096 events with the virtual time reached (the app's progress line);
  // on the simulating thread.
  std::function<void(core::Duration)> on_progress{};
};

struct SimResult {
  core::Summary summary;
  std::uint64_t events = 0;
};

// `attach` runs after the TestRun exists and before it starts (e.g. to add an NDJSON writer);
// `finished` once it has ended, before it is destroyed (e.g. to write its part).
SimResult run_sim(core::Plan const& plan, SimOptions const& options,
                  std::function<void(core::TestRun&)> const& attach = {},
                  std::function<void(core::TestRun const&)> const& finished = {});

}  // namespace loadtwin::sim
