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

bool Simulator::step() {
  auto due = queue_.pop();
  if (!due) return false;
  LT_ASSERT(due->at >= now_, "event queue went back in time");
  now_ = due->at;
  ++events_run_;
  due->fire();
  return true;
}

}  // namespace loadtwin::sim
