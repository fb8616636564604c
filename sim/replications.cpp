#include "sim/replications.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <thread>

#include "core/random.hpp"

namespace loadtwin::sim {
namespace {

// What one run contributes: per threshold, whether it passed and the statistic it tested.
struct RunOutcome {
  bool engine_bound = false;
  std::vector<bool> passed;
  std::vector<std::optional<double>> observed;
};

// k6's interpolated percentile of a sorted vector (the same formula as the sinks).
double percentile(std::vector<double> const& sorted, double p) {
  if (sorted.empty()) return 0;
  double const i = p * static_cast<double>(sorted.size() - 1);
  double const lo = sorted[static_cast<std::size_t>(std::floor(i))];
  double const hi = sorted[static_cast<std::size_t>(std::ceil(i))];
  return lo + (hi - lo) * (i - std::floor(i));
}

RunOutcome run_one(core::Plan const& plan, ReplicationOptions const& options, std::uint64_t k) {
  SimOptions sim = options.sim;
  sim.seed = core::replication_seed(options.seed, k);
  auto const summary = run_sim(plan, sim).summary;
  RunOutcome out{summary.stop == core::StopReason::engine_bound, {}, {}};
  for (auto const& v : summary.verdicts) {
    out.passed.push_back(v.passed);
    out.observed.push_back(v.observed);
  }
  return out;
}

}  // namespace

std::pair<double, double> wilson95(std::uint64_t successes, std::uint64_t trials) {
  if (trials == 0) return {0, 1};
  double const z = 1.959963984540054;
  double const n = static_cast<double>(trials);
  double const p = static_cast<double>(successes) / n;
  double const denom = 1 + z * z / n;
  double const center = (p + z * z / (2 * n)) / denom;
  double const half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom;
  return {std::max(0.0, center - half), std::min(1.0, center + half)};
}

ReplicationResult run_replications(core::Plan const& plan, ReplicationOptions const& options) {
  // Runs finish out of order on several threads; each is folded into the aggregates in run
  // order (only finished-early runs wait in `pending`), so the result is that of the
  // completed prefix 0..n-1 whatever the thread count -- and memory does not grow with
  // --runs beyond one statistic per run and threshold.
  std::mutex mutex;
  std::map<std::uint64_t, RunOutcome> pending;
  std::uint64_t prefix = 0;
  std::vector<std::uint64_t> passes;
  std::vector<std::vector<double>> values;
  ReplicationResult result;
  auto const fold = [&](RunOutcome&& run) {
    if (passes.empty()) passes.assign(run.passed.size(), 0), values.resize(run.passed.size());
    result.engine_bound = result.engine_bound || run.engine_bound;
    bool all_passed = true;
    for (std::size_t t = 0; t < run.passed.size(); ++t) {
      passes[t] += run.passed[t] ? 1 : 0;
      all_passed = all_passed && run.passed[t];
      if (run.observed[t]) values[t].push_back(*run.observed[t]);
    }
    if (!all_passed && !result.first_failing_run) result.first_failing_run = prefix;
    ++prefix;
  };
  std::atomic<std::uint64_t> next{0}, completed{0};
  auto const worker = [&] {
    for (;;) {
      if (options.stop != nullptr && options.stop->load()) return;
      std::uint64_t const k = next++;
      if (k >= options.runs) return;
      auto outcome = run_one(plan, options, k);
      {
        std::lock_guard lock(mutex);
        pending.emplace(k, std::move(outcome));
        while (!pending.empty() && pending.begin()->first == prefix) {
          fold(std::move(pending.begin()->second));
          pending.erase(pending.begin());
        }
      }
      auto const done = ++completed;
      if (options.on_progress) options.on_progress(done);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::max(1U, options.threads); ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  result.runs_completed = prefix;
  if (prefix == 0) return result;
  // Threshold names come from one run's summary; every run has the same list in plan order.
  SimOptions probe = options.sim;
  probe.seed = core::replication_seed(options.seed, 0);
  auto const verdicts = run_sim(plan, probe).summary.verdicts;
  for (std::size_t t = 0; t < verdicts.size(); ++t) {
    ThresholdRuns tr{verdicts[t].key, verdicts[t].source};
    tr.is_time = verdicts[t].is_time;
    tr.passes = passes[t];
    tr.runs = prefix;
    tr.pass_probability = static_cast<double>(tr.passes) / static_cast<double>(tr.runs);
    tr.ci95 = wilson95(tr.passes, tr.runs);
    std::sort(values[t].begin(), values[t].end());
    tr.p5 = percentile(values[t], 0.05);
    tr.p50 = percentile(values[t], 0.5);
    tr.p95 = percentile(values[t], 0.95);
    result.thresholds.push_back(std::move(tr));
  }
  return result;
}

}  // namespace loadtwin::sim
