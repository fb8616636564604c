// The drifts the first wave had between sim and the mock, each now a regression test: the
// same plan and seed in sim and live against the in-process mock, compared request by
// request with core::compare_twin (and on the metric the drift showed in).
#include <gtest/gtest.h>

#include "core/plan/plan_json.hpp"
#include "core/report/twin_compare.hpp"
#include "live/live_run.hpp"
#include "sanitizer.hpp"
#include "sim/sim_run.hpp"

namespace loadtwin::live {
namespace {

// Each drift was 100 ms; a 20 ms margin is 5x under it and tolerant of a loaded CI box.
constexpr double kMarginMs = 20;
constexpr core::TwinTolerance kMargin{.p99 = core::ms(20), .max = core::ms(20)};

struct DriftRecords final : core::RecordObserver {
  std::vector<core::RequestRecord> records;
  void on_record(core::RequestRecord const& r) override { records.push_back(r); }
};

struct Twin {
  core::Summary sim, live;
  core::TwinComparison comparison;
};

Twin run_both(std::string const& json) {
  auto parsed = core::parse_plan(json);
  if (!parsed.plan) ADD_FAILURE() << core::format_plan_errors("plan", parsed.errors);
  auto const plan = parsed.plan.value_or(core::Plan{});
  DriftRecords sim_records, live_records;
  Twin t;
  t.sim = sim::run_sim(plan, {.seed = 5}, [&](core::TestRun& run) {
            run.set_record_observer(&sim_records);
          }).summary;
  LiveOptions options;
  options.seed = 5;
  options.handle_signals = false;
  auto r =
      run_live(plan, options, [&](core::TestRun& run) { run.set_record_observer(&live_records); });
  if (!r.summary) ADD_FAILURE() << r.error;
  t.live = r.summary.value_or(core::Summary{});
  t.comparison = core::compare_twin(sim_records.records, live_records.records, kMargin);
  return t;
}

double stat(core::Summary const& s, std::string const& metric, double core::MetricSummary::*p) {
  for (auto const& m : s.metrics) {
    if (m.name == metric) return m.*p;
  }
  return -1;
}

}  // namespace

TEST(twin_drift_test, an_error_reply_takes_the_whole_round_trip_in_both) {
  // rtt 200 ms, every request an injected 500: received after 100 ms, answered at once,
  // back after 100 more -- 200 ms in sim and live (the mock once answered after 100 ms).
  auto const t = run_both(R"({"model": {"network_rtt": "200ms", "error_rate": 1},
    "options": {"scenarios": {"s": {"executor": "per-vu-iterations", "vus": 2, "iterations": 3,
    "exec": "simple_query"}}}})");
  EXPECT_NEAR(stat(t.sim, "http_req_duration", &core::MetricSummary::p50), 200, 0.001);
  if (!test_env::under_sanitizer()) {
    EXPECT_NEAR(stat(t.live, "http_req_duration", &core::MetricSummary::p50), 200, kMarginMs);
    EXPECT_TRUE(t.comparison.holds) << core::describe_twin(t.comparison, kMargin);
  }
}

TEST(twin_drift_test, a_slot_is_freed_at_the_servers_last_write_not_rtt_half_later) {
  // max_concurrent 1, rtt 100 ms, 200 ms tool calls at 4/s: the second request waits for the
  // first's slot, freed when the server writes its end (sim: tool_invocation max 400 ms; the
  // mock once held the slot rtt/2 longer).
  auto const t = run_both(R"({"model": {"network_rtt": "100ms", "error_rate": 0,
    "tool_call_delay": "200ms", "max_concurrent": 1}, "options": {"scenarios": {"s": {
    "executor": "constant-arrival-rate", "rate": 8, "duration": "1s", "preAllocatedVUs": 4,
    "exec": "tool_call"}}}})");
  double const sim_max = stat(t.sim, "tool_invocation", &core::MetricSummary::p99);
  EXPECT_GT(sim_max, 300);
  if (!test_env::under_sanitizer()) {
    EXPECT_NEAR(stat(t.live, "tool_invocation", &core::MetricSummary::p99), sim_max, kMarginMs);
    EXPECT_TRUE(t.comparison.holds) << core::describe_twin(t.comparison, kMargin);
  }
}

TEST(twin_drift_test, an_injected_404_is_injected_status_in_both) {
  auto const t = run_both(R"({"model": {"error_rate": 1, "error_status": 404},
    "options": {"scenarios": {"s": {"executor": "per-vu-iterations", "vus": 1, "iterations": 4,
    "exec": "tool_call"}}}})");
  for (auto const* s : {&t.sim, &t.live}) {
    auto const& c = s->scenarios.at(0).counters;
    EXPECT_EQ(c.errors_by_reason[static_cast<int>(core::ErrorReason::injected_status)], 4U);
  }
  EXPECT_EQ(t.comparison.outcome_mismatches, 0U);
}

TEST(twin_drift_test, the_load_slowdown_stretches_both_the_same_way) {
  // Arrivals every 125 ms, 300 ms streams, slowdown 0.5 per other active stream: overlapping
  // streams start 1.5x or 2x slower, in sim and in the mock, through the same function.
  auto const t = run_both(R"({"model": {"error_rate": 0, "first_token_delay": "100ms",
    "token_interval": "50ms", "tokens_per_response": 5, "slowdown_per_active_stream": 0.5},
    "options": {"scenarios": {"s": {"executor": "constant-arrival-rate", "rate": 8,
    "duration": "1s", "preAllocatedVUs": 8, "exec": "simple_query"}}}})");
  double const sim_p99 = stat(t.sim, "first_token_latency", &core::MetricSummary::p99);
  EXPECT_GT(sim_p99, 140);  // slowed down
  if (!test_env::under_sanitizer()) {
    EXPECT_NEAR(stat(t.live, "first_token_latency", &core::MetricSummary::p99), sim_p99, kMarginMs);
    EXPECT_TRUE(t.comparison.holds) << core::describe_twin(t.comparison, kMargin);
  }
}

}  // namespace loadtwin::live
