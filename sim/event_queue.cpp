#include "sim/event_queue.hpp"

#include <algorithm>

#include "core/assert.hpp"

namespace loadtwin::sim {
namespace {

constexpr std::size_t arity = 4;
// Below this many stale entries a sweep is not worth its pass over the heap.
constexpr std::size_t sweep_min = 1024;

}  // namespace

core::TimerId EventQueue::push(core::Instant at, core::Phase phase, std::function<void()> fire) {
  auto const offset = core::since_start(at).count();
  LT_ASSERT(offset >= 0, "event before the start of the test");
  LT_ASSERT(sequence_ < (std::uint64_t{1} << 60), "event sequence overflow");
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
  heap_.emplace_back();
  sift_up(heap_.size() - 1, Entry{static_cast<std::uint64_t>(offset), order, slot, generation});
  ++live_;
  return (static_cast<core::TimerId>(generation) << 32) | slot;
}

void EventQueue::release(std::uint32_t slot) {
  slots_[slot].fire = nullptr;
  ++slots_[slot].generation;  // any heap entry for it is now stale
  free_slots_.push_back(slot);
  --live_;
}

void EventQueue::cancel(core::TimerId id) {
  auto const slot = static_cast<std::uint32_t>(id & 0xffffffffU);
  auto const generation = static_cast<std::uint32_t>(id >> 32);
  if (slot >= slots_.size() || slots_[slot].generation != generation) return;
  release(slot);
  ++stale_;
  if (stale_ >= sweep_min && stale_ > live_) sweep_stale();
}

std::optional<EventQueue::Due> EventQueue::pop() {
  while (!heap_.empty()) {
    Entry const top = heap_.front();
    Entry const last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0, last);
    if (stale(top)) {
      --stale_;
      continue;
    }
    Due due{core::at_offset(core::Duration{static_cast<std::int64_t>(top.at)}),
            std::move(slots_[top.slot].fire)};
    release(top.slot);
    return due;
  }
  return std::nullopt;
}

void EventQueue::sift_up(std::size_t hole, Entry entry) {
  while (hole > 0) {
    std::size_t const parent = (hole - 1) / arity;
    if (!before(entry, heap_[parent])) break;
    heap_[hole] = heap_[parent];
    hole = parent;
  }
  heap_[hole] = entry;
}

void EventQueue::sift_down(std::size_t hole, Entry entry) {
  std::size_t const n = heap_.size();
  for (;;) {
    std::size_t const first = hole * arity + 1;
    if (first >= n) break;
    std::size_t const end = std::min(first + arity, n);
    std::size_t best = first;
    for (std::size_t c = first + 1; c < end; ++c) {
      if (before(heap_[c], heap_[best])) best = c;
    }
    if (!before(heap_[best], entry)) break;
    heap_[hole] = heap_[best];
    hole = best;
  }
  heap_[hole] = entry;
}

void EventQueue::sweep_stale() {
  std::erase_if(heap_, [this](Entry const& e) { return stale(e); });
  stale_ = 0;
  // Floyd's heap construction: sift every inner node down, last parent first.
  if (heap_.size() < 2) return;
  for (std::size_t i = (heap_.size() - 2) / arity + 1; i-- > 0;) sift_down(i, heap_[i]);
}

}  // namespace loadtwin::sim
