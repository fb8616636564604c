// Exact oracles: with error_rate 0 and constant delays, iteration counts equal the numbers
// derived by hand from k6's rules. Each test writes its derivation.
#include <gtest/gtest.h>

#include "sim/sim_test_support.hpp"

namespace loadtwin::sim {
using namespace testing;

TEST(executors_test, baseline_counts_match_the_hand_derivation) {
  // simple_query: an iteration is first token 100 ms + 49 gaps of 20 ms = 1080 ms. A VU starts
  //   at k*1080 ms while k*1080 < 30000, k = 0..27: 28 per VU, 10 VUs -> 280.
  // tool_call: 500 ms iterations from 30 s: starts at 30 s + k*500 ms < 60 s, k = 0..59 ->
  //   60 per VU (not 61: a VU free exactly at the deadline stops), 5 VUs -> 300.
  // error_injection: answered at once + 100 ms think: 300 per VU, 5 VUs -> 1500.
  auto const plan = plan_or_die(R"({"model": {"error_rate": 0}, "options": {"scenarios": {
      "simple_query": {"executor": "constant-vus", "vus": 10, "duration": "30s", "exec": "simple_query"},
      "tool_call": {"executor": "constant-vus", "vus": 5, "duration": "30s", "startTime": "30s", "exec": "tool_call"},
      "error_injection": {"executor": "constant-vus", "vus": 5, "duration": "30s", "startTime": "60s",
                          "exec": "invalid_request", "think_time": "100ms"}}}})");
  auto const result = run_sim(plan, {});
  auto const& s = result.summary;
  EXPECT_EQ(counters(s, "simple_query").iterations_completed, 280U);
  EXPECT_EQ(counters(s, "tool_call").iterations_completed, 300U);
  EXPECT_EQ(counters(s, "error_injection").iterations_completed, 1500U);
  EXPECT_EQ(metric(s, "http_reqs")->count, 2080);
  EXPECT_EQ(metric(s, "errors")->passes, 0U);  // the 400s were expected
  // p95 of a constant delay is that delay.
  EXPECT_DOUBLE_EQ(trend(s, "first_token_latency", "p(95)"), 100);
  EXPECT_DOUBLE_EQ(trend(s, "tool_invocation", "p(95)"), 500);
  EXPECT_DOUBLE_EQ(trend(s, "inter_token_latency", "max"), 20);
  EXPECT_EQ(metric(s, "output_tokens")->count, 280 * 50 + 300 * 5);
  // The last simple_query iteration started at 29.16 s ends at 30.24 s; error_injection
  // ends exactly at 90 s (its last think time ends at the deadline).
  EXPECT_EQ(s.duration, core::seconds(90));
}

TEST(executors_test, closed_loop_never_starts_at_the_deadline) {
  // 300 ms iterations (think time on an instant answer... here: a tool call of 300 ms) over
  // 30 s: starts at k*300 ms < 30 s -> exactly 100 (a float clock gives 101).
  auto const plan = plan_or_die(one_scenario(
      R"({"executor": "constant-vus", "vus": 1, "duration": "30s", "exec": "tool_call"})",
      R"(, "tool_call_delay": "300ms")"));
  auto const s = run_sim(plan, {}).summary;
  EXPECT_EQ(counters(s, "s").iterations_started, 100U);
  // 3 VUs x 6 s of 500 ms iterations = 36, not 39.
  auto const plan2 = plan_or_die(one_scenario(
      R"({"executor": "constant-vus", "vus": 3, "duration": "6s", "exec": "tool_call"})"));
  EXPECT_EQ(counters(run_sim(plan2, {}).summary, "s").iterations_started, 36U);
}

