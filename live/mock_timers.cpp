#include "live/mock_timers.hpp"

#include <sys/timerfd.h>

#include <algorithm>
#include <functional>

namespace loadtwin::live {

// Lives in the cancellation slot of a waiting handler: a cancelled wait leaves the queue.
// Keyed by (slot, seq), so a signal after the wait ended finds nothing and does nothing.
class MockTimers::Canceller {
 public:
  Canceller(MockTimers& timers, std::uint32_t slot, std::uint64_t seq)
      : timers_(timers), slot_(slot), seq_(seq) {}
  void operator()(net::cancellation_type type) {
    if (type != net::cancellation_type::none) timers_.cancel(slot_, seq_);
  }

 private:
  MockTimers& timers_;
  std::uint32_t slot_;
  std::uint64_t seq_;
};

MockTimers::MockTimers(net::execution_context& context)
    : service(context),
      // The mock's threads each run an io_context (mock_server.cpp).
      fd_(static_cast<net::io_context&>(context).get_executor(),
          ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC)) {}

MockTimers::~MockTimers() = default;

MockTimers& MockTimers::of(net::any_io_executor const& executor) {
  return net::use_service<MockTimers>(net::query(executor, net::execution::context));
}

void MockTimers::shutdown() {
  boost::system::error_code ignored;
  fd_.close(ignored);
  heap_.clear();
  free_.clear();
  // The waiting streams' coroutines die with their handlers (as with Asio's own timers).
  std::vector<Waiter> dropped;
  dropped.swap(waiters_);
}

void MockTimers::add(SteadyTime when, Handler handler) {
  std::uint32_t slot = 0;
  if (free_.empty()) {
    slot = static_cast<std::uint32_t>(waiters_.size());
    waiters_.emplace_back();
  } else {
    slot = free_.back();
    free_.pop_back();
  }
  std::uint64_t const seq = next_seq_++;
  if (auto cs = net::get_associated_cancellation_slot(handler); cs.is_connected()) {
    cs.template emplace<Canceller>(*this, slot, seq);
  }
  waiters_[slot].handler.emplace(std::move(handler));
  waiters_[slot].seq = seq;
  heap_.push_back({when, seq, slot});
  std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
  if (!firing_ && when < armed_) arm(when);
}

void MockTimers::cancel(std::uint32_t slot, std::uint64_t seq) {
  if (slot >= waiters_.size() || waiters_[slot].seq != seq) return;
  Handler handler(std::move(*waiters_[slot].handler));
  waiters_[slot].handler.reset();
  waiters_[slot].seq = 0;  // its heap entry is stale now, dropped when it reaches the top
  free_.push_back(slot);
  net::post(fd_.get_executor(), [h = std::move(handler)]() mutable {
    std::move(h)(boost::system::error_code(net::error::operation_aborted));
  });
}

MockTimers::Handler MockTimers::take_due(SteadyTime now) {
  while (!heap_.empty() && heap_.front().when <= now) {
    Due const top = heap_.front();
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
    heap_.pop_back();
    Waiter& waiter = waiters_[top.slot];
    if (waiter.seq != top.seq) continue;  // cancelled
    Handler handler(std::move(*waiter.handler));
    waiter.handler.reset();
    waiter.seq = 0;
    free_.push_back(top.slot);
    if (auto cs = net::get_associated_cancellation_slot(handler); cs.is_connected()) cs.clear();
    return handler;
  }
  return {};
}

void MockTimers::drop_stale() {
  while (!heap_.empty() && waiters_[heap_.front().slot].seq != heap_.front().seq) {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
    heap_.pop_back();
  }
}

void MockTimers::arm(SteadyTime when) {
  armed_ = when;
  ++arms_;
  auto const ns = std::max<std::int64_t>(
      1, std::chrono::duration_cast<std::chrono::nanoseconds>(when.time_since_epoch()).count());
  itimerspec spec{};
  spec.it_value.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
  spec.it_value.tv_nsec = static_cast<long>(ns % 1'000'000'000);
  // steady_clock is CLOCK_MONOTONIC.
  ::timerfd_settime(fd_.native_handle(), TFD_TIMER_ABSTIME, &spec, nullptr);
  if (waiting_) return;
  waiting_ = true;
  // Edge-triggered in Asio's reactor: each expiry is one readiness event; never read.
  fd_.async_wait(net::posix::descriptor_base::wait_read, [this](boost::system::error_code ec) {
    waiting_ = false;
    if (!ec) fire();
  });
}

void MockTimers::fire() {
  ++wakeups_;
  armed_ = SteadyTime::max();  // the one-shot expiry has happened
  firing_ = true;
  auto now = std::chrono::steady_clock::now();
  for (;;) {
    Handler handler = take_due(now);
    if (handler) {
      std::move(handler)(boost::system::error_code{});  // resumes the stream right here
      continue;
    }
    drop_stale();
    if (heap_.empty()) break;
    now = std::chrono::steady_clock::now();  // streams that fell due while others were served
    if (heap_.front().when > now) break;
  }
  firing_ = false;
  if (!heap_.empty()) arm(heap_.front().when);
}

}  // namespace loadtwin::live
