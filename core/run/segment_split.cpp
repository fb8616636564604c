#include "core/run/segment_split.hpp"

#include "core/assert.hpp"

namespace loadtwin::core {

std::vector<ExecutionSegment> refine_sequence(std::vector<ExecutionSegment> const& sequence,
                                              std::int64_t ways) {
  LT_ASSERT(ways >= 1, "a segment splits into at least one part");
  std::vector<ExecutionSegment> out;
  for (auto const& s : sequence) {
    Rational const step = (s.to - s.from) / ways;
    for (std::int64_t w = 0; w < ways; ++w) {
      out.push_back({s.from + step * w, w + 1 == ways ? s.to : s.from + step * (w + 1)});
    }
  }
  return out;
}

std::optional<std::vector<ExecutionTuple>> split_segment(ExecutionTuple const& segment,
                                                         std::int64_t ways, std::string& error) {
  auto const refined = refine_sequence(segment.sequence(), ways);
  std::vector<ExecutionTuple> out;
  auto const first = segment.index() * static_cast<std::size_t>(ways);
  for (std::int64_t w = 0; w < ways; ++w) {
    auto tuple = ExecutionTuple::make(refined[first + static_cast<std::size_t>(w)], refined, error);
    if (!tuple) return std::nullopt;
    out.push_back(std::move(*tuple));
  }
  return out;
}

}  // namespace loadtwin::core
