// Execution segments against k6's own vectors (grafana/k6 lib/execution_segment_test.go and
// lib/executor/constant_arrival_rate_test.go) and REFERENCE §8's golden vector.
#include "core/run/segment.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/segment_support.hpp"

namespace loadtwin::core {
namespace {

using testing::as_pairs;
using testing::tuple_or_die;

std::vector<std::int64_t> scales(ExecutionTuple const& t, std::int64_t up_to) {
  std::vector<std::int64_t> out;
  for (std::int64_t v = 1; v <= up_to; ++v) out.push_back(t.scale(v));
  return out;
}

}  // namespace

TEST(segment_test, parses_every_k6_spelling_and_rejects_the_rest) {
  struct Case {
    char const* text;
    char const* expected;  // to_string of the segment, or "" when it must fail
  };
  Case const cases[] = {
      {"0:1", "0:1"},
      {"0.5:0.75", "1/2:3/4"},
      {"1/2:3/4", "1/2:3/4"},
      {"50%:75%", "1/2:3/4"},
      {"2/4:75%", "1/2:3/4"},
      {"75%", "0:3/4"},
      {"", "0:1"},
      {"1/4", "0:1/4"},
      {"0.25", "0:1/4"},
      {"1", "0:1"},
      {".5", "0:1/2"},
      {"125%", ""},
      {"1a5%", ""},
      {"1a5", ""},
      {"1a5%:2/3", ""},
      {"125%:250%", ""},
      {"55%:50%", ""},
      {"1/2:1/2", ""},
      {"-1/2:1/2", ""},
      {"1/0", ""},
      {"12.5%", ""},
      {"1/2:3/4:1", ""},
      {"0.1234567891", ""},
      {"1e-1", ""},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.text);
    std::string error;
    auto const parsed = parse_execution_segment(c.text, error);
    if (std::string(c.expected).empty()) {
      EXPECT_FALSE(parsed);
      EXPECT_FALSE(error.empty());
      continue;
    }
    ASSERT_TRUE(parsed) << error;
    EXPECT_EQ(to_string(*parsed), c.expected);
    // Printing and parsing again gives the same segment (k6's round trip).
    EXPECT_EQ(parse_execution_segment(to_string(*parsed), error), parsed);
  }
}

TEST(segment_test, a_decimal_too_fine_is_named_as_such) {
  std::string error;
  EXPECT_FALSE(parse_execution_segment("0.1234567890123", error));
  EXPECT_NE(error.find("more than 9 decimal places"), std::string::npos) << error;
  EXPECT_FALSE(parse_execution_segment("0.12.3", error));
  EXPECT_NE(error.find("not a valid percentage, decimal or fraction"), std::string::npos) << error;
}

TEST(segment_test, parses_k6_sequences_and_rejects_overlaps) {
  struct Case {
    char const* text;
    char const* expected;  // to_string of the sequence; "!" when it must fail
  };
  Case const cases[] = {
      {"", ""},
      {"0.5", "!"},
      {"1,1", "!"},
      {"-0.5,1", "!"},
      {"1/2,1/2", "!"},
      {"1/2,1/3", "!"},
      {"0,1,1/2", "!"},
      {"0.5,1", "1/2,1"},
      {"1/3,2/3", "1/3,2/3"},
      {"0,1/3,2/3,1", "0,1/3,2/3,1"},
      {"0.5,0.7,1", "1/2,7/10,1"},
      {"0,1/13,2/13,1/3,1/2,3/4,1", "0,1/13,2/13,1/3,1/2,3/4,1"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.text);
    std::string error;
    auto const parsed = parse_segment_sequence(c.text, error);
    if (std::string(c.expected) == "!") {
      EXPECT_FALSE(parsed);
      EXPECT_FALSE(error.empty());
      continue;
    }
    ASSERT_TRUE(parsed) << error;
    EXPECT_EQ(to_string(*parsed), c.expected);
  }
}

