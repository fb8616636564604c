#pragma once
// `sim --runs N`: N seeded replications of one plan, on several threads, combined in run
// order so the result never depends on the thread count. Run k uses
// core::replication_seed(seed, k) = mix64(seed ^ mix64(k + 1)) (core/random.hpp), so
// `loadtwin sim PLAN --seed <that>` replays it alone.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/plan/plan.hpp"
#include "sim/sim_run.hpp"

namespace loadtwin::sim {

// The 95% Wilson score interval of x successes in n trials.
std::pair<double, double> wilson95(std::uint64_t successes, std::uint64_t trials);

struct ThresholdRuns {
  std::string metric;      // threshold key, e.g. "first_token_latency{scenario:a}"
  std::string expression;  // "p(95)<500"
  std::uint64_t passes = 0;
  std::uint64_t runs = 0;
  double pass_probability = 0;
  std::pair<double, double> ci95{0, 0};
  double p5 = 0, p50 = 0, p95 = 0;  // of the tested statistic over the runs that had one
  bool is_time = false;
};

struct ReplicationOptions {
  std::uint64_t seed = 1;
  std::uint64_t runs = 1;
  unsigned threads = 1;
  SimOptions sim;                                  // seed inside is ignored
  std::atomic<bool> const* stop = nullptr;         // set: start no more runs (Ctrl-C)
  std::function<void(std::uint64_t)> on_progress;  // runs completed so far (any thread)
};

struct ReplicationResult {
  std::uint64_t runs_completed = 0;  // a prefix 0..n-1 of the run indices
  std::vector<ThresholdRuns> thresholds;
  std::optional<std::uint64_t> first_failing_run;  // its index k
  bool engine_bound = false;                       // some run hit an engine bound
};

ReplicationResult run_replications(core::Plan const& plan, ReplicationOptions const& options);

}  // namespace loadtwin::sim
