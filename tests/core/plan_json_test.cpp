#include "core/plan/plan_json.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/plan/plan_override.hpp"

namespace loadtwin::core {
namespace {

std::string baseline_text() {
  std::ifstream in(std::string(LOADTWIN_SOURCE_DIR) + "/models/baseline.json");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

TEST(plan_json_test, loads_the_baseline) {
  auto const parsed = parse_plan(baseline_text());
  ASSERT_TRUE(parsed.plan.has_value()) << format_plan_errors("baseline", parsed.errors);
  auto const& plan = *parsed.plan;
  ASSERT_EQ(plan.scenarios.size(), 3U);
  // Sorted by (startTime, name) like k6.
  EXPECT_EQ(plan.scenarios[0].name, "simple_query");
  EXPECT_EQ(plan.scenarios[1].name, "tool_call");
  EXPECT_EQ(plan.scenarios[2].name, "error_injection");
  EXPECT_EQ(plan.scenarios[2].exec, RequestKind::invalid_request);
  EXPECT_EQ(plan.scenarios[1].graceful_stop, seconds(30));  // k6 default
  EXPECT_EQ(plan.thresholds.size(), 5U);
  EXPECT_DOUBLE_EQ(plan.model.error_rate, 0.005);
}

TEST(plan_json_test, applies_overrides_before_validation) {
  auto const parsed = parse_plan(
      baseline_text(), {"model.first_token_delay=600ms", "options.scenarios.simple_query.vus=3",
                        "model.token_interval={\"dist\":\"uniform\","
                        "\"min\":\"10ms\",\"max\":\"30ms\"}"});
  ASSERT_TRUE(parsed.plan.has_value()) << format_plan_errors("baseline", parsed.errors);
  EXPECT_EQ(std::get<ConstantDist>(parsed.plan->model.first_token_delay).value, 600e6);
  EXPECT_EQ(parsed.plan->scenarios[0].vus, 3U);
  EXPECT_EQ(std::get<UniformDist>(parsed.plan->model.token_interval).max, 30e6);
}

TEST(plan_json_test, override_paths_quote_keys_and_index_arrays) {
  std::string error;
  auto const steps = parse_override_path("options.thresholds.\"errors{kind:tool_call}\"[0]", error);
  ASSERT_TRUE(steps.has_value()) << error;
  ASSERT_EQ(steps->size(), 4U);
  EXPECT_EQ(std::get<std::string>((*steps)[2]), "errors{kind:tool_call}");
  EXPECT_EQ(std::get<std::size_t>((*steps)[3]), 0U);
  EXPECT_FALSE(parse_override_path("a..b", error).has_value());
  EXPECT_FALSE(parse_override_path("a[x]", error).has_value());
  EXPECT_FALSE(parse_override_path("\"a", error).has_value());
}

// Each malformed plan: a --set applied to the baseline (or a whole document), the JSON
// path the error must name, and part of what it must say.
struct MalformedCase {
  char const* override_or_doc;
  char const* path;
  char const* message_part;
};
MalformedCase const malformed_plans[] = {
    {"model.error_rate=1.5", "model.error_rate", "[0, 1]"},
    {"model.error_rate=-0.1", "model.error_rate", "[0, 1]"},
    {"model.first_token_delay=-5ms", "model.first_token_delay", "duration"},
    {"model.first_token_delay=100", "model.first_token_delay", "duration string"},
    {"model.tokens_per_response=0", "model.tokens_per_response", "integer"},
    {"model.colour=1", "model.colour", "unknown field"},
    {"model.max_concurrent=0", "model.max_concurrent", "integer"},
    {"model.max_queue=5", "model.max_queue", "needs max_concurrent"},
    {"model.error_status=200", "model.error_status", "[400, 599]"},
    {"model.network_rtt={\"dist\":\"gamma\"}", "model.network_rtt.dist", "expected one of"},
    {"model.network_rtt={\"dist\":\"uniform\",\"min\":\"5ms\"}", "model.network_rtt.max",
     "missing"},
    {"model.network_rtt={\"dist\":\"lognormal\",\"median\":\"50ms\",\"p99\":\"10ms\"}",
     "model.network_rtt.p99", "p99 >= median"},
    {"model.network_rtt={\"dist\":\"empirical\",\"samples\":[\"1ms\",3]}",
     "model.network_rtt.samples[1]", "duration"},
    {"options.batch=10", "options.batch", "k6 option batch is not supported"},
    {"options.wibble=1", "options.wibble", "unknown field"},
    {"options.vus=5", "options", "cannot be mixed with scenarios"},
    {"options.scenarios.tool_call.duration=1m-", "options.scenarios.tool_call.duration",
     "duration"},
    {"options.scenarios.tool_call.duration=500ms", "options.scenarios.tool_call.duration",
     "at least 1s"},
    {"options.scenarios.tool_call.vus=0", "options.scenarios.tool_call.vus", "integer"},
    {"options.scenarios.tool_call.exec=chat", "options.scenarios.tool_call.exec", "simple_query"},
    {"options.scenarios.tool_call.executor=externally-controlled",
     "options.scenarios.tool_call.executor", "expected one of"},
    {"options.scenarios.tool_call.rate=5", "options.scenarios.tool_call.rate", "unknown field"},
    {"options.scenarios.error_injection.think_time=0s", "options.scenarios.error_injection",
     "zero virtual time"},
    {"options.scenarios.x={\"executor\":\"constant-vus\",\"duration\":\"5s\"}",
     "options.scenarios.x.exec", "missing field"},
    {"options.scenarios.x={\"executor\":\"constant-arrival-rate\",\"exec\":\"tool_call\","
     "\"rate\":5,\"duration\":\"5s\"}",
     "options.scenarios.x.preAllocatedVUs", "missing"},
    {"options.scenarios.x={\"executor\":\"constant-arrival-rate\",\"exec\":\"tool_call\","
     "\"rate\":5,\"duration\":\"5s\",\"preAllocatedVUs\":5,\"maxVUs\":2}",
     "options.scenarios.x.maxVUs", "maxVUs >= preAllocatedVUs"},
    {"options.scenarios.x={\"executor\":\"shared-iterations\",\"exec\":\"tool_call\","
     "\"vus\":5,\"iterations\":2}",
     "options.scenarios.x.iterations", "iterations >= vus"},
    {"options.scenarios.x={\"executor\":\"ramping-vus\",\"exec\":\"tool_call\"}",
     "options.scenarios.x.stages", "missing"},
    {"options.scenarios.x={\"executor\":\"ramping-vus\",\"exec\":\"tool_call\",\"startVUs\":0,"
     "\"stages\":[{\"duration\":\"5s\",\"target\":0}]}",
     "options.scenarios.x.stages", "above 0"},
    {"options.scenarios.\"a b\"={\"executor\":\"constant-vus\",\"exec\":\"tool_call\","
     "\"duration\":\"5s\"}",
     "options.scenarios.a b", "must match"},
    {"options.thresholds.checks=[\"rate>0.9\"]", "options.thresholds.checks", "does not have"},
    {"options.thresholds.nope=[\"count>0\"]", "options.thresholds.nope", "unknown metric"},
    {"options.thresholds.http_reqs=[\"value>0\"]", "options.thresholds.http_reqs[0]",
     "not valid for counter"},
    {"options.thresholds.errors=[\"rate<<\"]", "options.thresholds.errors[0]", "malformed"},
    {"options.thresholds.\"errors{kind:x\"=[\"rate<1\"]", "options.thresholds.\"errors{kind:x\"",
     "missing ending bracket"},
    {"options.thresholds.errors=[{\"threshold\":\"rate<1\",\"abortOnFail\":\"yes\"}]",
     "options.thresholds.errors[0].abortOnFail", "true or false"},
    {"options.summaryTimeUnit=hours", "options.summaryTimeUnit", "\"s\""},
    {"{\"model\": {}, \"options\": }", "", "invalid JSON"},
    {"options.scenarios.tool_call.expect=5", "options.scenarios.tool_call.expect",
     "expected an object"},
    {"options.scenarios.tool_call.expect={\"status\":[200,\"6xx\"]}",
     "options.scenarios.tool_call.expect.status", "classes"},
    {"options.scenarios.tool_call.expect={\"content\":\"json\"}",
     "options.scenarios.tool_call.expect.content", "text, tool_use or any"},
    {"options.scenarios.tool_call.expect={\"statuses\":[200]}",
     "options.scenarios.tool_call.expect.statuses", "unknown field"},
};

TEST(plan_json_test, rejects_malformed_plans_with_path_and_reason) {
  for (auto const& c : malformed_plans) {
    SCOPED_TRACE(c.override_or_doc);
    std::string const text = c.override_or_doc;
    auto const parsed =
        text.starts_with("{") ? parse_plan(text) : parse_plan(baseline_text(), {text});
    ASSERT_FALSE(parsed.plan.has_value());
    bool found = false;
    for (auto const& e : parsed.errors) {
      found = found || (e.path == c.path && e.message.find(c.message_part) != std::string::npos);
    }
    EXPECT_TRUE(found) << format_plan_errors("plan", parsed.errors);
  }
}

TEST(plan_json_test, k6_shortcuts_become_a_default_scenario) {
  auto parsed = parse_plan(R"({"options": {"vus": 3, "duration": "10s"}})");
  ASSERT_TRUE(parsed.plan.has_value()) << format_plan_errors("p", parsed.errors);
  EXPECT_EQ(parsed.plan->scenarios[0].executor, ExecutorKind::constant_vus);
  EXPECT_EQ(parsed.plan->scenarios[0].vus, 3U);
  parsed = parse_plan(R"({"options": {"iterations": 7}})");
  ASSERT_TRUE(parsed.plan.has_value());
  EXPECT_EQ(parsed.plan->scenarios[0].executor, ExecutorKind::shared_iterations);
  parsed = parse_plan(R"({"options": {"stages": [{"duration": "5s", "target": 4}]}})");
  ASSERT_TRUE(parsed.plan.has_value()) << format_plan_errors("p", parsed.errors);
  EXPECT_EQ(parsed.plan->scenarios[0].executor, ExecutorKind::ramping_vus);
  parsed = parse_plan(R"({})");
  ASSERT_TRUE(parsed.plan.has_value());
  EXPECT_EQ(parsed.plan->scenarios[0].executor, ExecutorKind::per_vu_iterations);
}

TEST(plan_json_test, collects_every_error_not_just_the_first) {
  auto const parsed = parse_plan(
      baseline_text(), {"model.error_rate=2", "model.foo=1", "options.scenarios.tool_call.vus=0"});
  EXPECT_GE(parsed.errors.size(), 3U);
}

}  // namespace loadtwin::core

namespace loadtwin::core {

TEST(plan_json_test, model_only_use_skips_the_loop_check) {
  // The mock serves only the model: error_rate 1 answers everything at once, which would
  // make the baseline's closed loops endless in a run, but is a fine mock.
  EXPECT_FALSE(parse_plan(baseline_text(), {"model.error_rate=1"}).plan.has_value());
  EXPECT_TRUE(
      parse_plan(baseline_text(), {"model.error_rate=1"}, PlanUse::model_only).plan.has_value());
}

}  // namespace loadtwin::core
