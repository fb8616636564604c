#include "sim/simulator.hpp"

#include "core/assert.hpp"

namespace loadtwin::sim {

core::TimerId Simulator::at(core::Instant when, core::Phase phase, std::function<void()> fire) {
  LT_ASSERT(when >= now_, "event scheduled in the past");
  return queue_.push(when, phase, std::move(fire));
}

core::TimerId Simulator::at_reserved(core::Instant when, core::Phase phase, std::uint64_t place,
                                     std::function<void()> fire) {
  LT_ASSERT(when >= now_, "event scheduled in the past");
  return queue_.push_at_place(when, phase, place, std::move(fire));
}

Simulator::Stop Simulator::run(std::function<bool()> const& done, std::uint64_t events_max) {
  while (!done()) {
    if (events_run_ >= events_max) return Stop::events_max;
    auto due = queue_.pop();
    if (!due) return Stop::queue_empty;
    LT_ASSERT(due->at >= now_, "event queue went back in time");
    now_ = due->at;
    ++events_run_;
    due->fire();
  }
  return Stop::done;
}

}  // namespace loadtwin::sim
