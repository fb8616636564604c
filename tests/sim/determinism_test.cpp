#include <gtest/gtest.h>

#include "core/report/report_json.hpp"
#include "sim/event_queue.hpp"
#include "sim/sim_test_support.hpp"

namespace loadtwin::sim {
using namespace testing;

namespace {
std::string const noisy_plan = R"({"model": {
    "first_token_delay": {"dist": "lognormal", "median": "100ms", "p99": "400ms"},
    "token_interval": {"dist": "normal", "mean": "20ms", "stddev": "5ms"},
    "tokens_per_response": {"dist": "uniform", "min": 5, "max": 20},
    "network_rtt": {"dist": "exponential", "mean": "10ms"},
    "error_rate": 0.05, "max_concurrent": 4},
  "options": {"scenarios": {
    "a": {"executor": "constant-vus", "vus": 6, "duration": "5s", "exec": "simple_query"},
    "b": {"executor": "constant-arrival-rate", "rate": 20, "duration": "5s",
          "preAllocatedVUs": 2, "maxVUs": 6, "exec": "tool_call"}},
    "thresholds": {"first_token_latency": ["p(95)<300"]}}})";
}  // namespace

TEST(determinism_test, same_seed_gives_byte_identical_exports) {
  auto const plan = plan_or_die(noisy_plan);
  auto const a = core::render_summary_export(run_sim(plan, {.seed = 42}).summary);
  auto const b = core::render_summary_export(run_sim(plan, {.seed = 42}).summary);
  auto const c = core::render_summary_export(run_sim(plan, {.seed = 43}).summary);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(determinism_test, adding_a_scenario_does_not_reshuffle_the_others) {
  // Keyed draws: scenario a's first-token percentiles are the same with or without c.
  auto const without = plan_or_die(noisy_plan, {"model.max_concurrent=null"});
  auto const with = plan_or_die(
      noisy_plan,
      {"model.max_concurrent=null",
       R"(options.scenarios.c={"executor": "constant-vus", "vus": 3, "duration": "5s", "exec": "simple_query"})",
       R"(options.thresholds."first_token_latency{scenario:a}"=["p(95)<300"])"});
  auto const without_plus = plan_or_die(
      noisy_plan, {"model.max_concurrent=null",
                   R"(options.thresholds."first_token_latency{scenario:a}"=["p(95)<300"])"});
  auto const s1 = run_sim(without_plus, {.seed = 5}).summary;
  auto const s2 = run_sim(with, {.seed = 5}).summary;
  EXPECT_DOUBLE_EQ(trend(s1, "first_token_latency{scenario:a}", "p(95)"),
                   trend(s2, "first_token_latency{scenario:a}", "p(95)"));
  EXPECT_DOUBLE_EQ(trend(s1, "first_token_latency{scenario:a}", "avg"),
                   trend(s2, "first_token_latency{scenario:a}", "avg"));
  (void)without;
}

TEST(event_queue_test, orders_by_time_then_phase_then_insertion) {
  EventQueue q;
  std::string order;
  q.push(core::at_offset(core::ms(5)), core::Phase::transport, [&] { order += "c"; });
  q.push(core::at_offset(core::ms(5)), core::Phase::arrival, [&] { order += "a"; });
  q.push(core::at_offset(core::ms(5)), core::Phase::transport, [&] { order += "d"; });
  q.push(core::at_offset(core::ms(5)), core::Phase::deadline, [&] { order += "b"; });
  q.push(core::at_offset(core::ms(1)), core::Phase::evaluation, [&] { order += "0"; });
  auto const cancelled =
      q.push(core::at_offset(core::ms(2)), core::Phase::arrival, [&] { order += "x"; });
  q.cancel(cancelled);
  q.cancel(cancelled);  // twice is harmless
  while (auto due = q.pop()) due->fire();
  EXPECT_EQ(order, "0abcd");
  EXPECT_TRUE(q.empty());
}

TEST(conservation_test, laws_hold_with_errors_queues_and_interruptions) {
  auto const plan = plan_or_die(
      noisy_plan, {"options.scenarios.a.gracefulStop=50ms", "options.scenarios.b.gracefulStop=0s"});
  auto const s = run_sim(plan, {.seed = 9}).summary;
  for (auto const& r : s.scenarios) {
    SCOPED_TRACE(r.name);
    auto const& c = r.counters;
    EXPECT_EQ(c.iterations_started, c.iterations_completed + c.iterations_interrupted);
    EXPECT_EQ(c.requests_sent,
              c.requests_ok + c.requests_error + c.requests_interrupted + c.requests_aborted);
    if (r.name == "b") {
      EXPECT_EQ(c.slots_due, c.iterations_started + c.iterations_dropped);
    }
  }
  EXPECT_GT(metric(s, "errors")->passes, 0U);
}

}  // namespace loadtwin::sim
