#pragma once
// `--segment i/N`, `--execution-segment X` and `--execution-segment-sequence S`: which share
// of the plan this process runs (k6 execution segments, SPEC "Execution segments and merge").
// One parser for every command that runs a plan (sim now, live next).
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/run/segment.hpp"

namespace loadtwin::app {

struct SegmentFlags {
  std::string segment;            // "i/N": the i-th (0-based) of N equal segments
  std::string execution_segment;  // k6's syntax: "1/4", "25%", "0.25", "1/4:1/2"
  std::string sequence;           // k6's syntax: "0,1/4,1/2,3/4,1"
};

// Adds the three flags to `command`; --segment excludes the two k6 ones.
void add_segment_flags(CLI::App* command, SegmentFlags& flags);

// The share the flags select (the whole test when none is given). On bad values: nullopt
// and `error` says which flag and why (the caller exits 104).
std::optional<core::ExecutionTuple> segment_from_flags(SegmentFlags const& flags,
                                                       std::string& error);

// The flags that were given, split for a replay line; empty when none was.
std::vector<std::string> segment_replay_flags(SegmentFlags const& flags);

}  // namespace loadtwin::app
