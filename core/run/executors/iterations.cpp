#include "core/run/executors/iterations.hpp"

namespace loadtwin::core {

std::uint64_t Iterations::total() const {
  return shared() ? share_.iterations : share_.iterations * share_.vus;
}

bool Iterations::vu_has_work(Vu const& vu) const {
  if (shared()) return attempted_ < total();
  return vu.iterations_started() < share_.iterations;
}

void Iterations::start() {
  auto const& config = context_.config;
  Instant const now = context_.scheduler.now();
  schedule_end(now + config.max_duration, config.graceful_stop);
  for (std::uint32_t i = 0; i < share_.vus; ++i) allocate_vu(true);
  for (auto& vu : vus_) {
    if (stopped_early() || !vu_has_work(*vu)) {
      set_active(*vu, false);
      continue;
    }
    ++attempted_;
    vu->start_iteration(closed_loop_key(*vu));
  }
  maybe_finish();
}

void Iterations::on_iteration_end(Vu& vu, Instant now, bool interrupted) {
  if (!interrupted && may_start(now) && vu_has_work(vu)) {
    ++attempted_;
    vu.start_iteration(closed_loop_key(vu));
    return;
  }
  set_active(vu, false);
  maybe_finish();
}

void Iterations::on_regular_end(Instant now) { record_dropped(now, total() - attempted_); }

bool Iterations::work_left() const { return attempted_ < total(); }

}  // namespace loadtwin::core
