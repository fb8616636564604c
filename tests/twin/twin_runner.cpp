#include "twin_runner.hpp"

#include <fmt/format.h>

#include "core/plan/plan_json.hpp"
#include "live/live_run.hpp"
#include "plan_generator.hpp"
#include "sim/sim_run.hpp"

namespace loadtwin::twin {
namespace {

struct Collect final : core::RecordObserver {
  std::vector<core::RequestRecord> records;
  void on_record(core::RequestRecord const& r) override { records.push_back(r); }
};

}  // namespace

TwinRound run_twin_round(std::uint64_t seed, core::TwinTolerance tolerance) {
  TwinRound round;
  round.seed = seed;
  round.plan_json = generate_plan(seed);
  auto parsed = core::parse_plan(round.plan_json);
  if (!parsed.plan) {
    round.error = core::format_plan_errors("generated plan", parsed.errors);
    return round;
  }
  auto const& plan = *parsed.plan;
  Collect sim;
  sim::run_sim(plan, {.seed = seed}, [&](core::TestRun& run) { run.set_record_observer(&sim); });
  round.skipped = ambiguity(plan, sim.records, ambiguity_margin);
  if (!round.skipped.empty()) return round;
  Collect live;
  live::LiveOptions options;
  options.seed = seed;
  options.handle_signals = false;
  auto const result =
      live::run_live(plan, options, [&](core::TestRun& run) { run.set_record_observer(&live); });
  if (!result.summary) {
    round.error = result.error;
    return round;
  }
  round.comparison = core::compare_twin(sim.records, live.records, tolerance);
  return round;
}

std::string describe_round(TwinRound const& round, core::TwinTolerance tolerance) {
  if (!round.error.empty()) return fmt::format("seed {}: error: {}", round.seed, round.error);
  if (!round.skipped.empty())
    return fmt::format("seed {}: skipped ({})", round.seed, round.skipped);
  std::string out =
      fmt::format("seed {}: {}", round.seed, core::describe_twin(round.comparison, tolerance));
  if (round.comparison.holds) return out;
  out += "\n  plan: " + round.plan_json;
  for (auto const& d : round.comparison.differences) out += "\n  " + d;
  return out;
}

}  // namespace loadtwin::twin