TEST(executors_test, constant_arrival_rate_starts_the_slot_at_the_deadline) {
  // A 300 ms period over 30 s: slots k*300 ms for k = 0..100 -> 101 starts.
  auto const plan = plan_or_die(one_scenario(
      R"({"executor": "constant-arrival-rate", "rate": 10, "timeUnit": "3s", "duration": "30s",
          "preAllocatedVUs": 5, "exec": "tool_call"})"));
  auto const c = counters(run_sim(plan, {}).summary, "s");
  EXPECT_EQ(c.iterations_started, 101U);
  EXPECT_EQ(c.slots_due, c.iterations_started + c.iterations_dropped);
  EXPECT_EQ(c.iterations_dropped, 0U);
}

TEST(executors_test, arrival_with_no_free_vu_is_dropped_and_grows_the_pool) {
  // preAllocatedVUs 1, maxVUs 10, 20/s (50 ms), 175 ms iterations: slot 0 runs on VU 0;
  // slots at 50, 100, 150 ms find none -> 3 drops, each initialising a VU (4 VUs); from
  // then on 4 VUs x 200 ms cover 175 ms iterations. (k6 v0.48 measured: 3 drops, vus_max 4.)
  auto const plan = plan_or_die(one_scenario(
      R"({"executor": "constant-arrival-rate", "rate": 20, "duration": "2s",
          "preAllocatedVUs": 1, "maxVUs": 10, "exec": "tool_call"})",
      R"(, "tool_call_delay": "175ms")"));
  auto const s = run_sim(plan, {}).summary;
  auto const c = counters(s, "s");
  EXPECT_EQ(c.iterations_dropped, 3U);
  EXPECT_EQ(c.vus_max, 4U);
  EXPECT_EQ(c.slots_due, 41U);
  EXPECT_EQ(metric(s, "dropped_iterations")->count, 3);
}

TEST(executors_test, busy_vu_at_a_slot_instant_is_still_busy) {
  // 1 VU, 100 ms period, 100 ms iterations: the completion at 100 ms comes after the arrival
  // at 100 ms (arrival phase first), so every other slot is dropped: slots 0..10 (11), 6
  // started (0, 200, ..., 1000 ms) and 5 dropped.
  auto const plan = plan_or_die(one_scenario(
      R"({"executor": "constant-arrival-rate", "rate": 10, "duration": "1s",
          "preAllocatedVUs": 1, "exec": "tool_call"})",
      R"(, "tool_call_delay": "100ms")"));
  auto const c = counters(run_sim(plan, {}).summary, "s");
  EXPECT_EQ(c.iterations_started, 6U);
  EXPECT_EQ(c.iterations_dropped, 5U);
}

TEST(executors_test, ramping_arrival_rate_first_start_is_where_area_reaches_one) {
  // Flat 10/s over 3 s: 30 starts (100 ms ... 3000 ms), not 31.
  auto const plan = plan_or_die(one_scenario(
      R"({"executor": "ramping-arrival-rate", "startRate": 10, "stages": [{"duration": "3s", "target": 10}],
          "preAllocatedVUs": 10, "exec": "tool_call"})"));
  auto const s = run_sim(plan, {}).summary;
  EXPECT_EQ(counters(s, "s").iterations_started, 30U);
  EXPECT_DOUBLE_EQ(trend(s, "iteration_lateness", "max"), 0);  // sim starts on schedule
}

TEST(executors_test, graceful_stop_interrupts_and_nothing_disappears) {
  // 2 s tool calls, 1 VU over 3 s with gracefulStop 500 ms: iterations at 0 and 2 s; the
  // second would end at 4 s but is interrupted at 3.5 s. Its request records no latency, but
  // after waiting the whole grace period it is an error with reason interrupted (SPEC).
  auto const plan = plan_or_die(one_scenario(
      R"({"executor": "constant-vus", "vus": 1, "duration": "3s", "gracefulStop": "500ms",
          "exec": "tool_call"})",
      R"(, "tool_call_delay": "2s")"));
  auto const s = run_sim(plan, {}).summary;
  auto const c = counters(s, "s");
  EXPECT_EQ(c.iterations_started, 2U);
  EXPECT_EQ(c.iterations_completed, 1U);
  EXPECT_EQ(c.iterations_interrupted, 1U);
  EXPECT_EQ(c.requests_interrupted, 1U);
  EXPECT_EQ(c.requests_aborted, 0U);
  EXPECT_EQ(metric(s, "http_reqs")->count, 1);
  EXPECT_EQ(metric(s, "http_req_interrupted")->count, 1);
  EXPECT_EQ(metric(s, "errors")->passes, 1U);
  EXPECT_EQ(metric(s, "errors")->fails, 1U);
  EXPECT_EQ(c.errors_by_reason[static_cast<std::size_t>(core::ErrorReason::interrupted)], 1U);
  EXPECT_EQ(metric(s, "tool_invocation")->samples, 1U);
  EXPECT_EQ(s.duration, core::ms(3500));
}

