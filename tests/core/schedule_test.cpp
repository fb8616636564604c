#include <gtest/gtest.h>

#include "core/run/arrival_schedule.hpp"
#include "core/run/vu_schedule.hpp"
#include "core/segment_support.hpp"

namespace loadtwin::core {

TEST(arrival_schedule_test, matches_k6_ramping_arrival_rate_vector) {
  // k6 TestRampingArrivalRateCal: startRate 0, stages 5s->1/s, 1s->1/s, 5s->0.
  std::vector<Stage> const stages{{seconds(5), 1}, {seconds(1), 1}, {seconds(5), 0}};
  std::int64_t const expected_ms[] = {3162, 4472, 5500, 6527, 7837, 11000};
  for (std::uint64_t i = 1; i <= 6; ++i) {
    SCOPED_TRACE(i);
    auto const at = ramping_arrival(0, seconds(1), stages, i);
    ASSERT_TRUE(at.has_value());
    EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(*at).count(),
              expected_ms[i - 1]);
  }
  EXPECT_FALSE(ramping_arrival(0, seconds(1), stages, 7).has_value());  // area is 5.5... +0.5
}

TEST(arrival_schedule_test, flat_ramping_rate_first_arrives_when_area_reaches_one) {
  // 10/s for 3 s: 100 ms, 200 ms, ..., 3000 ms -> 30 arrivals (constant-arrival-rate: 31).
  std::vector<Stage> const stages{{seconds(3), 10}};
  EXPECT_EQ(*ramping_arrival(10, seconds(1), stages, 1), ms(100));
  EXPECT_EQ(*ramping_arrival(10, seconds(1), stages, 30), ms(3000));
  EXPECT_FALSE(ramping_arrival(10, seconds(1), stages, 31).has_value());
}

TEST(arrival_schedule_test, constant_rate_starts_the_slot_at_the_deadline) {
  // 20/s for 5 s: slots 0, 50 ms, ..., 5000 ms -> 101 (k6 v0.48 as measured).
  std::uint64_t k = 0;
  while (constant_arrival(20, seconds(1), seconds(5), k)) ++k;
  EXPECT_EQ(k, 101U);
  // 300 ms period over 30 s: 101 slots, computed as k*T/rate in integers (no drift).
  k = 0;
  while (constant_arrival(10, seconds(3), seconds(30), k)) ++k;
  EXPECT_EQ(k, 101U);
  EXPECT_EQ(*constant_arrival(3, seconds(1), seconds(10), 1), Duration{333'333'333});
}

TEST(vu_schedule_test, ramps_down_one_vu_per_step_like_k6) {
  auto const steps = vu_steps(10, {{seconds(10), 0}});
  ASSERT_EQ(steps.size(), 11U);
  EXPECT_EQ(steps[1].offset, seconds(1));
  EXPECT_EQ(steps[1].planned_vus, 9U);
  EXPECT_EQ(steps.back().offset, seconds(10));
  EXPECT_EQ(steps.back().planned_vus, 0U);
}

TEST(vu_schedule_test, ramps_up_reaching_the_target_at_the_stage_end) {
  // 0 -> 4 over 4 s: one more VU each second from t = 1 s; a zero-length stage jumps.
  auto const steps = vu_steps(0, {{seconds(4), 4}, {Duration{0}, 2}});
  ASSERT_EQ(steps.size(), 6U);
  EXPECT_EQ(steps[1].offset, seconds(1));
  EXPECT_EQ(steps[1].planned_vus, 1U);
  EXPECT_EQ(steps[4].offset, seconds(4));
  EXPECT_EQ(steps[4].planned_vus, 4U);
  EXPECT_EQ(steps[5].offset, seconds(4));
  EXPECT_EQ(steps[5].planned_vus, 2U);
}

namespace {

using testing::as_pairs;

// k6's TestRampingVUsConfigExecutionPlanExample: 4 -> 6 -> 1 -> 5 -> 1 -> 4 -> 4 -> 1 -> 1.
std::vector<Stage> const k6_example_stages{{seconds(2), 6},  {seconds(5), 1}, {seconds(4), 5},
                                           {seconds(4), 1},  {seconds(3), 4}, {seconds(2), 4},
                                           {Duration{0}, 1}, {seconds(3), 1}};

}  // namespace

TEST(vu_schedule_test, raw_steps_of_k6s_execution_plan_example) {
  auto const steps = vu_steps(4, k6_example_stages);
  std::vector<std::pair<std::int64_t, std::uint32_t>> const expected{
      {0, 4},  {1, 5},  {2, 6},  {3, 5},  {4, 4},  {5, 3},  {6, 2},  {7, 1},  {8, 2},  {9, 3},
      {10, 4}, {11, 5}, {12, 4}, {13, 3}, {14, 2}, {15, 1}, {16, 2}, {17, 3}, {18, 4}, {20, 1}};
  EXPECT_EQ(as_pairs(steps), expected);
}

TEST(vu_schedule_test, graceful_steps_follow_k6s_reserve_for_graceful_ramp_downs) {
  // k6's vectors for the same plan; the executor ends at stages (23 s) + gracefulStop, and
  // k6's final 0-VU step at that end is the executor's gracefulStop, not part of the curve.
  auto const raw = vu_steps(4, k6_example_stages);
  struct Case {
    std::int64_t graceful_stop_s;
    std::vector<std::pair<std::int64_t, std::uint32_t>> allowed;
  } const cases[] = {
      {30, {{0, 4}, {1, 5}, {2, 6}, {33, 5}, {42, 4}, {50, 1}}},  // k6 defaults (30 s, 30 s)
      {80, {{0, 4}, {1, 5}, {2, 6}, {33, 5}, {42, 4}, {50, 1}}},  // gracefulStop > rampDown
      {3, {{0, 4}, {1, 5}, {2, 6}}},                              // much shorter gracefulStop
      {0, {{0, 4}, {1, 5}, {2, 6}}},                              // zero gracefulStop
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.graceful_stop_s);
    auto const end = total_duration(k6_example_stages) + seconds(c.graceful_stop_s);
    EXPECT_EQ(as_pairs(graceful_vu_steps(raw, seconds(30), end)), c.allowed);
  }
  EXPECT_EQ(as_pairs(graceful_vu_steps(raw, Duration{0}, seconds(23))), as_pairs(raw));
}

}  // namespace loadtwin::core
