#include "sim/sim_run.hpp"

#include <fmt/format.h>

#include "sim/sim_server.hpp"
#include "sim/simulator.hpp"

namespace loadtwin::sim {

SimResult run_sim(core::Plan const& plan, SimOptions const& options,
                  std::function<void(core::TestRun&)> const& attach,
                  std::function<void(core::TestRun const&)> const& finished) {
  Simulator simulator;
  SimServer server(simulator, plan.model, options.seed);
  core::TestRun run(plan, simulator, server,
                    core::RunOptions{options.seed, options.max_trend_samples, std::nullopt,
                                     options.segment, std::nullopt});
  if (attach) attach(run);
  run.start();
  std::uint64_t checks = 0;
  auto const done = [&] {
    if (options.on_progress && (++checks & 0xFFF) == 0) {
      options.on_progress(core::since_start(simulator.now()));
    }
    return run.finished() || run.metrics().bound_hit();
  };
  auto const stop = simulator.run(done, options.events_max);
  std::string message;
  if (run.metrics().bound_hit()) {
    message = fmt::format("stopped: a trend reached --max-trend-samples={} (engine bound)",
                          options.max_trend_samples);
  } else if (stop == Simulator::Stop::events_max) {
    message = fmt::format("stopped: the simulation exceeded events_max={} (engine bound)",
                          options.events_max);
  }
  if (!message.empty()) {
    run.stop(core::StopReason::engine_bound);
    simulator.run([&run] { return run.finished(); }, UINT64_MAX);
  }
  SimResult result{core::summarize(run, plan, options.no_data_fail), simulator.events_run()};
  if (!message.empty()) result.summary.stop_message = message;
  if (finished) finished(run);
  return result;
}

}  // namespace loadtwin::sim
