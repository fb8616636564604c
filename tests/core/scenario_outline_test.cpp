#include "core/plan/scenario_outline.hpp"

#include <gtest/gtest.h>

#include "core/plan/plan_json.hpp"

namespace loadtwin::core {
namespace {

Plan plan_of(std::string const& scenarios) {
  auto parsed = parse_plan(R"({"options": {"scenarios": )" + scenarios + "}}");
  EXPECT_TRUE(parsed.plan) << format_plan_errors("plan", parsed.errors);
  return parsed.plan.value_or(Plan{});
}

TEST(scenario_outline_test, each_executor_reports_its_vus_and_span) {
  struct Case {
    char const* scenario;
    std::uint32_t max_vus;
    Duration duration;
    bool bound;
    Duration end;
  } const cases[] = {
      {R"({"executor": "constant-vus", "vus": 7, "duration": "30s", "exec": "simple_query"})", 7,
       seconds(30), false, seconds(60)},  // + the default gracefulStop of 30s
      {R"({"executor": "ramping-vus", "startVUs": 3, "exec": "simple_query",
           "stages": [{"duration": "10s", "target": 12}, {"duration": "5s", "target": 0}],
           "gracefulStop": "0s", "startTime": "5s"})",
       12, seconds(15), false, seconds(20)},
      {R"({"executor": "constant-arrival-rate", "rate": 10, "duration": "20s",
           "preAllocatedVUs": 4, "maxVUs": 9, "exec": "simple_query", "gracefulStop": "2s"})",
       9, seconds(20), false, seconds(22)},
      {R"({"executor": "ramping-arrival-rate", "preAllocatedVUs": 6, "exec": "simple_query",
           "stages": [{"duration": "4s", "target": 5}, {"duration": "6s", "target": 5}]})",
       6, seconds(10), false, seconds(40)},  // maxVUs defaults to preAllocatedVUs
      {R"({"executor": "per-vu-iterations", "vus": 2, "iterations": 5, "exec": "simple_query"})", 2,
       seconds(600), true, seconds(630)},  // maxDuration 10m: an upper bound
      {R"({"executor": "shared-iterations", "vus": 3, "iterations": 9, "maxDuration": "1m",
           "exec": "simple_query"})",
       3, seconds(60), true, seconds(90)},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.scenario);
    auto const plan = plan_of(std::string(R"({"s": )") + c.scenario + "}");
    ASSERT_EQ(plan.scenarios.size(), 1U);
    auto const o = outline_scenario(plan.scenarios[0]);
    EXPECT_EQ(o.max_vus, c.max_vus);
    EXPECT_EQ(o.duration, c.duration);
    EXPECT_EQ(o.duration_is_bound, c.bound);
    EXPECT_EQ(o.end(), c.end);
    EXPECT_EQ(plan_max_duration(plan), c.end);
  }
}

TEST(scenario_outline_test, overlapping_spans_add_their_vus_and_touching_ones_do_not) {
  // a: 0..60s (10 VUs); b: 30s..90s (5); c: 90s..150s (20) starts as b ends.
  auto const plan = plan_of(R"({
      "a": {"executor": "constant-vus", "vus": 10, "duration": "30s", "exec": "simple_query"},
      "b": {"executor": "constant-vus", "vus": 5, "duration": "30s", "startTime": "30s",
            "exec": "simple_query"},
      "c": {"executor": "constant-vus", "vus": 20, "duration": "30s", "startTime": "90s",
            "exec": "simple_query"}})");
  EXPECT_EQ(plan_max_vus(plan), 20U);
  EXPECT_EQ(plan_max_duration(plan), seconds(150));
  auto const overlap = plan_of(R"({
      "a": {"executor": "constant-vus", "vus": 10, "duration": "30s", "exec": "simple_query"},
      "b": {"executor": "constant-vus", "vus": 5, "duration": "30s", "startTime": "30s",
            "exec": "simple_query"}})");
  EXPECT_EQ(plan_max_vus(overlap), 15U);
}

}  // namespace
}  // namespace loadtwin::core
