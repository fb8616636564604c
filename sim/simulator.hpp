#pragma once
// The virtual clock: implements core::Scheduler over an EventQueue. Time jumps from event
// to event; nothing here reads a real clock.
#include <cstdint>
#include <functional>

#include "core/scheduler.hpp"
#include "sim/event_queue.hpp"

namespace loadtwin::sim {

class Simulator final : public core::Scheduler {
 public:
  [[nodiscard]] core::Instant now() const override { return now_; }
  core::TimerId at(core::Instant when, core::Phase phase, std::function<void()> fire) override;
  void cancel(core::TimerId timer) override { queue_.cancel(timer); }
  std::uint64_t reserve_place() override { return queue_.reserve_place(); }
  core::TimerId at_reserved(core::Instant when, core::Phase phase, std::uint64_t place,
                            std::function<void()> fire) override;
  void discount_event() override { --events_run_; }

  enum class Stop { done, queue_empty, events_max };
  // Runs events in order until `done()` holds (checked after each event), the queue is
  // empty, or `events_max` events have run. `done` is any callable, called directly.
  template <class Done>
  Stop run(Done const& done, std::uint64_t events_max) {
    while (!done()) {
      if (events_run_ >= events_max) return Stop::events_max;
      if (!step()) return Stop::queue_empty;
    }
    return Stop::done;
  }
  [[nodiscard]] std::uint64_t events_run() const { return events_run_; }

 private:
  // Runs the next event; false when the queue is empty.
  bool step();

  EventQueue queue_;
  core::Instant now_{};
  std::uint64_t events_run_ = 0;
};

}  // namespace loadtwin::sim
