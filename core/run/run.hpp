#pragma once
// One test run: wires a plan's executors, VUs, metrics and thresholds onto a Scheduler and
// a Transport. The same object runs on sim's virtual clock and live's real one.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/metrics/metrics.hpp"
#include "core/metrics/thresholds.hpp"
#include "core/plan/plan.hpp"
#include "core/run/budget_guard.hpp"
#include "core/run/executor.hpp"

namespace loadtwin::core {

struct RunOptions {
  std::uint64_t seed = 1;
  std::uint64_t max_trend_samples = 100'000'000;
  std::optional<Duration> timeout;     // overrides options.timeout (live --timeout)
  ExecutionTuple segment{};            // the share of the plan to run (k6 execution segment)
  std::optional<BudgetConfig> budget;  // live: the spend guard's limits (sim only estimates)
};

// Why a run ended before its scenarios did.
// `budget`: a limit of the spend guard was reached; no request started after it and running
// ones finished within gracefulStop (SPEC "Budget").
enum class StopReason { none, threshold_abort, interrupted, engine_bound, budget };

struct ScenarioReport {
  std::string name;
  ExecutorKind executor;
  RequestKind exec;
  ScenarioCounters counters;
};

class TestRun {
 public:
  TestRun(Plan const& plan, Scheduler& scheduler, Transport& transport, RunOptions options);
  ~TestRun();
  TestRun(TestRun const&) = delete;
  TestRun& operator=(TestRun const&) = delete;

  // Schedules every scenario at its startTime and the periodic abortOnFail check.
  void start();
  [[nodiscard]] bool finished() const { return finished_; }
  // Stops the run now: every running iteration is interrupted (Ctrl-C, engine bound).
  void stop(StopReason reason);
  [[nodiscard]] StopReason stop_reason() const { return stop_reason_; }
  // The spend guard when the budget is enforced (its limit() names what stopped the run).
  [[nodiscard]] BudgetGuard const* budget() const { return budget_ ? &*budget_ : nullptr; }
  // The rate-limit headers (retry-after, *-ratelimit-*) of the latest reply that had any.
  [[nodiscard]] HeaderList const& last_ratelimit() const { return shared_.last_ratelimit; }
  // The first failure message of each error reason that had one (live: TLS, DNS, ...).
  [[nodiscard]] auto const& first_failures() const { return shared_.first_failures; }
  // After a threshold abort: when, and the abortOnFail thresholds that failed then.
  [[nodiscard]] std::optional<Duration> abort_at() const { return abort_at_; }
  [[nodiscard]] std::vector<std::string> const& abort_thresholds() const {
    return abort_thresholds_;
  }
  // The vus / vus_max step functions (parts carry them; merge adds them up).
  [[nodiscard]] VuGauges const& gauges() const { return gauges_; }
  // Test time at which the last scenario finished (or now, while running).
  [[nodiscard]] Duration duration() const;
  [[nodiscard]] Metrics& metrics() { return metrics_; }
  [[nodiscard]] Metrics const& metrics() const { return metrics_; }
  [[nodiscard]] Thresholds const& thresholds() const { return thresholds_; }
  [[nodiscard]] std::vector<ScenarioReport> scenario_reports() const;
  [[nodiscard]] std::uint64_t seed() const { return options_.seed; }
  // Receives every request's record as it ends (--out requests=); set before start().
  void set_record_observer(RecordObserver* observer) { shared_.records = observer; }

 private:
  struct ScenarioState;
  void scenario_finished();
  void watch_thresholds();
  // A budget limit was reached: no new iterations; running ones get their gracefulStop.
  void budget_stop();

  Plan const& plan_;
  Scheduler& scheduler_;
  Transport& transport_;
  RunOptions options_;
  Metrics metrics_;
  Thresholds thresholds_;
  VuGauges gauges_;
  RunShared shared_;
  std::vector<std::unique_ptr<ScenarioState>> scenarios_;
  std::size_t running_ = 0;
  bool finished_ = false;
  Instant end_{};
  StopReason stop_reason_ = StopReason::none;
  std::optional<TimerId> watch_timer_;
  std::optional<Duration> abort_at_;
  std::vector<std::string> abort_thresholds_;
  std::optional<BudgetGuard> budget_;
};

}  // namespace loadtwin::core
