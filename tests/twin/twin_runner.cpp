#include "twin_runner.hpp"

#include <fmt/format.h>

#include <optional>

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

// Tries the seed's plans in order; the first one sim shows to be judgeable stays in `round`
// (its JSON, variant) with its parsed plan and sim records; nullopt when none is.
std::optional<core::Plan> first_judgeable_plan(TwinRound& round, std::uint64_t variants,
                                               Collect& sim) {
  for (std::uint64_t variant = 0; variant < variants; ++variant) {
    round.variant = variant;
    round.plan_json = generate_plan(round.seed, variant);
    auto parsed = core::parse_plan(round.plan_json);
    if (!parsed.plan) {
      round.error = core::format_plan_errors("generated plan", parsed.errors);
      return std::nullopt;
    }
    sim.records.clear();
    sim::run_sim(*parsed.plan, {.seed = round.seed},
                 [&](core::TestRun& run) { run.set_record_observer(&sim); });
    round.skipped = ambiguity(*parsed.plan, sim.records, ambiguity_margin);
    if (round.skipped.empty()) return std::move(*parsed.plan);
  }
  if (variants > 1) round.skipped = fmt::format("all {} plans; last: {}", variants, round.skipped);
  return std::nullopt;
}

}  // namespace

TwinRound run_twin_round(std::uint64_t seed, core::TwinTolerance tolerance, bool judge_only,
                         std::uint64_t variants) {
  TwinRound round;
  round.seed = seed;
  Collect sim;
  auto const plan = first_judgeable_plan(round, variants, sim);
  if (!plan || judge_only) return round;
  Collect live;
  live::LiveOptions options;
  options.seed = seed;
  options.handle_signals = false;
  auto const result =
      live::run_live(*plan, options, [&](core::TestRun& run) { run.set_record_observer(&live); });
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
  std::string out = fmt::format("seed {} plan {}: {}", round.seed, round.variant,
                                core::describe_twin(round.comparison, tolerance));
  if (round.comparison.holds) return out;
  out += "\n  plan: " + round.plan_json;
  for (auto const& d : round.comparison.differences) out += "\n  " + d;
  return out;
}

}  // namespace loadtwin::twin
