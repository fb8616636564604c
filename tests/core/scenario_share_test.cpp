// Per-executor shares under a segment, against k6's executor test vectors
// (grafana/k6 lib/executor/ramping_vus_test.go) and REFERENCE §8's rules.
#include "core/run/scenario_share.hpp"

#include <gtest/gtest.h>

#include "core/segment_support.hpp"

namespace loadtwin::core {
namespace {

using testing::as_pairs;
using testing::tuple_or_die;

std::vector<Stage> stages(std::vector<std::pair<int, std::int64_t>> const& seconds_target) {
  std::vector<Stage> out;
  for (auto const& [s, target] : seconds_target) out.push_back({seconds(s), target});
  return out;
}

}  // namespace

TEST(scenario_share_test, ramping_vus_steps_match_k6_execution_tuple_tests) {
  // k6 TestRampingVUsExecutionTupleTests: startVUs 4 and a rollercoaster of 14 stages.
  auto const st = stages({{2, 6},
                          {5, 1},
                          {4, 5},
                          {4, 1},
                          {3, 4},
                          {2, 4},
                          {0, 1},
                          {3, 1},
                          {0, 5},
                          {3, 5},
                          {0, 0},
                          {2, 2},
                          {2, 0},
                          {4, 4}});
  using Steps = std::vector<std::pair<std::int64_t, std::uint32_t>>;
  Steps const third = {{0, 1},  {1, 2},  {4, 1},  {7, 0},  {8, 1},  {11, 2}, {12, 1}, {15, 0},
                       {16, 1}, {20, 0}, {23, 2}, {26, 0}, {28, 1}, {29, 0}, {32, 1}};
  struct Case {
    char const* segment;
    char const* sequence;
    Steps expected;
  };
  Case const cases[] = {
      {"0:1", "", {{0, 4},  {1, 5},  {2, 6},  {3, 5},  {4, 4},  {5, 3},  {6, 2},  {7, 1},
                   {8, 2},  {9, 3},  {10, 4}, {11, 5}, {12, 4}, {13, 3}, {14, 2}, {15, 1},
                   {16, 2}, {17, 3}, {18, 4}, {20, 1}, {23, 5}, {26, 0}, {27, 1}, {28, 2},
                   {29, 1}, {30, 0}, {31, 1}, {32, 2}, {33, 3}, {34, 4}}},
      {"0:1/3", "", third},
      {"0:1/3", "0,1/3,1", third},
      {"1/3:2/3", "", third},
      {"2/3:1", "", third},
      {"0:1/3",
       "0,1/3,2/3,1",
       {{0, 2},
        {5, 1},
        {10, 2},
        {13, 1},
        {18, 2},
        {20, 1},
        {23, 2},
        {26, 0},
        {27, 1},
        {30, 0},
        {31, 1},
        {34, 2}}},
      {"1/3:2/3", "0,1/3,2/3,1", third},
      {"2/3:1",
       "0,1/3,2/3,1",
       {{0, 1},
        {2, 2},
        {3, 1},
        {6, 0},
        {9, 1},
        {14, 0},
        {17, 1},
        {20, 0},
        {23, 1},
        {26, 0},
        {33, 1}}},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(std::string(c.segment) + " in " + c.sequence);
    auto const t = tuple_or_die(c.segment, c.sequence);
    EXPECT_EQ(as_pairs(segment_steps(vu_steps(4, st), t)), c.expected);
  }
}

TEST(scenario_share_test, ramping_vus_corner_cases_match_k6) {
  // k6 TestRampingVUsGetRawExecutionStepsCornerCases, the segmented ones.
  using Steps = std::vector<std::pair<std::int64_t, std::uint32_t>>;
  auto const updown = stages({{2, 2}, {2, 0}, {2, 2}, {2, 0}});
  struct Case {
    char const* segment;
    char const* sequence;
    std::uint32_t start;
    std::vector<Stage> stages;
    Steps expected;
  };
  Case const cases[] = {
      {"0:1/2", "", 0, updown, {{0, 0}, {1, 1}, {4, 0}, {5, 1}, {8, 0}}},
      {"1/2:1", "", 0, updown, {{0, 0}, {2, 1}, {3, 0}, {6, 1}, {7, 0}}},
      {"2/3:1", "0,1/3,2/3,1", 0, updown, {{0, 0}}},
      {"0:1/3", "0,1/3,1/2,2/3,1", 0, updown, {{0, 0}, {1, 1}, {4, 0}, {5, 1}, {8, 0}}},
      {"0:0.3",
       "0,0.3,0.6,0.9,1",
       0,
       stages({{20, 20}, {30, 30}}),
       {{0, 0}, {1, 1}, {5, 2}, {8, 3}, {11, 4}, {15, 5}, {18, 6}, {23, 7}, {35, 8}, {44, 9}}},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(std::string(c.segment) + " in " + c.sequence);
    auto const t = tuple_or_die(c.segment, c.sequence);
    EXPECT_EQ(as_pairs(segment_steps(vu_steps(c.start, c.stages), t)), c.expected);
  }
}

TEST(scenario_share_test, each_executor_follows_its_rule) {
  auto const quarter = tuple_or_die("3/4:1", "0,1/4,1/2,3/4,1");  // owns elements 3, 7, 11...
  ScenarioConfig c;
  c.vus = 10;
  c.iterations = 7;
  c.executor = ExecutorKind::constant_vus;
  EXPECT_EQ(scenario_share(c, quarter).vus, 2U);  // VUs 3 and 7 of 0..9
  c.executor = ExecutorKind::per_vu_iterations;
  auto const per_vu = scenario_share(c, quarter);
  EXPECT_EQ(per_vu.vus, 2U);
  EXPECT_EQ(per_vu.iterations, 7U);  // per VU: not scaled
  c.executor = ExecutorKind::ramping_vus;
  c.start_vus = 0;
  c.stages = stages({{10, 3}});
  EXPECT_FALSE(scenario_share(c, quarter).has_work);  // owns none of VUs 0..2
  c.stages = stages({{10, 4}});
  EXPECT_TRUE(scenario_share(c, quarter).has_work);
  c.executor = ExecutorKind::constant_arrival_rate;
  c.pre_allocated_vus = 3;
  c.max_vus = 10;
  auto const open = scenario_share(c, quarter);
  EXPECT_EQ(open.pre_allocated_vus, 0U);
  EXPECT_EQ(open.max_vus, 2U);
  EXPECT_TRUE(open.has_work);
  EXPECT_EQ(open.arrivals.scale(10), 2);  // 3/3/2/2 of every 10 ticks
  c.max_vus = 3;
  EXPECT_FALSE(scenario_share(c, quarter).has_work);
}

TEST(scenario_share_test, shared_iterations_quotas_add_up_to_the_iterations) {
  ScenarioConfig c;
  c.executor = ExecutorKind::shared_iterations;
  for (std::uint32_t vus : {1U, 3U, 5U, 8U}) {
    for (std::uint64_t iterations : {8ULL, 13ULL, 100ULL}) {
      c.vus = vus;
      c.iterations = iterations;
      std::uint64_t quotas = 0;
      std::uint32_t all_vus = 0;
      std::string error;
      for (std::int64_t i = 0; i < 3; ++i) {
        auto const share = scenario_share(c, *ExecutionTuple::nth_of(i, 3, error));
        EXPECT_EQ(share.has_work, share.vus > 0);
        quotas += share.iterations;
        all_vus += share.vus;
      }
      EXPECT_EQ(quotas, iterations) << vus << " VUs";
      EXPECT_EQ(all_vus, vus);
    }
  }
}

}  // namespace loadtwin::core
