#include "core/plan/cli_options.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/plan/plan_json.hpp"

namespace {

namespace json = boost::json;
using loadtwin::core::apply_cli_options;
using loadtwin::core::CliOptions;

// A plan with scenarios and thresholds, like the baseline.
constexpr char const* with_scenarios = R"({"options": {
  "scenarios": {"q": {"executor": "constant-vus", "vus": 10, "duration": "30s",
                      "exec": "simple_query"}},
  "thresholds": {"errors": ["rate<0.01"]}, "tags": {"team": "a"}}})";

}  // namespace

TEST(cli_options_test, shortcut_flags_build_k6s_default_scenario) {
  struct Case {
    char const* plan;
    CliOptions flags;
    char const* scenarios;  // expected options.scenarios
  };
  Case const cases[] = {
      // --vus --duration over scenarios: one constant-vus "default" scenario
      {with_scenarios,
       {.vus = 20, .duration = "10s"},
       R"({"default":{"executor":"constant-vus","vus":20,"duration":"10s",
           "exec":"simple_query"}})"},
      // --duration alone: k6's --vus default of 1
      {with_scenarios,
       {.duration = "10s", .exec = "tool_call"},
       R"({"default":{"executor":"constant-vus","vus":1,"duration":"10s","exec":"tool_call"}})"},
      // --iterations (with --duration as maxDuration): shared-iterations
      {with_scenarios,
       {.vus = 4, .duration = "1m", .iterations = 100},
       R"({"default":{"executor":"shared-iterations","vus":4,"iterations":100,
           "maxDuration":"1m","exec":"simple_query"}})"},
      // --stage, repeatable: ramping-vus starting at --vus (1 by default)
      {with_scenarios,
       {.stages = {"10s:5", "20s:0"}},
       R"({"default":{"executor":"ramping-vus","startVUs":1,"stages":[
           {"duration":"10s","target":5},{"duration":"20s","target":0}],
           "exec":"simple_query"}})"},
      // a plan of shortcuts: --vus changes only vus, the plan's duration stays (k6 Apply)
      {R"({"options": {"vus": 2, "duration": "5s"}})",
       {.vus = 7},
       R"({"default":{"executor":"constant-vus","vus":7,"duration":"5s",
           "exec":"simple_query"}})"},
      // a plan of shortcuts: --iterations replaces the plan's duration
      {R"({"options": {"vus": 2, "duration": "5s"}})",
       {.iterations = 3},
       R"({"default":{"executor":"shared-iterations","vus":2,"iterations":3,
           "exec":"simple_query"}})"},
      // nothing at all in the plan: --vus alone is k6's one iteration per VU
      {R"({})",
       {.vus = 3},
       R"({"default":{"executor":"per-vu-iterations","vus":3,"iterations":1,
           "exec":"simple_query"}})"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.scenarios);
    auto doc = json::parse(c.plan);
    auto const result = apply_cli_options(doc, c.flags);
    ASSERT_TRUE(result.errors.empty()) << result.errors[0].path << ": " << result.errors[0].message;
    auto const& options = doc.at("options").as_object();
    EXPECT_EQ(options.at("scenarios"), json::parse(c.scenarios)) << json::serialize(options);
    for (char const* key : {"vus", "duration", "iterations", "stages"}) {
      EXPECT_FALSE(options.contains(key)) << key;
    }
    // The result is a valid plan (the thresholds and the rest are untouched).
    EXPECT_TRUE(loadtwin::core::parse_plan_value(doc).plan);
  }
}

TEST(cli_options_test, replacing_scenarios_warns_like_k6) {
  auto doc = json::parse(with_scenarios);
  auto const result = apply_cli_options(doc, {.vus = 2, .duration = "3s"});
  ASSERT_EQ(result.warnings.size(), 1U);
  EXPECT_NE(result.warnings[0].find(
                "\"cli\" level configuration overrode scenarios configuration entirely"),
            std::string::npos);
  doc = json::parse(R"({"options": {"vus": 2, "duration": "5s"}})");
  EXPECT_TRUE(apply_cli_options(doc, {.duration = "1s"}).warnings.empty());
}

TEST(cli_options_test, bad_or_conflicting_flags_are_errors_naming_the_flag) {
  struct Case {
    CliOptions flags;
    char const* path;
    char const* message;
  };
  Case const cases[] = {
      {{.vus = 5}, "--vus", "the plan has scenarios"},  // k6 would silently ignore it
      {{.exec = "tool_call"}, "--exec", "the plan has scenarios"},
      {{.duration = "soon"}, "--duration", "expected a duration"},
      {{.stages = {"10s"}}, "--stage", "expected DURATION:TARGET"},
      {{.stages = {"10s:-1"}}, "--stage", "expected DURATION:TARGET"},
      {{.iterations = 5, .stages = {"1s:1"}}, "options", "`iterations` and `stages`"},
      {{.duration = "5s", .stages = {"1s:1"}}, "options", "`duration` and `stages`"},
      {{.duration = "0s"}, "options", "`duration` should be more than 0"},
      {{.tags = {"novalue"}}, "--tag", "expected NAME=VALUE"},
      {{.summary_trend_stats = "avg,,p(99)"}, "--summary-trend-stats", "empty stat"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.message);
    auto doc = json::parse(with_scenarios);
    auto const result = apply_cli_options(doc, c.flags);
    ASSERT_FALSE(result.errors.empty());
    EXPECT_EQ(result.errors[0].path, c.path);
    EXPECT_NE(result.errors[0].message.find(c.message), std::string::npos)
        << result.errors[0].message;
  }
}

TEST(cli_options_test, tags_stats_and_no_thresholds_replace_their_options) {
  auto doc = json::parse(with_scenarios);
  auto const result = apply_cli_options(
      doc,
      {.tags = {"env=ci", "run=7=x"}, .summary_trend_stats = "avg, p(99)", .no_thresholds = true});
  ASSERT_TRUE(result.errors.empty());
  auto const& options = doc.at("options").as_object();
  // k6's --tag replaces options.tags as a whole: team=a is gone.
  EXPECT_EQ(options.at("tags"), json::parse(R"({"env":"ci","run":"7=x"})"));
  EXPECT_EQ(options.at("summaryTrendStats"), json::parse(R"j(["avg","p(99)"])j"));
  EXPECT_FALSE(options.contains("thresholds"));
  EXPECT_TRUE(options.contains("scenarios"));  // untouched without shortcut flags
  auto const plan = loadtwin::core::parse_plan_value(doc);
  ASSERT_TRUE(plan.plan);
  EXPECT_TRUE(plan.plan->thresholds.empty());
}

TEST(cli_options_test, no_flags_leave_the_document_as_it_was) {
  auto doc = json::parse(with_scenarios);
  auto const before = doc;
  auto const result = apply_cli_options(doc, {});
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(doc, before);
}
