#pragma once
// SEAM 1: the clock. sim::Simulator (virtual time) and the live runner (steady_timer)
// implement it; core is told the time and never asks a real clock.
#include <cstdint>
#include <functional>

#include "core/time.hpp"

namespace loadtwin::core {

// Order of events at one instant (SPEC "Events at one instant"); FIFO within a phase.
enum class Phase : std::uint8_t {
  arrival = 0,     // arrival-rate starts
  deadline = 1,    // end of a regular duration, then gracefulStop / maxDuration expiry
  transport = 2,   // transport events and iteration completions
  evaluation = 3,  // threshold evaluation
};

using TimerId = std::uint64_t;

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  [[nodiscard]] virtual Instant now() const = 0;
  // Runs `fire` on the core thread at `when` (>= now()). Returns an id for cancel().
  virtual TimerId at(Instant when, Phase phase, std::function<void()> fire) = 0;
  // Safe on a timer that already fired or was cancelled.
  virtual void cancel(TimerId timer) = 0;
};

}  // namespace loadtwin::core
