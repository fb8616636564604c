#include "live/asio_scheduler.hpp"

namespace loadtwin::live {

core::TimerId AsioScheduler::at(core::Instant when, core::Phase /*phase*/,
                                std::function<void()> fire) {
  core::TimerId const id = next_++;
  auto timer = std::make_unique<net::steady_timer>(ioc_, t0_ + core::since_start(when));
  timer->async_wait([this, id, fire = std::move(fire)](boost::system::error_code ec) {
    if (ec) return;  // cancelled
    auto const it = timers_.find(id);
    if (it == timers_.end()) return;
    auto keep = std::move(it->second);  // the timer outlives its own handler
    timers_.erase(it);
    fire();
  });
  timers_.emplace(id, std::move(timer));
  return id;
}

void AsioScheduler::cancel(core::TimerId timer) {
  auto const it = timers_.find(timer);
  if (it == timers_.end()) return;
  it->second->cancel();
  timers_.erase(it);  // the handler runs later with operation_aborted and finds nothing
}

}  // namespace loadtwin::live
