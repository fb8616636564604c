#include "sim/event_queue.hpp"

#include <algorithm>

#include "core/assert.hpp"

namespace loadtwin::sim {

core::TimerId EventQueue::push(core::Instant at, core::Phase phase, std::function<void()> fire) {
  std::uint32_t slot = 0;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  slots_[slot].fire = std::move(fire);
  std::uint32_t const generation = slots_[slot].generation;
  std::uint64_t const order = (static_cast<std::uint64_t>(phase) << 60) | sequence_++;
  heap_.push_back(Entry{core::since_start(at).count(), order, slot, generation});
  std::push_heap(heap_.begin(), heap_.end(), later);
  ++live_;
  return (static_cast<core::TimerId>(generation) << 32) | slot;
}

void EventQueue::cancel(core::TimerId id) {
  auto const slot = static_cast<std::uint32_t>(id & 0xffffffffU);
  auto const generation = static_cast<std::uint32_t>(id >> 32);
  if (slot >= slots_.size() || slots_[slot].generation != generation) return;
  slots_[slot].fire = nullptr;
  ++slots_[slot].generation;  // the heap entry is now stale
  free_slots_.push_back(slot);
  --live_;
}

std::optional<EventQueue::Due> EventQueue::pop() {
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    Entry const entry = heap_.back();
    heap_.pop_back();
    Slot& slot = slots_[entry.slot];
    if (slot.generation != entry.generation) continue;  // cancelled
    Due due{core::at_offset(core::Duration{entry.at}), std::move(slot.fire)};
    slot.fire = nullptr;
    ++slot.generation;
    free_slots_.push_back(entry.slot);
    --live_;
    return due;
  }
  return std::nullopt;
}

}  // namespace loadtwin::sim
