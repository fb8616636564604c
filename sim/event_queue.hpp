#pragma once
// A min-heap of timed callbacks with a total order: (at, phase, insertion sequence).
// Never ordered by address or hash, so a seed replays identically (ns-3's EventKey).
// Cancel marks the slot stale; the entry is skipped when popped (ns-3's Cancel).
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/scheduler.hpp"

namespace loadtwin::sim {

class EventQueue {
 public:
  core::TimerId push(core::Instant at, core::Phase phase, std::function<void()> fire);
  void cancel(core::TimerId id);
  // The next live event, removed from the queue; nullopt when none is left.
  struct Due {
    core::Instant at;
    std::function<void()> fire;
  };
  std::optional<Due> pop();
  [[nodiscard]] bool empty() const { return live_ == 0; }
  [[nodiscard]] std::size_t size() const { return live_; }

 private:
  struct Entry {
    std::int64_t at;
    std::uint64_t order;  // phase in the top 4 bits, insertion sequence below
    std::uint32_t slot;
    std::uint32_t generation;
  };
  struct Slot {
    std::function<void()> fire;
    std::uint32_t generation = 0;
  };
  static bool later(Entry const& a, Entry const& b) {
    return a.at != b.at ? a.at > b.at : a.order > b.order;
  }

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t sequence_ = 0;
  std::size_t live_ = 0;
};

}  // namespace loadtwin::sim
