// `loadtwin convert` end to end: the built binary on the seed script and on k6 inspect JSON.
#include "app/convert_command.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cstdio>

#include "cli_run.hpp"

namespace {

using loadtwin::test::contains;
using loadtwin::test::run_loadtwin;
using loadtwin::test::run_shell;
using loadtwin::test::scratch;
using loadtwin::test::slurp_file;
using loadtwin::test::source_path;

std::string const seed_script = source_path("tests/data/seed/baseline.k6.js");

}  // namespace

TEST(convert_command_test, the_seed_script_becomes_a_plan_that_runs_like_the_baseline) {
  auto const plan = scratch("seed_plan.json");
  auto r = run_loadtwin("convert " + seed_script + " --think-time errorInjection=100ms -o " + plan);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "wrote " + plan)) << r.output;
  EXPECT_FALSE(contains(r.output, "warning")) << r.output;
  // Same seed, same columns: the converted plan's run is the baseline's, byte for byte.
  auto const converted_export = scratch("seed_converted_export.json");
  auto const baseline_export = scratch("seed_baseline_export.json");
  r = run_loadtwin("sim " + plan + " --seed 5 -q --summary-trend-stats " +
                   "'avg,min,med,max,p(90),p(95)' --summary-export " + converted_export);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run_loadtwin("sim " + source_path("models/baseline.json") + " --seed 5 -q --summary-export " +
                   baseline_export);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(slurp_file(converted_export), slurp_file(baseline_export));
}

TEST(convert_command_test, sleep_it_cannot_carry_is_a_warning_with_the_flag_and_no_plan) {
  auto const plan = scratch("no_think_plan.json");
  std::remove(plan.c_str());
  auto const r = run_loadtwin("convert " + seed_script + " -o " + plan);
  EXPECT_EQ(r.exit_code, 104) << r.output;
  EXPECT_TRUE(contains(r.output,
                       "warning: scenario 'error_injection': its exec function "
                       "errorInjection calls sleep(0.1)"))
      << r.output;
  EXPECT_TRUE(contains(r.output, "--think-time errorInjection=100ms")) << r.output;
  EXPECT_TRUE(slurp_file(plan).empty()) << "a refused conversion writes no plan";
}

TEST(convert_command_test, a_computed_option_is_104_at_its_line_with_the_k6_inspect_way_out) {
  auto const script = scratch("computed.k6.js");
  std::FILE* f = std::fopen(script.c_str(), "w");
  std::fputs(
      "export const options = {\n  thresholds: {errors: ['rate<0.01']},\n"
      "  vus: parseInt(__ENV.VUS),\n  duration: '30s',\n};\n",
      f);
  std::fclose(f);
  auto const r = run_loadtwin("convert " + script + " -e VUS=5");
  EXPECT_EQ(r.exit_code, 104);
  EXPECT_TRUE(contains(r.output, script + ":3:8: options.vus: cannot read a computed value: "
                                          "a function call 'parseInt(...)'"))
      << r.output;
  EXPECT_TRUE(contains(r.output, "k6 inspect " + script + " | loadtwin convert - -o plan.json"))
      << r.output;
}

TEST(convert_command_test, reads_k6_inspect_json_from_stdin_and_writes_the_plan_to_stdout) {
  auto const inspect = scratch("inspect.json");
  std::FILE* f = std::fopen(inspect.c_str(), "w");
  std::fputs(R"({"paused": null, "vus": 4, "duration": "20s", "iterations": null,
    "stages": null, "scenarios": null, "userAgent": "k6/0.48", "summaryTimeUnit": null,
    "thresholds": {"first_token_latency": ["p(95)<500"]}})",
             f);
  std::fclose(f);
  auto const r =
      run_shell("cat " + inspect + " |", "convert - --exec-map default=tool_call", "2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto const plan = boost::json::parse(r.output);
  EXPECT_EQ(plan.at("options").at("scenarios").at("default"),
            boost::json::parse(R"({"executor": "constant-vus", "vus": 4, "duration": "20s",
                                   "exec": "tool_call"})"));
  EXPECT_EQ(plan.at("model").at("first_token_delay"), "100ms");  // the seed mock's model
  auto const warned = run_shell("cat " + inspect + " |", "convert - --exec-map default=tool_call",
                                "2>&1 >/dev/null");
  EXPECT_TRUE(contains(warned.output, "option 'userAgent' dropped")) << warned.output;
}

TEST(convert_command_test, model_comes_from_a_file_and_bad_flags_are_104) {
  auto const model = scratch("model.json");
  std::FILE* f = std::fopen(model.c_str(), "w");
  std::fputs(R"({"first_token_delay": "250ms", "error_rate": 0})", f);
  std::fclose(f);
  auto r = run_loadtwin("convert " + seed_script + " --think-time errorInjection=100ms --model " +
                        model);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "\"first_token_delay\": \"250ms\"")) << r.output;
  r = run_loadtwin("convert " + seed_script + " --exec-map simpleQuery=chat");
  EXPECT_EQ(r.exit_code, 104);
  EXPECT_TRUE(contains(r.output, "expected a request kind")) << r.output;
  r = run_loadtwin("convert " + seed_script + " --think-time errorInjection=soon");
  EXPECT_EQ(r.exit_code, 104);
  r = run_loadtwin("convert " + seed_script + " -o " + seed_script);
  EXPECT_EQ(r.exit_code, 104);
  EXPECT_TRUE(contains(r.output, "would overwrite the script")) << r.output;
  r = run_loadtwin("convert /nonexistent/script.js");
  EXPECT_EQ(r.exit_code, 104);
  EXPECT_TRUE(contains(r.output, "/nonexistent/script.js: cannot read")) << r.output;
}
