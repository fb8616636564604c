#include "live/asio_scheduler.hpp"

namespace loadtwin::live {

core::TimerId AsioScheduler::at(core::Instant when, core::Phase phase, std::function<void()> fire) {
  core::TimerId const id = next_++;
  Key const key{when, phase, id};
  events_.emplace(key, std::move(fire));
  keys_.emplace(id, key);
  if (!armed_for_ || when < *armed_for_) arm();
  return id;
}

void AsioScheduler::cancel(core::TimerId timer) {
  auto const it = keys_.find(timer);
  if (it == keys_.end()) return;
  events_.erase(it->second);
  keys_.erase(it);
}

void AsioScheduler::arm() {
  if (events_.empty()) {
    armed_for_.reset();
    timer_.cancel();
    return;
  }
  core::Instant const first = std::get<0>(events_.begin()->first);
  armed_for_ = first;
  timer_.expires_at(t0_ + core::since_start(first));
  timer_.async_wait([this, first](boost::system::error_code ec) {
    // A cancelled wait was superseded by an earlier event; a stale one by a later arming.
    if (ec || !armed_for_ || *armed_for_ != first) return;
    armed_for_.reset();
    fire_due();
  });
}

void AsioScheduler::fire_due() {
  // Each callback may schedule or cancel events, even ones due now: take one at a time.
  while (!events_.empty()) {
    auto const it = events_.begin();
    if (std::get<0>(it->first) > now()) break;
    auto fire = std::move(it->second);
    keys_.erase(std::get<2>(it->first));
    events_.erase(it);
    fire();
  }
  arm();
}

}  // namespace loadtwin::live
