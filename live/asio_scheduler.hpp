#pragma once
// SEAM 1 on a real clock: core::Scheduler over steady_timer. Instants are steady_clock time
// since the scheduler was created. Runs on the io_context's one thread, like all of core.
#include <map>
#include <memory>

#include "core/scheduler.hpp"
#include "live/net.hpp"

namespace loadtwin::live {

class AsioScheduler final : public core::Scheduler {
 public:
  explicit AsioScheduler(net::io_context& ioc) : ioc_(ioc), t0_(std::chrono::steady_clock::now()) {}
  [[nodiscard]] core::Instant now() const override {
    return core::at_offset(std::chrono::steady_clock::now() - t0_);
  }
  // Phases order events that fall on one instant in sim; a real clock never lands two timers
  // on one nanosecond in a way we could order, so here they only document intent.
  core::TimerId at(core::Instant when, core::Phase phase, std::function<void()> fire) override;
  void cancel(core::TimerId timer) override;
  [[nodiscard]] SteadyTime start() const { return t0_; }

 private:
  net::io_context& ioc_;
  SteadyTime t0_;
  core::TimerId next_ = 1;
  std::map<core::TimerId, std::unique_ptr<net::steady_timer>> timers_;
};

}  // namespace loadtwin::live
