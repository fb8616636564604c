// MockTimers, the mock's per-thread wake-up queue: waits end in deadline order and never
// early; a cancelled wait ends at once; a context destroyed with waits pending destroys
// their coroutines.
#include "live/mock_timers.hpp"

#include <gtest/gtest.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <chrono>
#include <memory>
#include <vector>

namespace loadtwin::live {
namespace {

using TimersTestClock = std::chrono::steady_clock;

struct Woken {
  int id;
  bool ok;
  bool early;
};

net::awaitable<void> wait_and_note(SteadyTime when, int id, std::vector<Woken>& woken) {
  auto& timers = MockTimers::of(co_await net::this_coro::executor);
  auto [ec] = co_await timers.async_wait_until(when, use_nothrow);
  woken.push_back({id, !ec, TimersTestClock::now() < when});
}

// Waits until `late`, raced against a timer due at `soon`; notes whether the timer won.
net::awaitable<void> wait_or_give_up(SteadyTime late, SteadyTime soon, bool& gave_up) {
  using namespace net::experimental::awaitable_operators;
  auto& timers = MockTimers::of(co_await net::this_coro::executor);
  net::steady_timer timer(co_await net::this_coro::executor, soon);
  auto const r =
      co_await (timers.async_wait_until(late, use_nothrow) || timer.async_wait(use_nothrow));
  gave_up = r.index() == 1;
}

// Holds `held` while it waits an hour.
net::awaitable<void> wait_an_hour(std::shared_ptr<int> held) {
  auto& timers = MockTimers::of(co_await net::this_coro::executor);
  co_await timers.async_wait_until(TimersTestClock::now() + std::chrono::hours(1), use_nothrow);
  held.reset();
}

TEST(mock_timers_test, waits_end_in_deadline_order_and_never_early) {
  net::io_context ioc(1);
  std::vector<Woken> woken;
  auto const t0 = TimersTestClock::now();
  int const offsets_ms[] = {30, 10, 20, 10, 40};
  for (int i = 0; i < 5; ++i) {
    net::co_spawn(ioc, wait_and_note(t0 + std::chrono::milliseconds(offsets_ms[i]), i, woken),
                  net::detached);
  }
  ioc.run();
  ASSERT_EQ(woken.size(), 5U);
  std::vector<int> const order{1, 3, 2, 0, 4};  // equal deadlines in the order they were added
  for (std::size_t i = 0; i < woken.size(); ++i) {
    EXPECT_EQ(woken[i].id, order[i]);
    EXPECT_TRUE(woken[i].ok);
    EXPECT_FALSE(woken[i].early);
  }
  EXPECT_LE(MockTimers::of(ioc.get_executor()).wakeups(), 4U);
}

TEST(mock_timers_test, a_cancelled_wait_ends_at_once_and_the_others_still_fire) {
  using namespace net::experimental::awaitable_operators;
  net::io_context ioc(1);
  std::vector<Woken> woken;
  auto const t0 = TimersTestClock::now();
  bool cancelled = false;
  net::co_spawn(
      ioc,
      wait_or_give_up(t0 + std::chrono::seconds(2), t0 + std::chrono::milliseconds(5), cancelled),
      net::detached);
  net::co_spawn(ioc, wait_and_note(t0 + std::chrono::milliseconds(20), 7, woken), net::detached);
  ioc.run_for(std::chrono::milliseconds(500));
  EXPECT_TRUE(cancelled);
  ASSERT_EQ(woken.size(), 1U);
  EXPECT_EQ(woken[0].id, 7);
  EXPECT_TRUE(woken[0].ok);
}

TEST(mock_timers_test, destroying_the_context_destroys_the_waiting_coroutines) {
  auto alive = std::make_shared<int>(0);
  std::weak_ptr<int> watch = alive;
  {
    net::io_context ioc(1);
    net::co_spawn(ioc, wait_an_hour(std::move(alive)), net::detached);
    ioc.run_for(std::chrono::milliseconds(10));
    EXPECT_FALSE(watch.expired());
  }
  EXPECT_TRUE(watch.expired());
}

}  // namespace
}  // namespace loadtwin::live
