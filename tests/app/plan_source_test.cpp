// Plans that are not JSON: every error is FILE:LINE:COL with the line, and a k6 script
// given where a plan goes suggests `loadtwin convert`.
#include "app/plan_source.hpp"

#include <gtest/gtest.h>

#include <cstdio>

#include "cli_run.hpp"

namespace {

using loadtwin::test::contains;
using loadtwin::test::run_loadtwin;
using loadtwin::test::scratch;
using loadtwin::test::source_path;

}  // namespace

TEST(plan_source_test, a_k6_script_given_to_sim_is_located_and_suggests_convert) {
  auto const script = source_path("tests/data/seed/baseline.k6.js");
  auto const r = run_loadtwin("sim " + script);
  EXPECT_EQ(r.exit_code, 104);
  // The first non-comment character of the script is where JSON stops.
  EXPECT_TRUE(contains(r.output, script + ":1:1: invalid JSON: syntax error at '/'")) << r.output;
  EXPECT_TRUE(contains(r.output, "loadtwin convert " + script + " -o plan.json")) << r.output;
}

TEST(plan_source_test, a_bad_plan_and_a_bad_set_value_name_line_and_column) {
  auto const plan = scratch("bad_plan.json");
  std::FILE* f = std::fopen(plan.c_str(), "w");
  std::fputs("{\n  \"model\": {\n    \"error_rate\": 0.01,,\n  }\n}\n", f);
  std::fclose(f);
  auto r = run_loadtwin("sim " + plan);
  EXPECT_EQ(r.exit_code, 104);
  EXPECT_TRUE(contains(r.output, plan + ":3:24: invalid JSON: syntax error at ','")) << r.output;
  EXPECT_TRUE(contains(r.output, "    \"error_rate\": 0.01,,\n")) << r.output;
  r = run_loadtwin("sim --set 'options.thresholds={\"errors\": [}'");
  EXPECT_EQ(r.exit_code, 104);
  EXPECT_TRUE(contains(r.output, "--set options.thresholds:1:13: invalid JSON")) << r.output;
}

TEST(plan_source_test, load_plan_applies_the_edit_before_set_and_validation) {
  int calls = 0;
  auto const loaded = loadtwin::app::load_plan(
      "", {"options.scenarios.q.vus=3"}, loadtwin::core::PlanUse::run,
      [&](boost::json::value& doc, std::vector<loadtwin::core::PlanError>&) {
        ++calls;
        doc.as_object()["options"].as_object()["scenarios"] = boost::json::object{
            {"q", {{"executor", "constant-vus"}, {"duration", "1s"}, {"exec", "tool_call"}}}};
      });
  ASSERT_TRUE(loaded.plan) << loaded.error;
  EXPECT_EQ(calls, 1);
  ASSERT_EQ(loaded.plan->scenarios.size(), 1U);
  EXPECT_EQ(loaded.plan->scenarios[0].vus, 3U);  // --set came after the edit
  auto const refused = loadtwin::app::load_plan(
      "", {}, loadtwin::core::PlanUse::run,
      [](boost::json::value&, std::vector<loadtwin::core::PlanError>& errors) {
        errors.push_back({"--vus", "no"});
      });
  EXPECT_FALSE(refused.plan);
  EXPECT_TRUE(contains(refused.error, "--vus: no")) << refused.error;
}
