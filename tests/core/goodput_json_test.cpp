#include "core/plan/goodput_json.hpp"

#include <gtest/gtest.h>

#include "core/plan/plan_json.hpp"

namespace loadtwin::core {
namespace {

std::string plan_with(std::string const& options_extra) {
  return R"({"options": {"scenarios": {"s": {"executor": "per-vu-iterations",
             "exec": "simple_query"}})" +
         options_extra + "}}";
}

TEST(goodput_json_test, reads_every_slo_as_a_duration) {
  auto const parsed = parse_plan(plan_with(R"(, "goodput": {"first_token_latency": "500ms",
      "inter_token_latency": "40ms", "inter_token_latency_max": "200ms",
      "tool_invocation": "2s", "http_req_duration": "1m"})"));
  ASSERT_TRUE(parsed.plan) << format_plan_errors("plan", parsed.errors);
  auto const& g = parsed.plan->goodput;
  ASSERT_TRUE(g);
  EXPECT_EQ(g->first_token_latency, ms(500));
  EXPECT_EQ(g->inter_token_latency, ms(40));
  EXPECT_EQ(g->inter_token_latency_max, ms(200));
  EXPECT_EQ(g->tool_invocation, seconds(2));
  EXPECT_EQ(g->http_req_duration, seconds(60));
}

TEST(goodput_json_test, a_plan_without_goodput_has_none) {
  auto const parsed = parse_plan(plan_with(""));
  ASSERT_TRUE(parsed.plan);
  EXPECT_FALSE(parsed.plan->goodput);
}

TEST(goodput_json_test, names_every_problem_with_its_path) {
  struct Case {
    std::string extra;
    std::string path;
    std::string message_part;
  } const cases[] = {
      {R"(, "goodput": {"ttft": "1s"})", "options.goodput.ttft", "unknown field"},
      {R"(, "goodput": {"first_token_latency": 500})", "options.goodput.first_token_latency",
       "duration"},
      {R"(, "goodput": {"first_token_latency": "0s"})", "options.goodput.first_token_latency",
       "at least"},
      {R"(, "goodput": {})", "options.goodput", "at least one SLO"},
      {R"(, "goodput": "500ms")", "options.goodput", "object"},
      {R"(, "thresholds": {"goodput": ["rate>0.9"]})", "options.thresholds.goodput",
       "needs options.goodput"},
      {R"(, "thresholds": {"good_requests{scenario:s}": ["count>1"]})",
       "options.thresholds.\"good_requests{scenario:s}\"", "needs options.goodput"},
      {R"(, "goodput": {"http_req_duration": "1s"}, "thresholds": {"goodput": ["p(95)<1"]})",
       "options.thresholds.goodput[0]", "not valid for rate"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.extra);
    auto const parsed = parse_plan(plan_with(c.extra));
    ASSERT_FALSE(parsed.plan);
    ASSERT_EQ(parsed.errors.size(), 1U) << format_plan_errors("plan", parsed.errors);
    EXPECT_EQ(parsed.errors[0].path, c.path);
    EXPECT_NE(parsed.errors[0].message.find(c.message_part), std::string::npos)
        << parsed.errors[0].message;
  }
}

}  // namespace
}  // namespace loadtwin::core
