#pragma once
// A priority queue of timed callbacks with a total order: (at, phase, insertion sequence).
// Never ordered by address or hash, so a seed replays identically (ns-3's EventKey).
// Cancel marks the slot stale; the entry is skipped when popped (ns-3's Cancel).
//
// Performance (the x1000 baseline spent 40% of its time in a binary heap here):
// - Sorted lanes: most events arrive in key order per kind -- every request's timeout is
//   now + timeout, every first token now + a constant delay -- so a push whose key is not
//   below the back of one of a few FIFO lanes is appended there (O(1), sequential memory).
//   Only the rest go to the heap.
// - The heap is 4-ary, of 24-byte entries compared as one 128-bit key: half the levels of
//   a binary heap. Callbacks stay in a slot table and never move inside it.
// - Stale entries (a timeout cancelled when its request ends) are swept out once they
//   outnumber the live events, so memory stays within twice the live events.
// Each lane is sorted and the heap is a heap, so the next event is the least of their
// fronts: the order is the same total order, whatever structure holds an event.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/scheduler.hpp"

namespace loadtwin::sim {

class EventQueue {
 public:
  // Queues `fire` at `at` (>= the start of the test) in `phase`; FIFO within a phase.
  core::TimerId push(core::Instant at, core::Phase phase, std::function<void()>&& fire) {
    return push_at_place(at, phase, sequence_++, std::move(fire));
  }
  // The insertion sequence a push() now would take, for push_at_place() later: that event
  // then sorts as if pushed now (a lazy timer's place, core::Scheduler::reserve_place).
  std::uint64_t reserve_place() { return sequence_++; }
  core::TimerId push_at_place(core::Instant at, core::Phase phase, std::uint64_t place,
                              std::function<void()>&& fire);
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
  // Entries held, stale ones included (for tests of the sweep).
  [[nodiscard]] std::size_t entries() const;

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
  // A FIFO of entries in increasing key order; consumed from `head`.
  struct Lane {
    std::vector<Entry> entries;
    std::size_t head = 0;
    [[nodiscard]] bool empty() const { return head == entries.size(); }
    [[nodiscard]] Entry const& front() const { return entries[head]; }
  };
  static constexpr std::size_t lane_count = 4;
  static constexpr std::size_t from_heap = lane_count;  // "the heap" as a source index

  __extension__ typedef unsigned __int128 Key;  // (at, order) as one number
  static Key key(Entry const& e) { return (Key{e.at} << 64) | e.order; }
  static bool before(Entry const& a, Entry const& b) { return key(a) < key(b); }
  static constexpr Key no_key = ~Key{0};  // above every key (at < 2^63)
  [[nodiscard]] bool stale(Entry const& e) const {
    return slots_[e.slot].generation != e.generation;
  }
  // fronts_[source] after that source's front changed.
  void refresh_front(std::size_t source);
  void insert(Entry const& entry);
  [[nodiscard]] std::size_t least_source() const;
  Entry take(std::size_t source);
  void release(std::uint32_t slot);
  void sift_up(std::size_t hole, Entry entry);
  void sift_down(std::size_t hole, Entry entry);
  void sweep_stale();

  std::array<Lane, lane_count> lanes_;
  std::vector<Entry> heap_;
  // The key at the front of each lane and of the heap (no_key: empty), so finding the next
  // event compares five numbers instead of walking the lanes.
  std::array<Key, lane_count + 1> fronts_{no_key, no_key, no_key, no_key, no_key};
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t sequence_ = 0;
  std::size_t live_ = 0;
  std::size_t stale_ = 0;  // entries held whose slot was cancelled
};

}  // namespace loadtwin::sim