TEST(segment_test, reference_golden_vector_for_a_half_and_two_quarters) {
  // REFERENCE §8 (the comment in k6's execution_segment.go), sequence 0,1/2,3/4,1.
  struct Case {
    char const* segment;
    std::vector<std::int64_t> owned;   // in the first 12 elements
    std::vector<std::int64_t> scales;  // ScaleInt64(1 .. 12)
  };
  Case const cases[] = {
      {"0:1/2", {0, 2, 4, 6, 8, 10}, {1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6}},
      {"1/2:3/4", {1, 5, 9}, {0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3}},
      {"3/4:1", {3, 7, 11}, {0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3}},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.segment);
    auto const t = tuple_or_die(c.segment, "0,1/2,3/4,1");
    EXPECT_EQ(scales(t, 12), c.scales);
    std::vector<std::int64_t> owned;
    for (std::uint64_t local = 0; local < c.owned.size(); ++local) {
      owned.push_back(static_cast<std::int64_t>(t.global_index(local)));
    }
    EXPECT_EQ(owned, c.owned);
  }
}

TEST(segment_test, striped_offsets_match_k6) {
  // k6 TestGetStripedOffsets gives (start, offsets, lcd); the owned residues are start and
  // its running sums, the last offset wrapping to the next cycle.
  struct Case {
    char const* sequence;
    char const* segment;
    std::int64_t start;
    std::vector<std::int64_t> offsets;
    std::int64_t lcd;
  };
  Case const cases[] = {
      {"0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0:0.3", 0, {4, 3, 3}, 10},
      {"0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0.3:0.5", 1, {4, 6}, 10},
      {"0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0.5:0.6", 2, {10}, 10},
      {"0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0.6:0.7", 3, {10}, 10},
      {"0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0.8:0.9", 8, {10}, 10},
      {"0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0.9:1", 9, {10}, 10},
      {"0,0.2,0.5,0.6,0.7,0.8,0.9,1", "0.9:1", 9, {10}, 10},
      {"0,0.2,0.5,0.6,0.7,0.8,0.9,1", "0:0.2", 1, {4, 6}, 10},
      {"0,0.2,0.5,0.6,0.7,0.8,0.9,1", "0.6:0.7", 3, {10}, 10},
      {"0,0.2,0.5", "0:0.2", 3, {6, 4}, 10},  // not full: filled with 0.5:1
      {"0,0.2,0.5", "0.2:0.5", 1, {4, 2, 4}, 10},
      {"0,2/5,4/5", "0:2/5", 0, {3, 2}, 5},
      {"0,2/5,4/5", "2/5:4/5", 1, {3, 2}, 5},
      {"", "0:0.2", 1, {5}, 5},  // no sequence: the segment filled to 0..1
      {"", "0:1/5", 1, {5}, 5},
      {"", "0:2/10", 1, {5}, 5},
      {"", "0:0.4", 1, {2, 3}, 5},
      {"", "0:2/5", 1, {2, 3}, 5},
      {"", "2/5:4/5", 1, {3, 2}, 5},
      {"", "0:4/10", 1, {2, 3}, 5},
      {"", "1/10:5/10", 1, {2, 2, 4, 2}, 10},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(std::string(c.sequence) + " / " + c.segment);
    auto const t = tuple_or_die(c.segment, c.sequence);
    std::vector<std::int64_t> expected{c.start};
    for (std::size_t i = 0; i + 1 < c.offsets.size(); ++i) {
      expected.push_back(expected.back() + c.offsets[i]);
    }
    EXPECT_EQ(t.owned_in_cycle(), expected);
    EXPECT_EQ(t.lcd(), c.lcd);
    EXPECT_EQ(expected.back() + c.offsets.back(), c.start + c.lcd);  // the wrap is consistent
  }
}

