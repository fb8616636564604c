// Threshold behaviour during and at the end of a simulated run (k6 engine.go semantics).
#include <gtest/gtest.h>

#include "sim/sim_test_support.hpp"

namespace loadtwin::sim {
using namespace testing;

namespace {
// 100 ms first token, 5 VUs for 10 s; thresholds are set per test.
std::string plan_with(std::string const& thresholds) {
  return R"({"model": {"error_rate": 0, "tokens_per_response": 2, "first_token_delay": "100ms"},
    "options": {"scenarios": {"s": {"executor": "constant-vus", "vus": 5, "duration": "10s",
    "exec": "simple_query"}}, "thresholds": )" +
         thresholds + "}}";
}
}  // namespace

TEST(thresholds_test, abort_on_fail_stops_at_the_first_periodic_check) {
  // Fails from the first sample; checked every 2 s from t = 2 s -> stops at 2 s, exit 99.
  auto const plan = plan_or_die(
      plan_with(R"({"first_token_latency": [{"threshold": "p(95)<50", "abortOnFail": true}]})"));
  auto const s = run_sim(plan, {}).summary;
  EXPECT_EQ(s.stop, core::StopReason::threshold_abort);
  EXPECT_EQ(s.duration, core::seconds(2));
  EXPECT_EQ(core::exit_code(s), core::ExitCode::thresholds_failed);
  auto const c = counters(s, "s");
  EXPECT_EQ(c.iterations_started, c.iterations_completed + c.iterations_interrupted);
  EXPECT_GT(c.iterations_interrupted, 0U);
}

TEST(thresholds_test, delay_abort_eval_postpones_the_abort) {
  // delayAbortEval 5s: the abort waits until elapsed > 5 s, i.e. the check at 6 s.
  auto const plan = plan_or_die(plan_with(
      R"({"first_token_latency": [{"threshold": "p(95)<50", "abortOnFail": true,
          "delayAbortEval": "5s"}]})"));
  EXPECT_EQ(run_sim(plan, {}).summary.duration, core::seconds(6));
}

TEST(thresholds_test, failing_without_abort_runs_to_the_end) {
  auto const plan = plan_or_die(plan_with(R"({"first_token_latency": ["p(95)<50"]})"));
  auto const s = run_sim(plan, {}).summary;
  EXPECT_EQ(s.stop, core::StopReason::none);
  EXPECT_FALSE(s.verdicts[0].passed);
  EXPECT_DOUBLE_EQ(*s.verdicts[0].observed, 100);
}

TEST(thresholds_test, empty_sinks_fail_by_default_and_follow_k6_with_no_data_pass) {
  // No tool calls run. By default (SPEC "No data") every threshold on an empty sink fails.
  // With --no-data=pass, k6: the Trend reads 0 (p(95)<500 passes, max>0 fails); an empty
  // Rate passes whatever its expression; count>0 on an empty Counter fails.
  auto const plan = plan_or_die(plan_with(R"({
      "tool_invocation": ["p(95)<500", "max>0"],
      "errors{scenario:none}": ["rate>0.9"],
      "dropped_iterations": ["count>0"]})"));
  auto s = run_sim(plan, {}).summary;
  ASSERT_EQ(s.verdicts.size(), 4U);
  for (auto const& v : s.verdicts) EXPECT_FALSE(v.passed) << v.key << " " << v.source;
  s = run_sim(plan, {.no_data_fail = false}).summary;
  for (auto const& v : s.verdicts) {
    SCOPED_TRACE(v.key + " " + v.source);
    EXPECT_TRUE(v.no_samples);
    bool const expect_pass = v.source == "p(95)<500" || v.source == "rate>0.9";
    EXPECT_EQ(v.passed, expect_pass);
  }
}

TEST(thresholds_test, submetrics_take_only_matching_samples) {
  auto const plan = plan_or_die(R"({"model": {"error_rate": 0},
    "options": {"scenarios": {
      "a": {"executor": "per-vu-iterations", "vus": 1, "iterations": 3, "exec": "tool_call"},
      "b": {"executor": "per-vu-iterations", "vus": 1, "iterations": 2, "exec": "invalid_request"}},
    "thresholds": {"http_reqs{scenario:a}": ["count==3"], "http_reqs{kind:invalid_request}":
      ["count==2"], "http_req_failed{scenario:b}": ["rate==0"]}}})");
  auto const s = run_sim(plan, {}).summary;
  for (auto const& v : s.verdicts) EXPECT_TRUE(v.passed) << v.key << " " << v.source;
}

}  // namespace loadtwin::sim