TEST(executors_test, in_flight_iteration_finishes_within_graceful_stop) {
  // Same, default gracefulStop 30 s: the second iteration completes at 4 s and counts.
  auto const plan = plan_or_die(one_scenario(
      R"({"executor": "constant-vus", "vus": 1, "duration": "3s", "exec": "tool_call"})",
      R"(, "tool_call_delay": "2s")"));
  auto const s = run_sim(plan, {}).summary;
  EXPECT_EQ(counters(s, "s").iterations_completed, 2U);
  EXPECT_EQ(s.duration, core::seconds(4));
}

TEST(executors_test, per_vu_and_shared_iterations_count_and_drop) {
  // per-vu: 3 VUs x 4 iterations of 500 ms = 12, done at 2 s.
  auto plan = plan_or_die(one_scenario(
      R"({"executor": "per-vu-iterations", "vus": 3, "iterations": 4, "exec": "tool_call"})"));
  auto s = run_sim(plan, {}).summary;
  EXPECT_EQ(counters(s, "s").iterations_completed, 12U);
  EXPECT_EQ(s.duration, core::seconds(2));
  // shared: 10 iterations on 2 VUs, maxDuration 1s: iterations at 0, 0.5 s on each VU
  // (4 started); at 1 s nothing more may start -> 6 dropped as one sample.
  plan = plan_or_die(one_scenario(
      R"({"executor": "shared-iterations", "vus": 2, "iterations": 10, "maxDuration": "1s",
          "exec": "tool_call"})"));
  s = run_sim(plan, {}).summary;
  auto const c = counters(s, "s");
  EXPECT_EQ(c.iterations_started, 4U);
  EXPECT_EQ(c.iterations_dropped, 6U);
  EXPECT_EQ(metric(s, "dropped_iterations")->count, 6);
}

TEST(executors_test, ramping_vus_without_graceful_ramp_down_ends_with_the_stages) {
  // 0 -> 2 VUs over 2 s, then -> 0 over 2 s, gracefulRampDown 0: VU 1 from t = 1 s, VU 2
  // from 2 s; VU 2 stops at 3 s, VU 1 at 4 s, both interrupted mid tool call (500 ms).
  auto const plan = plan_or_die(one_scenario(
      R"({"executor": "ramping-vus", "startVUs": 0, "gracefulRampDown": "0s",
          "stages": [{"duration": "2s", "target": 2}, {"duration": "2s", "target": 0}],
          "exec": "tool_call"})",
      R"(, "tool_call_delay": "300ms")"));
  auto const s = run_sim(plan, {}).summary;
  auto const c = counters(s, "s");
  // VU 0: 1.0 .. 4.0 s -> starts at 1.0 + 0.3k < 4.0: k = 0..9 (10 starts; the one at 3.7 s
  // ends at 4.0 s, after the step at 4.0 s removed it: interrupted). VU 1: 2.0 .. 3.0 s ->
  // starts at 2.0, 2.3, 2.6, 2.9 (4); the one at 2.9 is interrupted at 3.0 s.
  EXPECT_EQ(c.iterations_started, 14U);
  EXPECT_EQ(c.iterations_interrupted, 2U);
  EXPECT_EQ(s.duration, core::seconds(4));
}

