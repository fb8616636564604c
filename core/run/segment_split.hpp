#pragma once
// Splitting one execution segment further, for `live --workers W`: every segment of the
// sequence is cut into W equal parts (so every process that uses the same W stripes the
// work the same way), and the W parts of `segment` are what this process's workers run.
// `--segment i/N --workers W` thus runs segments i*W .. i*W+W-1 of N*W equal ones.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/run/segment.hpp"

namespace loadtwin::core {

// The sequence with each segment cut into `ways` equal segments (ways >= 1).
std::vector<ExecutionSegment> refine_sequence(std::vector<ExecutionSegment> const& sequence,
                                              std::int64_t ways);

// The `ways` parts of `segment`, each a tuple of the refined sequence, in order. Nullopt and
// `error` when the refined stripe is too large.
std::optional<std::vector<ExecutionTuple>> split_segment(ExecutionTuple const& segment,
                                                         std::int64_t ways, std::string& error);

}  // namespace loadtwin::core
