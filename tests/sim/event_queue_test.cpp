// The event queue against a plain reference: whatever mix of in-order lanes, heap and
// sweeps holds the events, they come out in the total order (at, phase, insertion).
#include "sim/event_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "core/random.hpp"

namespace loadtwin::sim {
namespace {

struct Expected {
  std::int64_t at_ms;
  int phase;
  std::uint64_t sequence;
  core::TimerId id;
  bool live;
};

}  // namespace

TEST(event_queue_test, pops_in_total_order_under_random_pushes_cancels_and_ties) {
  int swept = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    SCOPED_TRACE(seed);
    core::Rng rng(seed);
    EventQueue q;
    std::vector<Expected> reference;
    std::vector<std::uint64_t> fired;
    std::vector<core::TimerId> done;
    std::int64_t now_ms = 0;
    std::uint64_t sequence = 0;
    for (int step = 0; step < 12'000; ++step) {
      auto const dice = rng() % 10;
      if (dice < 5) {
        // Constant delays (lanes), a long timeout (a lane of its own) and random ones (heap).
        std::int64_t const delays[] = {0, 100, 1080, 60'000,
                                       static_cast<std::int64_t>(rng() % 500)};
        std::int64_t const at = now_ms + delays[rng() % 5];
        int const phase = static_cast<int>(rng() % 4);
        auto const tag = sequence;
        auto const id = q.push(core::at_offset(core::ms(at)), static_cast<core::Phase>(phase),
                               [&fired, tag] { fired.push_back(tag); });
        reference.push_back({at, phase, sequence++, id, true});
      } else if (dice < 8 && !reference.empty()) {
        auto& victim = reference[rng() % reference.size()];
        auto const before = q.entries();
        q.cancel(victim.id);
        victim.live = false;
        swept += q.entries() < before ? 1 : 0;  // a cancel drops entries only by a sweep
      } else if (dice < 9 && !done.empty()) {
        q.cancel(done[rng() % done.size()]);  // already ran: a no-op
      } else {
        auto const next = std::min_element(
            reference.begin(), reference.end(), [](Expected const& a, Expected const& b) {
              return std::tuple(!a.live, a.at_ms, a.phase, a.sequence) <
                     std::tuple(!b.live, b.at_ms, b.phase, b.sequence);
            });
        auto due = q.pop();
        if (next == reference.end() || !next->live) {
          ASSERT_FALSE(due);
          continue;
        }
        ASSERT_TRUE(due);
        EXPECT_EQ(due->at, core::at_offset(core::ms(next->at_ms)));
        due->fire();
        ASSERT_EQ(fired.back(), next->sequence);
        now_ms = next->at_ms;
        done.push_back(next->id);
        reference.erase(next);
      }
      auto const live = std::count_if(reference.begin(), reference.end(),
                                      [](Expected const& e) { return e.live; });
      ASSERT_EQ(q.size(), static_cast<std::size_t>(live));
      std::erase_if(reference, [](Expected const& e) { return !e.live; });
    }
  }
  EXPECT_GT(swept, 0) << "the stale sweep never ran: the test misses it";
}

TEST(event_queue_test, cancelled_timeouts_do_not_pile_up) {
  // Each "request" arms a 60 s timeout and cancels it when it ends 1 s later: without the
  // sweep a minute of dead timeouts would sit in the queue.
  EventQueue q;
  std::size_t most = 0;
  for (int i = 0; i < 100'000; ++i) {
    auto const now = core::at_offset(core::ms(i));
    auto const timeout = q.push(now + core::seconds(60), core::Phase::transport, [] {});
    auto const end = q.push(now + core::seconds(1), core::Phase::transport, [] {});
    q.cancel(timeout);
    q.cancel(end);
    most = std::max(most, q.entries());
  }
  EXPECT_TRUE(q.empty());
  EXPECT_LE(most, 2'100U);  // within the sweep's threshold, not 200 000
}

}  // namespace loadtwin::sim
