#pragma once
// SEAM 1: the clock. sim::Simulator (virtual time) and the live runner (steady_timer)
// implement it; core is told the time and never asks a real clock.
#include <cstdint>
#include <functional>
#include <utility>

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

  // Lazy timers (a VU's timeout, armed once and moved on instead of set and cancelled per
  // request): reserve_place() takes, now, the FIFO place that an at() call now would take;
  // at_reserved() schedules an event in that place later, so it runs in the same order
  // among the events of its instant as if it had been scheduled when the place was taken.
  // The defaults are for a real clock, where the order at one instant is not observable.
  virtual std::uint64_t reserve_place() { return 0; }
  virtual TimerId at_reserved(Instant when, Phase phase, std::uint64_t /*place*/,
                              std::function<void()> fire) {
    return at(when, phase, std::move(fire));
  }
  // The running event found nothing to do (a lazy timer whose request had ended): it is not
  // counted as an event (sim's --max-events counts the events an eager timer would have).
  virtual void discount_event() {}
};

}  // namespace loadtwin::core
