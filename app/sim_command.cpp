#include "app/sim_command.hpp"

#include "app/plan_source.hpp"
#include "app/replay.hpp"
#include "sim/sim_run.hpp"

namespace loadtwin::app {

void add_sim_command(CLI::App& app, SimFlags& f) {
  auto* sim =
      app.add_subcommand("sim", "Run PLAN on the virtual clock (default: the embedded baseline)");
  sim->add_option("PLAN", f.plan, "plan file (JSON); omit for models/baseline.json");
  sim->add_option("--seed", f.seed, "seed of every random draw (default 1)");
  sim->add_option("--set", f.overrides, "override a plan field: PATH=VALUE (repeatable)");
  sim->add_option("--max-events", f.max_events, "engine bound: simulated events (default 2e9)");
  add_output_flags(sim, f.output);
}

int run_sim_command(SimFlags const& f) {
  SampleOutput samples;
  if (auto error = samples.open(f.output)) return usage_error(*error);
  auto loaded = load_plan(f.plan, f.overrides);
  if (!loaded.plan) return usage_error(loaded.error);
  sim::SimOptions options{f.seed, f.output.max_trend_samples,
                          f.max_events ? f.max_events : sim::default_events_max,
                          f.output.no_data == "fail"};
  auto result =
      sim::run_sim(*loaded.plan, options, [&](core::TestRun& run) { samples.attach(run); });
  std::vector<std::string> bounds;
  if (f.max_events != 0)
    bounds.insert(bounds.end(), {"--max-events", std::to_string(f.max_events)});
  if (f.output.max_trend_samples != 100'000'000) {
    bounds.insert(bounds.end(),
                  {"--max-trend-samples", std::to_string(f.output.max_trend_samples)});
  }
  return finish_run(result.summary, f.output, samples, "sim",
                    replay_command(f.plan, f.seed, f.overrides, bounds));
}

}  // namespace loadtwin::app
