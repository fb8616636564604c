#pragma once
// What the VUs and the executor of one scenario share: its config, the seams, the metric
// routes for its tag sets, and its accounting.
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/metrics/metrics.hpp"
#include "core/plan/plan.hpp"
#include "core/random.hpp"
#include "core/run/budget_guard.hpp"
#include "core/run/request_record.hpp"
#include "core/run/segment.hpp"
#include "core/scheduler.hpp"
#include "core/stream_event.hpp"
#include "core/transport.hpp"

namespace loadtwin::core {

// Everything the summary reports per scenario; the laws hold at the end of every run:
// started = completed + interrupted; requests sent = ok + error + interrupted + aborted;
// arrival slots due = started + dropped (arrival-rate executors).
struct ScenarioCounters {
  std::uint64_t iterations_started = 0;
  std::uint64_t iterations_completed = 0;
  std::uint64_t iterations_interrupted = 0;
  std::uint64_t iterations_dropped = 0;
  std::uint64_t slots_due = 0;  // arrival-rate executors only
  std::uint64_t requests_sent = 0;
  std::uint64_t requests_ok = 0;
  std::uint64_t requests_error = 0;
  std::uint64_t requests_interrupted = 0;  // cut by a deadline
  std::uint64_t requests_aborted = 0;      // cut by Ctrl-C, abortOnFail or an engine bound
  std::array<std::uint64_t, error_reason_count> errors_by_reason{};
  std::uint32_t vus_max = 0;
};

// Tag sets of one scenario's samples, interned once per distinct (status, reason), each
// with its metric routes resolved on first use (the hot path does no lookups).
class ScenarioTags {
 public:
  ScenarioTags(Metrics& metrics, TagSet base, RequestKind kind, Expect expect);
  // iterations, iteration_duration, dropped_iterations, iteration_lateness: base tags.
  Route const& base_route(MetricId metric);
  // HTTP samples: base + kind + status + expected_response [+ reason].
  Route const& http_route(MetricId metric, int status, std::optional<ErrorReason> reason);
  // The same in two steps, for a request's several samples of one tag set: the tag set's
  // index (stable), then a metric's route in it.
  std::size_t http_tags(int status, std::optional<ErrorReason> reason);
  Route const& http_route_in(std::size_t tags, MetricId metric) {  // inline: per sample
    Entry& entry = entries_[tags];
    Route const* route = entry.routes[static_cast<std::size_t>(metric)];
    return route != nullptr ? *route : resolve(entry, metric);
  }

 private:
  struct Entry {
    int status;
    int reason;  // -1 = none
    TagSetId id;
    std::array<Route const*, metric_count> routes{};
  };
  Route const& resolve(Entry& entry, MetricId metric);
  Metrics& metrics_;
  TagSet base_;
  RequestKind kind_;
  Expect expect_;
  TagSetId base_id_;
  std::array<Route const*, metric_count> base_routes_{};
  std::vector<Entry> entries_;
  std::size_t last_ = 0;  // the entry found last
};

// One step of a VU gauge: the value once every change at `at` was made.
struct GaugePoint {
  Instant at{};
  std::int64_t value = 0;
  friend bool operator==(GaugePoint const&, GaugePoint const&) = default;
};

// The test-wide vus / vus_max gauges. The changes of one instant are settled before they
// are sampled: one vus sample per instant at which a VU was activated or deactivated, one
// vus_max sample per instant at which the VUs allocated at once reached a new high. So the
// order of one instant's changes never shows (it differs between a run and its segments),
// and the segments' step functions add up to the run's (parts, merge).
class VuGauges {
 public:
  // With a scheduler, each instant is sampled by a timer at (instant, Phase::evaluation);
  // without one (merge), the caller flushes every instant itself.
  VuGauges(Metrics& metrics, Scheduler* scheduler);
  ~VuGauges();
  VuGauges(VuGauges const&) = delete;
  VuGauges& operator=(VuGauges const&) = delete;
  void add_active(Instant at, int delta);
  void add_allocated(Instant at, int delta);
  // Samples the pending instant now (before a threshold check, at the end of the run).
  void flush();
  // The step functions sampled so far: one point per instant with a change.
  [[nodiscard]] std::vector<GaugePoint> const& active_series() const { return active_series_; }
  [[nodiscard]] std::vector<GaugePoint> const& allocated_series() const {
    return allocated_series_;
  }

 private:
  void touch(Instant at);

  Metrics& metrics_;
  Scheduler* scheduler_;
  Route const* vus_;
  Route const* vus_max_;
  std::int64_t active_ = 0, allocated_ = 0, high_water_ = 0;
  std::optional<Instant> pending_;  // the instant whose changes are not sampled yet
  bool active_changed_ = false, allocated_changed_ = false;
  std::optional<TimerId> flush_timer_;
  std::vector<GaugePoint> active_series_, allocated_series_;
};

// What every scenario of one run shares.
struct RunShared {
  std::uint64_t in_flight = 0;           // requests sent and not yet ended, all scenarios
  RecordObserver* records = nullptr;     // per-request records, when asked for
  GoodputSlos const* goodput = nullptr;  // options.goodput: goodput samples only when set
  BudgetGuard* budget = nullptr;         // live with a budget: the spend guard
  HeaderList last_ratelimit;             // the rate-limit headers of the latest reply
  // The wire's words for the first failure of each reason (a TLS or DNS message), in order.
  std::vector<std::pair<ErrorReason, std::string>> first_failures;
};

struct ScenarioContext {
  ScenarioConfig const& config;
  Scheduler& scheduler;
  Transport& transport;
  Metrics& metrics;
  ScenarioTags& tags;
  ScenarioCounters& counters;
  VuGauges& gauges;
  RunShared& shared;
  std::uint64_t seed;
  std::uint64_t scenario_hash;
  Duration timeout;
  ExecutionTuple const& segment;  // this instance's execution segment (whole by default)
};

}  // namespace loadtwin::core