TEST(segment_test, lcd_of_k6_sequences) {
  struct Case {
    char const* sequence;
    char const* first;  // its first segment
    std::int64_t lcd;
  };
  Case const cases[] = {
      {"0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0:0.3", 10},
      {"0,0.1,0.5,0.6,0.7,0.8,0.9,1", "0:0.1", 10},
      {"0,0.2,0.5,0.6,0.7,0.8,0.9,1", "0:0.2", 10},
      {"0,1/3,5/6", "0:1/3", 6},   // filled with 5/6:1
      {"0,1/3,4/7", "0:1/3", 21},  // filled with 4/7:1
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.sequence);
    EXPECT_EQ(tuple_or_die(c.first, c.sequence).lcd(), c.lcd);
  }
}

TEST(segment_test, scale_matches_k6_tuple_vectors) {
  struct Case {
    char const* segment;
    char const* sequence;
    std::map<std::int64_t, std::int64_t> scale;  // value -> ScaleInt64(value)
  };
  Case const cases[] = {
      {"", "", {{50, 50}, {1, 1}, {0, 0}}},
      {"0:1", "0,1", {{50, 50}, {1, 1}, {0, 0}}},
      {"0.5", "", {{2, 1}, {3, 2}}},
      {"0.5:1.0", "", {{2, 1}, {3, 1}}},
      {"0.5", "0,0.5,1", {{2, 1}, {3, 2}}},
      {"0.5:1.0", "0,0.5,1", {{2, 1}, {3, 1}}},
      {"0:7/20", "0,7/20,7/10,1", {{50, 18}}},  // k6 TestBigScale
      {"0:1/3", "0,1/3,2/3,1", {{50, 17}, {3, 1}, {2, 1}, {1, 1}, {0, 0}}},
      {"1/3:2/3", "0,1/3,2/3,1", {{50, 17}, {3, 1}, {2, 1}, {1, 0}, {0, 0}}},
      {"2/3:1", "0,1/3,2/3,1", {{50, 16}, {3, 1}, {2, 0}, {1, 0}, {0, 0}}},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(std::string(c.segment) + " in " + c.sequence);
    auto const t = tuple_or_die(c.segment, c.sequence);
    for (auto const& [value, expected] : c.scale) EXPECT_EQ(t.scale(value), expected) << value;
  }
}

TEST(segment_test, resegmenting_by_a_value_matches_k6) {
  // k6 TestNewExecutionTuple's newScaleTests: re-striped by `by`, then ScaleInt64(50); -1
  // means no tuple (the segment's share of `by` is 0).
  struct Case {
    char const* segment;
    std::int64_t by;
    std::int64_t scale_50;
  };
  Case const cases[] = {
      {"0:1/3", 50, 17},  {"0:1/3", 20, 18},  {"0:1/3", 3, 17},    {"0:1/3", 2, 25},
      {"0:1/3", 1, 50},   {"0:1/3", 0, -1},   {"1/3:2/3", 50, 17}, {"1/3:2/3", 20, 17},
      {"1/3:2/3", 3, 17}, {"1/3:2/3", 2, 25}, {"1/3:2/3", 1, -1},  {"2/3:1", 50, 16},
      {"2/3:1", 20, 15},  {"2/3:1", 3, 16},   {"2/3:1", 2, -1},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(std::string(c.segment) + " by " + std::to_string(c.by));
    auto const re = tuple_or_die(c.segment, "0,1/3,2/3,1").resegment(c.by);
    EXPECT_EQ(re ? re->scale(50) : -1, c.scale_50);
  }
  // k6 TestGetNewExecutionTupleBesedOnValue.
  auto const re = tuple_or_die("0:1/3", "0,1/3,2/3,1").resegment(20);
  ASSERT_TRUE(re);
  EXPECT_EQ(to_string(re->sequence()), "0,7/20,7/10,1");
}

