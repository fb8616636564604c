// Goodput end to end on the virtual clock: constant delays, so which requests are good is
// known exactly.
#include <gtest/gtest.h>

#include "sim/sim_run.hpp"
#include "sim_test_support.hpp"

namespace loadtwin::sim {
namespace {

using testing::metric;

// Two scenarios of 10 requests each on 1 VU: simple_query (first token at 100 ms, no tool)
// and tool_call (its tool_use block completes at 3 s). With a 2 s tool_invocation SLO every
// tool call misses exactly one SLO and every simple query meets all that apply to it.
std::string half_good_plan(std::string const& thresholds) {
  return R"({"model": {"first_token_delay": "100ms", "token_interval": "10ms",
                       "tokens_per_response": 10, "tool_call_delay": "3s", "error_rate": 0},
             "options": {
               "goodput": {"first_token_latency": "500ms", "tool_invocation": "2s"},
               "thresholds": )" +
         thresholds + R"(,
               "scenarios": {
                 "chat": {"executor": "per-vu-iterations", "vus": 1, "iterations": 10,
                          "exec": "simple_query"},
                 "tools": {"executor": "per-vu-iterations", "vus": 1, "iterations": 10,
                           "exec": "tool_call"}}}})";
}

TEST(goodput_run_test, half_the_requests_miss_one_slo) {
  auto const plan = testing::plan_or_die(half_good_plan(
      R"({"goodput": ["rate>=0.5", "rate>0.5"], "good_requests": ["count==10"],
          "goodput{scenario:chat}": ["rate==1"], "goodput{scenario:tools}": ["rate==0"]})"));
  auto const result = run_sim(plan, SimOptions{});
  auto const* goodput = metric(result.summary, "goodput");
  ASSERT_NE(goodput, nullptr);
  EXPECT_EQ(goodput->passes, 10U);
  EXPECT_EQ(goodput->fails, 10U);
  EXPECT_DOUBLE_EQ(goodput->rate, 0.5);
  auto const* good = metric(result.summary, "good_requests");
  ASSERT_NE(good, nullptr);
  EXPECT_DOUBLE_EQ(good->count, 10);
  std::vector<std::pair<std::string, bool>> verdicts;
  for (auto const& v : result.summary.verdicts)
    verdicts.emplace_back(v.key + " " + v.source, v.passed);
  EXPECT_EQ(verdicts,
            (std::vector<std::pair<std::string, bool>>{{"good_requests count==10", true},
                                                       {"goodput rate>=0.5", true},
                                                       {"goodput rate>0.5", false},
                                                       {"goodput{scenario:chat} rate==1", true},
                                                       {"goodput{scenario:tools} rate==0", true}}));
}

TEST(goodput_run_test, errors_are_never_good_and_goodput_counts_what_errors_counts) {
  // error_rate 1: every simple query is an injected 500 -- an error, so not good.
  auto const plan = testing::plan_or_die(
      testing::one_scenario(R"({"executor": "per-vu-iterations", "vus": 2, "iterations": 3,
                                "exec": "simple_query"})"),
      {"model.error_rate=1", "options.goodput={\"first_token_latency\": \"1s\"}",
       "model.network_rtt=\"10ms\""});
  auto const result = run_sim(plan, SimOptions{});
  auto const* goodput = metric(result.summary, "goodput");
  auto const* errors = metric(result.summary, "errors");
  ASSERT_NE(goodput, nullptr);
  ASSERT_NE(errors, nullptr);
  EXPECT_EQ(goodput->passes, 0U);
  EXPECT_EQ(goodput->fails, 6U);
  EXPECT_EQ(goodput->passes + goodput->fails, errors->passes + errors->fails);
  EXPECT_EQ(metric(result.summary, "good_requests"), nullptr);  // no sample, no threshold
}

TEST(goodput_run_test, a_plan_without_goodput_has_no_goodput_samples) {
  auto const plan = testing::plan_or_die(testing::one_scenario(
      R"({"executor": "per-vu-iterations", "vus": 1, "iterations": 2, "exec": "simple_query"})"));
  auto const result = run_sim(plan, SimOptions{});
  EXPECT_EQ(metric(result.summary, "goodput"), nullptr);
  EXPECT_EQ(metric(result.summary, "good_requests"), nullptr);
}

}  // namespace
}  // namespace loadtwin::sim
