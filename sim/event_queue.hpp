#pragma once
// A min-heap of timed callbacks with a total order: (at, phase, insertion sequence).
// Never ordered by address or hash, so a seed replays identically (ns-3's EventKey).
// Cancel marks the slot stale; the entry is skipped when popped (ns-3's Cancel).
//
// Performance (the x1000 baseline spends most of its time here): a 4-ary heap of 24-byte
// entries compared as one 128-bit key, so a pop touches half the levels of a binary heap.
// Callbacks stay in a slot table and never move inside the heap. Stale entries (a request's
// timeout, cancelled when it ends, would otherwise sit in the heap for the whole timeout)
// are swept out once they outnumber the live ones, so the heap stays within twice the live
// events. None of this changes which event comes next: the order is total.
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/scheduler.hpp"

namespace loadtwin::sim {

class EventQueue {
 public:
  // Queues `fire` at `at` (>= the start of the test) in `phase`; FIFO within a phase.
  core::TimerId push(core::Instant at, core::Phase phase, std::function<void()> fire);
  // O(1); safe on an event that already ran or was cancelled.
  void cancel(core::TimerId id);
  // The next live event, removed from the queue; nullopt when none is left.
  struct Due {
    core::Instant at;
    std::function<void()> fire;
  };
  std::optional<Due> pop();
  [[nodiscard]] bool empty() const { return live_ == 0; }
  [[nodiscard]] std::size_t size() const { return live_; }
  // Entries in the heap, stale ones included (for tests of the sweep).
  [[nodiscard]] std::size_t heap_entries() const { return heap_.size(); }

 private:
  struct Entry {
    std::uint64_t at;     // nanoseconds since the start
    std::uint64_t order;  // phase in the top 4 bits, insertion sequence below
    std::uint32_t slot;
    std::uint32_t generation;
  };
  struct Slot {
    std::function<void()> fire;
    std::uint32_t generation = 0;
  };
  __extension__ typedef unsigned __int128 Key;  // (at, order) as one number
  static bool before(Entry const& a, Entry const& b) {
    return ((Key{a.at} << 64) | a.order) < ((Key{b.at} << 64) | b.order);
  }
  [[nodiscard]] bool stale(Entry const& e) const {
    return slots_[e.slot].generation != e.generation;
  }
  void release(std::uint32_t slot);
  void sift_up(std::size_t hole, Entry entry);
  void sift_down(std::size_t hole, Entry entry);
  void sweep_stale();

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t sequence_ = 0;
  std::size_t live_ = 0;
  std::size_t stale_ = 0;  // heap entries whose slot was cancelled
};

}  // namespace loadtwin::sim
