#include "core/run/executors/constant_vus.hpp"

namespace loadtwin::core {

void ConstantVus::start() {
  auto const& config = context_.config;
  Instant const now = context_.scheduler.now();
  schedule_end(now + config.duration, config.graceful_stop);
  for (std::uint32_t i = 0; i < share_.vus; ++i) allocate_vu(true);
  for (auto& vu : vus_) {
    if (stopped_early()) {
      set_active(*vu, false);
      continue;
    }
    vu->start_iteration(closed_loop_key(*vu));
  }
}

void ConstantVus::on_iteration_end(Vu& vu, Instant now, bool interrupted) {
  if (!interrupted && may_start(now)) {
    vu.start_iteration(closed_loop_key(vu));
    return;
  }
  set_active(vu, false);
  maybe_finish();
}

}  // namespace loadtwin::core
