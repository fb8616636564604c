// The segment flags: every accepted spelling selects the right share, every bad one is
// refused with a message naming the flag (the command exits 104 with it).
#include "app/segment_flags.hpp"

#include <gtest/gtest.h>

namespace loadtwin::app {

TEST(segment_flags_test, selects_the_segment_or_names_the_bad_flag) {
  struct Case {
    SegmentFlags flags;
    char const* segment;   // expected to_string of the segment, "" when refused
    char const* sequence;  // expected filled sequence, or a fragment of the error
  };
  Case const cases[] = {
      {{}, "0:1", "0,1"},                                    // nothing given: the whole test
      {{"0/4", "", ""}, "0:1/4", "0,1/4,1/2,3/4,1"},         // 0-based index
      {{"3/4", "", ""}, "3/4:1", "0,1/4,1/2,3/4,1"},
      {{"0/1", "", ""}, "0:1", "0,1"},
      {{"", "1/4:1/2", ""}, "1/4:1/2", "0,1/4,1/2,1"},       // filled around the segment
      {{"", "25%:50%", "0,25%,50%,75%,1"}, "1/4:1/2", "0,1/4,1/2,3/4,1"},
      {{"", "0.5", ""}, "0:1/2", "0,1/2,1"},
      {{"4/4", "", ""}, "", "--segment expects INDEX/COUNT"},
      {{"-1/4", "", ""}, "", "--segment expects INDEX/COUNT"},
      {{"1/0", "", ""}, "", "--segment expects INDEX/COUNT"},
      {{"2", "", ""}, "", "--segment expects INDEX/COUNT"},
      {{"", "1/3", "0,1/4,1/2,1"}, "", "not one of the sequence 0,1/4,1/2,1"},
      {{"", "", "0,1/2,1"}, "", "needs --execution-segment"},
      {{"", "150%", ""}, "", "--execution-segment: segment end value can't be more than 1"},
      {{"", "1/2", "0,1/2,1/3"}, "", "--execution-segment-sequence: points must increase"},
      {{"", "abc", ""}, "", "'abc' is not a valid percentage, decimal or fraction"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.flags.segment + " | " + c.flags.execution_segment + " | " +
                 c.flags.sequence);
    std::string error;
    auto const tuple = segment_from_flags(c.flags, error);
    if (std::string(c.segment).empty()) {
      EXPECT_FALSE(tuple);
      EXPECT_NE(error.find(c.sequence), std::string::npos) << error;
      continue;
    }
    ASSERT_TRUE(tuple) << error;
    EXPECT_EQ(core::to_string(tuple->segment()), c.segment);
    EXPECT_EQ(core::to_string(tuple->sequence()), c.sequence);
  }
}

TEST(segment_flags_test, replay_keeps_exactly_the_flags_given) {
  EXPECT_TRUE(segment_replay_flags({}).empty());
  EXPECT_EQ(segment_replay_flags({"1/3", "", ""}),
            (std::vector<std::string>{"--segment", "1/3"}));
  EXPECT_EQ(segment_replay_flags({"", "1/4:1/2", "0,1/4,1/2,1"}),
            (std::vector<std::string>{"--execution-segment", "1/4:1/2",
                                      "--execution-segment-sequence", "0,1/4,1/2,1"}));
}

}  // namespace loadtwin::app
