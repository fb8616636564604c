#pragma once
// An optional second face of a StreamObserver: a run of content deltas handed over at once.
// The simulator delivers a whole stream's deltas per wake-up; one call instead of one
// on_event per delta lets the observer add equal inter-token gaps as one run. The effect
// must be exactly that of one on_event(text_delta) per delta, in order.
#include <cstdint>
#include <span>

#include "core/time.hpp"

namespace loadtwin::core {

// A content delta with non-empty text, as it arrives at the client.
struct TimedDelta {
  Instant at;
  std::uint32_t tokens = 1;
};

class DeltaBatchObserver {
 public:
  virtual ~DeltaBatchObserver() = default;
  virtual void on_text_deltas(std::span<TimedDelta const> deltas) = 0;
};

}  // namespace loadtwin::core
