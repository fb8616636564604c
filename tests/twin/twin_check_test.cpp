// The twin check in CI: a fixed set of generated plans, plus every seed that ever failed,
// run in sim and live against the in-process mock and compared request by request. Real
// time on a loaded 2-core machine: skipped under sanitizers (scripts/twin.sh runs it long).
#include <gtest/gtest.h>

#include "sanitizer.hpp"
#include "twin_runner.hpp"

namespace loadtwin::twin {
namespace {

// Seeds that once failed, kept as regressions (scripts/twin.sh prints them).
// 2009: a VU freed 0.5 ms from an arrival slot (sim-only vs live-only request, now skipped as
// ambiguous); 2031: the generator once wrote max_queue 0, which no plan may have.
constexpr std::uint64_t regression_seeds[] = {0, 2009, 2031};

// A real-time test on a shared 2-core CI machine asserts with a 5x margin over the spec's
// 2 ms p99 / 5 ms max; scripts/twin.sh holds runs on a quiet machine to the spec's own.
constexpr core::TwinTolerance ci_tolerance{core::ms(10), core::ms(25)};

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
