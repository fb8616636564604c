// CLI conventions that live in app/main.cpp: --version, unknown commands, NO_COLOR, -q.
#include <gtest/gtest.h>

#include "app/version.hpp"
#include "cli_run.hpp"

namespace {

using loadtwin::test::contains;
using loadtwin::test::run_loadtwin;
using loadtwin::test::run_shell;

}  // namespace

TEST(main_test, version_prints_version_build_compiler_and_boost) {
  auto const r = run_loadtwin("--version");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.rfind("loadtwin 0.", 0), 0U) << r.output;
  for (char const* line : {"\nbuild id: ", "\ncompiler: ", "\nBoost: 1.81.0"}) {
    EXPECT_TRUE(contains(r.output, line)) << line << " in " << r.output;
  }
  EXPECT_EQ(r.output, loadtwin::app::version_text() + "\n");
}

TEST(main_test, an_unknown_command_is_named_and_exits_104) {
  auto const r = run_loadtwin("frobnicate plan.json");
  EXPECT_EQ(r.exit_code, 104);
  EXPECT_TRUE(contains(r.output, "unknown command 'frobnicate'")) << r.output;
  EXPECT_TRUE(contains(r.output, "convert")) << r.output;
}

TEST(main_test, no_color_turns_off_colour_on_a_terminal) {
  // `script` gives the command a terminal, where colour is on unless NO_COLOR is set.
  std::string const args = "sim --set options.scenarios.simple_query.duration=1s";
  auto const coloured = run_shell("script -qec '", args + "' /dev/null", "2>&1");
  auto const plain = run_shell("NO_COLOR=1 script -qec '", args + "' /dev/null", "2>&1");
  EXPECT_TRUE(contains(coloured.output, "\x1b[")) << coloured.output;
  EXPECT_FALSE(contains(plain.output, "\x1b[")) << plain.output;
  EXPECT_TRUE(contains(plain.output, "THRESHOLDS")) << plain.output;
}

TEST(main_test, dash_q_is_quiet) {
  auto const r = run_loadtwin("sim -q");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, "");
}
