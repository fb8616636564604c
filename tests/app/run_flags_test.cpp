// k6's CLI shortcuts on sim and live, end to end (semantics: tests/core/cli_options_test).
#include "app/run_flags.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "cli_run.hpp"

namespace {

using loadtwin::test::contains;
using loadtwin::test::run_loadtwin;
using loadtwin::test::scratch;
using loadtwin::test::slurp_file;

}  // namespace

TEST(run_flags_test, shortcuts_replace_the_scenarios_warn_and_ride_the_replay_line) {
  auto const r = run_loadtwin(
      "sim --vus 2 --duration 3s --seed 3 --no-color --set model.first_token_delay=600ms");
  EXPECT_EQ(r.exit_code, 99) << r.output;
  EXPECT_TRUE(contains(r.output,
                       "\"cli\" level configuration overrode scenarios "
                       "configuration entirely"))
      << r.output;
  EXPECT_TRUE(contains(r.output, "default (constant-vus, simple_query)")) << r.output;
  EXPECT_TRUE(contains(r.output,
                       "loadtwin sim --seed 3 --vus 2 --duration 3s --set "
                       "model.first_token_delay=600ms"))
      << r.output;
}

TEST(run_flags_test, stages_exec_and_the_replay_reproduce_the_same_summary) {
  // The baseline's text thresholds see no samples in a tool_call-only run: they fail closed
  // unless --no-data=pass asks for k6's vacuous pass.
  std::string const flags =
      "--stage 2s:4 --stage 1s:0 --exec tool_call --seed 9 --no-color --no-data=pass";
  auto const closed = run_loadtwin("sim --stage 2s:4 --stage 1s:0 --exec tool_call --no-color");
  EXPECT_EQ(closed.exit_code, 99) << closed.output;
  EXPECT_TRUE(contains(closed.output, "(no samples)")) << closed.output;
  // Nothing was observed, so no value is claimed (it said p(95)=0ms on stderr)
  EXPECT_TRUE(contains(closed.output, "observed p(95)=n/a (no samples)")) << closed.output;
  EXPECT_FALSE(contains(closed.output, "observed p(95)=0ms")) << closed.output;
  auto const first = run_loadtwin("sim " + flags);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_TRUE(contains(first.output, "default (ramping-vus, tool_call)")) << first.output;
  auto const again = run_loadtwin("sim " + flags);
  EXPECT_EQ(first.output, again.output);
}

TEST(run_flags_test, no_thresholds_summary_stats_tags_and_no_summary) {
  auto r = run_loadtwin(
      "sim --no-thresholds --set model.first_token_delay=900ms "
      "--summary-trend-stats 'avg,p(99)' --no-color");
  EXPECT_EQ(r.exit_code, 0) << r.output;  // the failing threshold is not evaluated
  EXPECT_TRUE(contains(r.output, "p(99)=")) << r.output;
  EXPECT_FALSE(contains(r.output, "p(95)=")) << r.output;
  auto const samples = scratch("tagged.ndjson");
  r = run_loadtwin(
      "sim --vus 1 --duration 1s --tag env=ci --no-summary --no-data=pass --out json=" + samples);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_FALSE(contains(r.output, "THRESHOLDS")) << r.output;
  EXPECT_TRUE(contains(slurp_file(samples), R"("env":"ci")"));
  r = run_loadtwin("sim --no-summary --summary-export " + scratch("never.json"));
  EXPECT_EQ(r.exit_code, 104) << r.output;
  EXPECT_TRUE(contains(r.output, "--no-summary also disables --summary-export")) << r.output;
}

TEST(run_flags_test, bad_shortcuts_are_104_on_sim_and_live) {
  struct Case {
    char const* args;
    char const* message;
  };
  Case const cases[] = {
      {"sim --stage 10s", "--stage: expected DURATION:TARGET"},
      {"sim --vus 5", "--vus: the plan has scenarios"},
      {"sim --iterations 5 --stage 1s:1", "`iterations` and `stages`"},
      {"sim --duration 5s --exec chat", "exec"},
      {"live --mock --stage 10s", "--stage: expected DURATION:TARGET"},
      {"live --mock --tag novalue", "--tag: expected NAME=VALUE"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.args);
    auto const r = run_loadtwin(c.args);
    EXPECT_EQ(r.exit_code, 104) << r.output;
    EXPECT_TRUE(contains(r.output, c.message)) << r.output;
  }
}

TEST(run_flags_test, live_runs_the_default_scenario_from_shortcuts) {
  auto const r = run_loadtwin("live --mock --vus 2 --duration 1s --no-color --no-data=pass");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "default (constant-vus, simple_query)")) << r.output;
}

namespace loadtwin::test {

TEST(run_flags_test, two_outputs_naming_one_file_are_refused) {
  auto const path = scratch("two_outputs.json");
  auto r = run_loadtwin("sim -q --segment 0/2 --out part=" + path + " --out requests=" + path);
  EXPECT_EQ(r.exit_code, 104) << r.output;
  EXPECT_TRUE(contains(r.output, "is named by two outputs")) << r.output;
  r = run_loadtwin("sim -q --summary-export " + path + " --html " + path);
  EXPECT_EQ(r.exit_code, 104) << r.output;
  // Spelled two ways, before the file exists.
  auto const fresh = scratch("two_outputs_fresh.json");
  std::remove(fresh.c_str());
  auto const dir = fresh.substr(0, fresh.rfind('/'));
  auto const name = fresh.substr(fresh.rfind('/') + 1);
  r = run_loadtwin("sim -q --summary-export " + fresh + " --html " + dir + "/./" + name);
  EXPECT_EQ(r.exit_code, 104) << r.output;
}

}  // namespace loadtwin::test

namespace loadtwin::test {

TEST(run_flags_test, a_run_stopped_by_abort_on_fail_says_so) {
  auto const plan = scratch("abort_on_fail_plan.json");
  std::ofstream(plan) << R"({"options": {"scenarios": {"s": {"executor": "constant-vus",
    "vus": 2, "duration": "10s", "exec": "simple_query"}}, "thresholds": {"first_token_latency":
    [{"threshold": "p(50)<10", "abortOnFail": true}]}}})";
  auto const r = run_loadtwin("sim " + plan + " --no-color");
  EXPECT_EQ(r.exit_code, 99) << r.output;
  EXPECT_TRUE(contains(r.output, "aborted at 2s by abortOnFail: first_token_latency p(50)<10"))
      << r.output;
}

}  // namespace loadtwin::test
