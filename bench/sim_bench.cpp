// The baseline plan on the virtual clock, and the baseline with every VU count x10, x100,
// x1000, per-token timing kept (inter_token_latency samples every gap). Reports simulated
// requests and events per second of wall time.
#include <benchmark/benchmark.h>

#include <string>

#include "app/plan_source.hpp"
#include "sim/sim_run.hpp"

namespace {

void bm_baseline(benchmark::State& state) {
  auto const factor = state.range(0);
  auto const vus = [factor](int n) { return std::to_string(n * factor); };
  auto const loaded =
      loadtwin::app::load_plan("", {"options.scenarios.simple_query.vus=" + vus(10),
                                    "options.scenarios.tool_call.vus=" + vus(5),
                                    "options.scenarios.error_injection.vus=" + vus(5)});
  double requests = 0, events = 0;
  for (auto _ : state) {
    auto const result = loadtwin::sim::run_sim(*loaded.plan, {});
    events += static_cast<double>(result.events);
    for (auto const& r : result.summary.scenarios) {
      requests += static_cast<double>(r.counters.requests_sent);
    }
    benchmark::DoNotOptimize(result.summary.verdicts.data());
  }
  state.counters["requests/s"] = benchmark::Counter(requests, benchmark::Counter::kIsRate);
  state.counters["events/s"] = benchmark::Counter(events, benchmark::Counter::kIsRate);
  state.counters["requests/run"] = requests / static_cast<double>(state.iterations());
}

}  // namespace

BENCHMARK(bm_baseline)->Arg(1)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