TEST(executors_test, max_concurrent_queues_fifo_and_the_wait_is_latency) {
  // 2 VUs, one slot: the second request waits 500 ms for the first tool call.
  auto const plan = plan_or_die(one_scenario(
      R"({"executor": "per-vu-iterations", "vus": 2, "iterations": 1, "exec": "tool_call"})",
      R"(, "max_concurrent": 1)"));
  auto const s = run_sim(plan, {}).summary;
  EXPECT_DOUBLE_EQ(trend(s, "tool_invocation", "min"), 500);
  EXPECT_DOUBLE_EQ(trend(s, "tool_invocation", "max"), 1000);
}

TEST(executors_test, full_queue_answers_at_once_with_queue_full_status) {
  auto const plan = plan_or_die(one_scenario(
      R"({"executor": "per-vu-iterations", "vus": 3, "iterations": 1, "exec": "tool_call"})",
      R"(, "max_concurrent": 1, "max_queue": 1)"));
  auto const s = run_sim(plan, {}).summary;
  EXPECT_EQ(metric(s, "errors")->passes, 1U);  // the third: 529 at once
  EXPECT_EQ(counters(s, "s").requests_error, 1U);
}

TEST(executors_test, network_rtt_adds_half_each_way) {
  // rtt 40 ms: first token arrives 20 + 100 + 20 ms after sending.
  auto const plan = plan_or_die(one_scenario(
      R"({"executor": "per-vu-iterations", "vus": 1, "iterations": 1, "exec": "simple_query"})",
      R"(, "network_rtt": "40ms")"));
  auto const s = run_sim(plan, {}).summary;
  EXPECT_DOUBLE_EQ(trend(s, "first_token_latency", "avg"), 140);
  EXPECT_DOUBLE_EQ(trend(s, "http_req_waiting", "avg"), 40);  // headers at t0
  EXPECT_DOUBLE_EQ(trend(s, "http_req_duration", "avg"), 40 + 190);
}

TEST(executors_test, timeout_is_an_error_with_reason_timeout) {
  auto const direct = plan_or_die(R"({"model": {"tool_call_delay": "5s", "error_rate": 0},
      "options": {"timeout": "1s", "scenarios": {"s": {"executor": "per-vu-iterations",
      "vus": 1, "iterations": 2, "exec": "tool_call"}}}})");
  auto const s = run_sim(direct, {}).summary;
  EXPECT_EQ(metric(s, "errors")->passes, 2U);
  EXPECT_EQ(counters(s, "s").requests_error, 2U);
  EXPECT_EQ(s.duration, core::seconds(2));
}

TEST(executors_test, ramping_vus_re_added_vu_keeps_its_iteration_like_k6) {
  // startVUs 2, 2.5 s tool calls. VU 1 is ramped down at 1 s (its iteration from 0 runs to
  // 2.5 s), back up at 1.5 s -- within gracefulRampDown 5 s, so k6's graceful curve never
  // drops -- and down again at 5.5 s with its second iteration (2.5 s .. 5 s) done and a
  // third (5 s .. 7.5 s) running: allowed until 10.5 s, it completes. A stale timer from
  // the first ramp-down (1 + 5 = 6 s) must not cut it: k6's curve gives 0 interrupted.
  auto const plan = plan_or_die(one_scenario(
      R"({"executor": "ramping-vus", "startVUs": 2, "gracefulRampDown": "5s",
          "stages": [{"duration": "1s", "target": 1}, {"duration": "0.5s", "target": 2},
                     {"duration": "3.5s", "target": 2}, {"duration": "0.5s", "target": 1},
                     {"duration": "10s", "target": 1}], "exec": "tool_call"})",
      R"(, "tool_call_delay": "2.5s")"));
  auto const s = run_sim(plan, {}).summary;
  auto const c = counters(s, "s");
  EXPECT_EQ(c.iterations_interrupted, 0U);
  EXPECT_EQ(c.requests_interrupted, 0U);
  EXPECT_EQ(c.iterations_started, c.iterations_completed);
}

}  // namespace loadtwin::sim
