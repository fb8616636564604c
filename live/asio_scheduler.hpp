#pragma once
// SEAM 1 on a real clock: core::Scheduler over one steady_timer. Instants are steady_clock
// time since the scheduler was created. Runs on the io_context's one thread, like all of core.
//
// Events are kept in the order sim uses -- (instant, phase, insertion) -- and one timer is
// armed for the earliest. When it fires, every event due by then runs in that order, so two
// events planned for one instant (an arrival slot at the end of a duration, a completion at
// a deadline) are ordered as in sim, and events the loop reaches late run in their planned
// order (SPEC "Events at one instant": the rule live follows where it can).
#include <map>
#include <tuple>
#include <unordered_map>

#include "core/scheduler.hpp"
#include "live/net.hpp"

namespace loadtwin::live {

class AsioScheduler final : public core::Scheduler {
 public:
  explicit AsioScheduler(net::io_context& ioc)
      : timer_(ioc), t0_(std::chrono::steady_clock::now()) {}
  [[nodiscard]] core::Instant now() const override {
    return core::at_offset(std::chrono::steady_clock::now() - t0_);
  }
  core::TimerId at(core::Instant when, core::Phase phase, std::function<void()> fire) override;
  void cancel(core::TimerId timer) override;
  [[nodiscard]] SteadyTime start() const { return t0_; }
  // Events waiting (for tests).
  [[nodiscard]] std::size_t pending() const { return events_.size(); }

 private:
  using Key = std::tuple<core::Instant, core::Phase, core::TimerId>;
  void arm();
  void fire_due();

  net::steady_timer timer_;
  SteadyTime t0_;
  core::TimerId next_ = 1;
  std::map<Key, std::function<void()>> events_;
  std::unordered_map<core::TimerId, Key> keys_;
  std::optional<core::Instant> armed_for_;
};

}  // namespace loadtwin::live
