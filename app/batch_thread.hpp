#pragma once
// One batch in flight between the caller's thread and a thread of its own: hand_over()
// waits until the previous batch is consumed, swaps the new one in and returns, so the
// caller fills the next batch while this one is consumed. Batches keep their order.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

namespace loadtwin::app {

template <class Batch>
class BatchThread {
 public:
  // `consume` runs on the thread, one batch at a time; what it leaves in the batch comes
  // back to the caller with a later hand_over().
  explicit BatchThread(std::function<void(Batch&)> consume)
      : consume_(std::move(consume)), thread_([this] { consume_batches(); }) {}
  ~BatchThread() { finish(); }
  BatchThread(BatchThread const&) = delete;
  BatchThread& operator=(BatchThread const&) = delete;

  // `batch` comes back holding an earlier, consumed batch.
  void hand_over(Batch& batch) {
    std::unique_lock lock(mutex_);
    consumed_cv_.wait(lock, [this] { return !ready_; });
    swap_in(batch, lock);
  }

  // hand_over() if the previous batch is consumed already; false, and `batch` untouched,
  // when it is not.
  bool try_hand_over(Batch& batch) {
    std::unique_lock lock(mutex_);
    if (ready_) return false;
    swap_in(batch, lock);
    return true;
  }

  // Consumes every batch handed over, then ends the thread.
  void finish() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
    }
    ready_cv_.notify_one();
    thread_.join();
  }

 private:
  void swap_in(Batch& batch, std::unique_lock<std::mutex>& lock) {
    using std::swap;
    swap(pending_, batch);
    ready_ = true;
    lock.unlock();
    ready_cv_.notify_one();
  }

  void consume_batches() {
    std::unique_lock lock(mutex_);
    while (true) {
      ready_cv_.wait(lock, [this] { return ready_ || closing_; });
      if (!ready_) return;  // closing, and every batch handed over is consumed
      lock.unlock();
      consume_(pending_);  // the only thread touching pending_ now
      lock.lock();
      ready_ = false;
      consumed_cv_.notify_one();
    }
  }

  std::function<void(Batch&)> consume_;
  Batch pending_{};   // the batch handed over; the thread's while ready_
  std::mutex mutex_;  // guards ready_ and closing_
  std::condition_variable ready_cv_, consumed_cv_;
  bool ready_ = false;
  bool closing_ = false;
  std::thread thread_;  // last: starts once everything it reads exists
};

}  // namespace loadtwin::app
