#pragma once
// Helpers the segment and schedule tests share.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "core/run/segment.hpp"
#include "core/run/vu_schedule.hpp"

namespace loadtwin::core::testing {

// The tuple of `segment` in `sequence`, or a failed test and the whole-plan tuple.
inline ExecutionTuple tuple_or_die(std::string const& segment, std::string const& sequence) {
  std::string error;
  auto const seg = parse_execution_segment(segment, error);
  auto seq = parse_segment_sequence(sequence, error);
  EXPECT_TRUE(seg && seq) << error;
  if (!seg || !seq) return {};
  auto tuple = ExecutionTuple::make(*seg, *seq, error);
  EXPECT_TRUE(tuple) << error;
  return tuple.value_or(ExecutionTuple{});
}

// Steps as (whole second, planned VUs), for compact expectations.
inline std::vector<std::pair<std::int64_t, std::uint32_t>> as_pairs(
    std::vector<VuStep> const& steps) {
  std::vector<std::pair<std::int64_t, std::uint32_t>> out;
  for (auto const& s : steps) {
    EXPECT_EQ(s.offset.count() % 1'000'000'000, 0) << "whole seconds in these vectors";
    out.emplace_back(s.offset.count() / 1'000'000'000, s.planned_vus);
  }
  return out;
}

}  // namespace loadtwin::core::testing