TEST(segment_test, arrival_ticks_follow_k6_timing_vectors) {
  // k6 TestConstantArrivalRateRunCorrectTiming: 50/s (20 ms apart), maxVUs 20, re-striped
  // by maxVUs; the first tick and the gaps after it, in ms.
  struct Case {
    char const* segment;
    char const* sequence;
    std::int64_t first_ms;
    std::vector<std::int64_t> gaps_ms;
  };
  Case const cases[] = {
      {"0:1/3", "", 20, {40, 60, 60, 60, 60, 60, 60}},
      {"1/3:2/3", "", 20, {60, 60, 60, 60, 60, 60, 40}},
      {"2/3:1", "", 20, {40, 60, 60, 60, 60, 60, 60}},
      {"1/6:3/6", "", 20, {40, 80, 40, 80, 40, 80, 40}},
      {"1/6:3/6", "1/6,3/6", 20, {40, 80, 40, 80, 40, 80, 40}},
      {"0:1/3", "0,1/3,2/3,1", 0, {60, 60, 60, 60, 60, 60, 40}},
      {"1/3:2/3", "0,1/3,2/3,1", 20, {60, 60, 60, 60, 60, 60, 40}},
      {"2/3:1", "0,1/3,2/3,1", 40, {60, 60, 60, 60, 60, 100}},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(std::string(c.segment) + " in " + c.sequence);
    auto const ticks = tuple_or_die(c.segment, c.sequence).resegment(20);
    ASSERT_TRUE(ticks);
    EXPECT_EQ(static_cast<std::int64_t>(ticks->global_index(0)) * 20, c.first_ms);
    for (std::size_t j = 0; j < c.gaps_ms.size(); ++j) {
      auto const gap =
          static_cast<std::int64_t>(ticks->global_index(j + 1) - ticks->global_index(j));
      EXPECT_EQ(gap * 20, c.gaps_ms[j]) << "gap " << j;
    }
  }
}

TEST(segment_test, equal_segments_stripe_round_robin_and_share_ticks_by_max_vus) {
  std::string error;
  for (std::int64_t i = 0; i < 4; ++i) {
    auto const t = ExecutionTuple::nth_of(i, 4, error);
    ASSERT_TRUE(t) << error;
    EXPECT_EQ(to_string(t->segment()),
              to_string(ExecutionSegment{Rational(i, 4), Rational(i + 1, 4)}));
    for (std::uint64_t local = 0; local < 8; ++local) {
      EXPECT_EQ(t->global_index(local), local * 4 + static_cast<std::uint64_t>(i));
    }
    // REFERENCE §8: maxVUs 10 gives 3/3/2/2 of every 10 ticks; maxVUs 2 gives 1/1/0/0.
    auto const by_10 = t->resegment(10);
    ASSERT_TRUE(by_10);
    EXPECT_EQ(by_10->scale(10), i < 2 ? 3 : 2);
    EXPECT_EQ(t->resegment(2).has_value(), i < 2);
  }
}

TEST(segment_test, rejects_a_segment_outside_its_sequence_and_huge_stripes) {
  std::string error;
  auto const seq = parse_segment_sequence("0,1/4,1/2,1", error);
  ASSERT_TRUE(seq);
  auto const seg = parse_execution_segment("0:1/3", error);
  ASSERT_TRUE(seg);
  EXPECT_FALSE(ExecutionTuple::make(*seg, *seq, error));
  EXPECT_NE(error.find("not one of the sequence"), std::string::npos) << error;
  auto const odd = parse_execution_segment("1/999983:2/999979", error);
  ASSERT_TRUE(odd) << error;
  EXPECT_FALSE(ExecutionTuple::make(*odd, {}, error));
  EXPECT_NE(error.find("stripe"), std::string::npos) << error;
}

TEST(segment_test, whole_tuple_is_the_identity) {
  ExecutionTuple const whole;
  EXPECT_TRUE(whole.whole());
  EXPECT_EQ(to_string(whole.segment()), "0:1");
  for (std::int64_t v : {0, 1, 7, 1'000'000}) EXPECT_EQ(whole.scale(v), v);
  for (std::uint64_t i : {0U, 1U, 12345U}) EXPECT_EQ(whole.global_index(i), i);
  EXPECT_EQ(whole.resegment(7)->scale(7), 7);
}

}  // namespace loadtwin::core
