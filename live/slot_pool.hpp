#pragma once
// The mock's `max_concurrent` limit: at most N streams at once, later requests wait in FIFO
// order of receipt, optionally at most `max_queue` of them (then the caller answers
// queue_full_status at once). Thread-safe: sessions on any thread of `--threads N` share it.
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

#include "live/net.hpp"

namespace loadtwin::live {

// One queued request; its timer is cancelled (on its own executor) when a slot is granted.
struct SlotWaiter {
  explicit SlotWaiter(net::any_io_executor executor) : timer(executor, SteadyTime::max()) {}
  net::steady_timer timer;
  bool granted = false;  // guarded by SlotPool's mutex
};

class SlotPool {
 public:
  SlotPool(std::optional<std::uint32_t> max_concurrent, std::optional<std::uint32_t> max_queue)
      : max_concurrent_(max_concurrent), max_queue_(max_queue) {}

  enum class Admit { granted, queued, full };
  // Takes a slot now, or queues `waiter`, or says the queue is full.
  Admit admit(std::shared_ptr<SlotWaiter> const& waiter);
  // Whether a queued waiter holds a slot now (after its timer woke it).
  bool granted(SlotWaiter const& waiter);
  // Frees a slot; the oldest waiter, if any, gets it.
  void release();
  // A queued client went away: leaves the queue, or frees the slot it was just granted.
  void leave(std::shared_ptr<SlotWaiter> const& waiter);
  // The server stops: every queued waiter is dropped (their timers die with their
  // io_contexts, which must not outlive them) and later calls do nothing. Call while the
  // contexts still exist and no thread runs them.
  void shutdown();
  [[nodiscard]] std::uint32_t active() const;
  [[nodiscard]] std::size_t queued() const;

 private:
  std::optional<std::uint32_t> max_concurrent_;
  std::optional<std::uint32_t> max_queue_;
  mutable std::mutex mutex_;
  std::uint32_t active_ = 0;
  bool closed_ = false;
  std::deque<std::shared_ptr<SlotWaiter>> queue_;
};

}  // namespace loadtwin::live
