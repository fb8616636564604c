// The twin check in CI: a fixed set of generated plans, plus every seed that ever failed,
// run in sim and live against the in-process mock and compared request by request. Real
// time on a loaded 2-core machine: skipped under sanitizers (scripts/twin.sh runs it long).
#include <gtest/gtest.h>

#include "core/plan/plan_json.hpp"
#include "plan_generator.hpp"
#include "sanitizer.hpp"
#include "sim/sim_run.hpp"
#include "twin_runner.hpp"

namespace loadtwin::twin {
namespace {

// Seeds that once failed, kept as regressions (scripts/twin.sh prints them).
// 2009: a VU freed 0.5 ms from an arrival slot (sim-only vs live-only request, now skipped as
// ambiguous); 2031: the generator once wrote max_queue 0, which no plan may have; 5035: two
// shared-iterations VUs freed 20 us apart took the last iteration in the other order live
// (plan 6, now skipped as ambiguous).
constexpr std::uint64_t regression_seeds[] = {0, 2009, 2031, 5035};

// A real-time test on a shared 2-core CI machine asserts with a 5x margin over the spec's
// 2 ms p99 / 5 ms max; scripts/twin.sh holds runs on a quiet machine to the spec's own.
constexpr core::TwinTolerance ci_tolerance{core::ms(10), core::ms(25)};

struct CollectRecords final : core::RecordObserver {
  std::vector<core::RequestRecord> records;
  void on_record(core::RequestRecord const& r) override { records.push_back(r); }
};

void check(std::uint64_t seed) {
  core::TwinTolerance const tolerance = ci_tolerance;
  auto round = run_twin_round(seed, tolerance);
  if (timing_only_miss(round)) round = run_twin_round(seed, tolerance);  // as twin_check does
  SCOPED_TRACE(describe_round(round, tolerance));
  EXPECT_TRUE(round.error.empty());
  if (!round.skipped.empty()) return;
  EXPECT_TRUE(round.comparison.holds);
  EXPECT_GT(round.comparison.matched, 0U);
}

}  // namespace

TEST(twin_check_test, generated_plans_agree_request_by_request) {
  if (test_env::under_sanitizer())
    GTEST_SKIP() << "real-time comparison is not meaningful under sanitizers";
  for (std::uint64_t seed = 1; seed <= 6; ++seed) check(seed);
}

TEST(twin_check_test, a_vu_freed_at_an_arrival_slot_is_ambiguous) {
  // Decided on sim's records alone (no live run): deterministic, sanitizers included.
  auto const round = run_twin_round(2009, ci_tolerance, true, 1);
  EXPECT_TRUE(round.error.empty()) << round.error;
  EXPECT_NE(round.skipped.find("from an arrival slot"), std::string::npos) << round.skipped;
}

TEST(twin_check_test, shared_iterations_vus_freed_close_together_are_ambiguous) {
  // Seed 5035's plan 6: three VUs share four iterations and end their first ones within
  // microseconds of each other (rtt stddev 22 us); the fourth iteration may go to any of them.
  auto const parsed = core::parse_plan(generate_plan(5035, 6));
  ASSERT_TRUE(parsed.plan.has_value());
  CollectRecords sim;
  sim::run_sim(*parsed.plan, {.seed = 5035},
               [&](core::TestRun& run) { run.set_record_observer(&sim); });
  auto const why = ambiguity(*parsed.plan, sim.records, ambiguity_margin);
  EXPECT_NE(why.find("with iterations left"), std::string::npos) << why;
  // With the margin below their gap the same plan is judgeable: the check is about closeness.
  EXPECT_EQ(ambiguity(*parsed.plan, sim.records, core::Duration{1}), "");
}

TEST(twin_check_test, an_ambiguous_plan_gives_way_to_a_judgeable_sibling) {
  // Seed 2009's first plan is ambiguous; a later plan of the same seed is judged, and the
  // choice is deterministic (sim alone decides it).
  auto const first = run_twin_round(2009, ci_tolerance, true);
  auto const again = run_twin_round(2009, ci_tolerance, true);
  EXPECT_TRUE(first.skipped.empty()) << first.skipped;
  EXPECT_GT(first.variant, 0U);
  EXPECT_EQ(again.variant, first.variant);
  EXPECT_EQ(again.plan_json, first.plan_json);
}

TEST(twin_check_test, seeds_that_once_failed_agree) {
  if (test_env::under_sanitizer())
    GTEST_SKIP() << "real-time comparison is not meaningful under sanitizers";
  for (auto seed : regression_seeds) check(seed);
}

}  // namespace loadtwin::twin
