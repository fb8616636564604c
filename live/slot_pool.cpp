#include "live/slot_pool.hpp"

#include <algorithm>

namespace loadtwin::live {

SlotPool::Admit SlotPool::admit(std::shared_ptr<SlotWaiter> const& waiter) {
  std::lock_guard lock(mutex_);
  if (closed_) return Admit::full;
  if (!max_concurrent_ || active_ < *max_concurrent_) {
    ++active_;
    return Admit::granted;
  }
  if (max_queue_ && queue_.size() >= *max_queue_) return Admit::full;
  queue_.push_back(waiter);
  return Admit::queued;
}

bool SlotPool::granted(SlotWaiter const& waiter) {
  std::lock_guard lock(mutex_);
  return waiter.granted;
}

void SlotPool::release() {
  std::shared_ptr<SlotWaiter> next;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    if (queue_.empty()) {
      if (active_ > 0) --active_;
      return;
    }
    next = queue_.front();  // the slot passes straight to the oldest waiter
    queue_.pop_front();
    next->granted = true;
  }
  net::post(next->timer.get_executor(), [next] { next->timer.cancel(); });
}

void SlotPool::leave(std::shared_ptr<SlotWaiter> const& waiter) {
  bool was_granted = false;
  {
    std::lock_guard lock(mutex_);
    auto const it = std::find(queue_.begin(), queue_.end(), waiter);
    if (it != queue_.end()) {
      queue_.erase(it);
      return;
    }
    was_granted = waiter->granted;
  }
  if (was_granted) release();
}

void SlotPool::shutdown() {
  std::deque<std::shared_ptr<SlotWaiter>> dropped;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    dropped.swap(queue_);
  }
  for (auto& waiter : dropped) waiter->timer.cancel();
}

std::uint32_t SlotPool::active() const {
  std::lock_guard lock(mutex_);
  return active_;
}

std::size_t SlotPool::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

}  // namespace loadtwin::live
