#include "app/progress.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>

#include "app/cli_run.hpp"
#include "app/plan_source.hpp"
#include "core/plan/scenario_outline.hpp"
#include "sim/sim_run.hpp"

namespace loadtwin::app {
namespace {

using namespace std::chrono_literals;

// A progress line on a fake clock, writing into `written`.
struct Fixture {
  std::chrono::steady_clock::time_point now{};
  std::vector<std::string> written;
  ProgressLine line(bool enabled) {
    return ProgressLine(
        "sim", enabled, [this](std::string const& text) { written.push_back(text); },
        [this] { return now; });
  }
};

TEST(progress_test, silent_for_the_first_second_then_shows_percent_and_eta) {
  Fixture f;
  auto line = f.line(true);
  f.now += 500ms;
  line.update(0.25, "virtual 10s of 40s");
  EXPECT_TRUE(f.written.empty());
  f.now += 1500ms;  // 2 s elapsed for half the work: 2 s left
  line.update(0.5, "virtual 20s of 40s");
  ASSERT_EQ(f.written.size(), 1U);
  EXPECT_EQ(f.written[0], "\r  sim  50%  virtual 20s of 40s  ETA 2s");
}

TEST(progress_test, redraws_at_most_ten_times_a_second_and_clears_at_the_end) {
  Fixture f;
  auto line = f.line(true);
  f.now += 1s;
  line.update(0.1, "a");
  f.now += 50ms;
  line.update(0.2, "b");  // too soon: skipped
  f.now += 100ms;
  line.update(0.3, "c");
  ASSERT_EQ(f.written.size(), 2U);
  line.finish();
  ASSERT_EQ(f.written.size(), 3U);
  EXPECT_EQ(f.written[2], "\r" + std::string(f.written[1].size() - 1, ' ') + "\r");
  line.update(0.9, "after the end");
  EXPECT_EQ(f.written.size(), 3U);
}

TEST(progress_test, disabled_writes_nothing) {
  Fixture f;
  auto line = f.line(false);
  f.now += 10s;
  line.update(0.5, "x");
  line.finish();
  EXPECT_TRUE(f.written.empty());
}

TEST(progress_test, eta_reads_in_hours_minutes_and_seconds) {
  EXPECT_EQ(eta_text(0s), "0s");
  EXPECT_EQ(eta_text(59s), "59s");
  EXPECT_EQ(eta_text(65s), "1m05s");
  EXPECT_EQ(eta_text(3h + 7min + 5s), "3h07m");
}

// Through a pipe, or with --quiet on a terminal (script(1) gives it one), a sim prints no
// progress. (That a terminal does get the line depends on the run lasting over a second of
// wall time, so it is shown by the fake-clock cases above, not asserted here.)
TEST(progress_test, nothing_through_a_pipe_or_with_quiet) {
  if (std::system("command -v script >/dev/null 2>&1") != 0) GTEST_SKIP() << "no script(1)";
  std::string const sim = std::string(std::getenv("LOADTWIN_BIN")) +
                          " sim --no-color --set options.scenarios.simple_query.vus=100";
  auto const piped = test::shell_output(sim + " >/dev/null");
  EXPECT_FALSE(test::contains(piped, "ETA")) << piped;
  auto const quiet = test::shell_output("script -qec '" + sim + " -q >/dev/null' /dev/null");
  EXPECT_FALSE(test::contains(quiet, "ETA")) << quiet;
}

// What sim hands the progress line (every 4096 events, so a plan this large): the virtual
// time reached, never going back, within the plan's longest span (the denominator of the
// percentage).
TEST(progress_test, sim_reports_virtual_time_reached) {
  auto loaded = load_plan(test::source_path("models/baseline.json"),
                          {"options.scenarios.simple_query.vus=1000"}, core::PlanUse::run);
  ASSERT_TRUE(loaded.plan) << loaded.error;
  std::vector<core::Duration> reached;
  sim::SimOptions options;
  options.on_progress = [&reached](core::Duration d) { reached.push_back(d); };
  auto const result = sim::run_sim(*loaded.plan, options);
  ASSERT_FALSE(reached.empty()) << result.events << " events";
  EXPECT_TRUE(std::is_sorted(reached.begin(), reached.end()));
  EXPECT_GT(reached.back(), core::Duration{0});
  EXPECT_LE(reached.back(), core::plan_max_duration(*loaded.plan));
  EXPECT_LE(reached.back(), result.summary.duration);
}

}  // namespace
}  // namespace loadtwin::app
