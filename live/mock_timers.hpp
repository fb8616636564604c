#pragma once
// One wake-up queue per mock thread (a service of its io_context) for every timed write of
// every stream. A timerfd of its own is set only when the earliest deadline changes; when it
// fires, every stream due is resumed -- and those that fall due meanwhile too -- before it
// is set again. One Asio timer per stream cost a timerfd_settime and an epoll wake-up for
// nearly every write at 1 000 streams (issue 11). Deadlines are kept exactly: no stream is
// resumed before its instant. Single-threaded, like the io_context it serves.
#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <cstdint>
#include <optional>
#include <vector>

#include "live/net.hpp"

namespace loadtwin::live {

class MockTimers final : public net::execution_context::service {
 public:
  using key_type = MockTimers;
  static inline net::execution_context::id id;
  using Handler = net::any_completion_handler<void(boost::system::error_code)>;

  explicit MockTimers(net::execution_context& context);
  ~MockTimers() override;
  MockTimers(MockTimers const&) = delete;
  MockTimers& operator=(MockTimers const&) = delete;

  // The queue of the io_context behind `executor`.
  static MockTimers& of(net::any_io_executor const& executor);

  // Completes (on this thread) once `when` has come, or with operation_aborted when the
  // handler's cancellation slot is signalled first.
  template <class Token>
  auto async_wait_until(SteadyTime when, Token&& token) {
    return net::async_initiate<Token, void(boost::system::error_code)>(
        [this](auto handler, SteadyTime at) { add(at, Handler(std::move(handler))); }, token, when);
  }

  // Times the timerfd was set and fired (for tests and the bench).
  [[nodiscard]] std::uint64_t arms() const { return arms_; }
  [[nodiscard]] std::uint64_t wakeups() const { return wakeups_; }

 private:
  struct Due {
    SteadyTime when;
    std::uint64_t seq;  // the waiter's at insertion: a cancelled or reused slot is stale
    std::uint32_t slot;
    bool operator>(Due const& other) const {
      return when != other.when ? when > other.when : seq > other.seq;
    }
  };
  struct Waiter {
    // Constructed and reset, never assigned: Boost 1.81's any_completion_handler move
    // assignment copies its source through the wrapping constructor (endless recursion).
    std::optional<Handler> handler;
    std::uint64_t seq = 0;
  };
  class Canceller;

  void shutdown() override;
  void add(SteadyTime when, Handler handler);
  void cancel(std::uint32_t slot, std::uint64_t seq);
  // The handler of the earliest live waiter due by `now`, taken out of the queue; empty if
  // none is due.
  Handler take_due(SteadyTime now);
  void drop_stale();
  void arm(SteadyTime when);
  void fire();

  net::posix::stream_descriptor fd_;
  std::vector<Due> heap_;  // min-heap by (when, seq)
  std::vector<Waiter> waiters_;
  std::vector<std::uint32_t> free_;
  std::uint64_t next_seq_ = 1;
  SteadyTime armed_ = SteadyTime::max();  // the timerfd's pending deadline
  bool waiting_ = false;                  // an async_wait on fd_ is pending
  bool firing_ = false;                   // fire() arms once at its end
  std::uint64_t arms_ = 0;
  std::uint64_t wakeups_ = 0;
};

}  // namespace loadtwin::live
