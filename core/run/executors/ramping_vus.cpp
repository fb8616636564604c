#include "core/run/executors/ramping_vus.hpp"

#include <algorithm>

namespace loadtwin::core {

void RampingVus::start() {
  auto const& config = context_.config;
  Instant const now = context_.scheduler.now();
  auto const steps = segment_steps(vu_steps(config.start_vus, config.stages), context_.segment);
  std::uint32_t peak = 0;
  for (auto const& step : steps) peak = std::max(peak, step.planned_vus);
  schedule_end(now + total_duration(config.stages), config.graceful_stop);
  for (std::uint32_t i = 0; i < peak; ++i) allocate_vu(false);
  for (auto const& step : steps) {
    if (step.offset.count() == 0) {
      apply_step(step.planned_vus);
      continue;
    }
    schedule(now + step.offset, Phase::deadline,
             [this, planned = step.planned_vus] { apply_step(planned); });
  }
}

void RampingVus::apply_step(std::uint32_t planned) {
  if (finished() || stopped_) return;
  Instant const now = context_.scheduler.now();
  std::uint32_t const old = planned_;
  planned_ = planned;
  for (std::uint32_t i = old; i < planned; ++i) {
    Vu& vu = *vus_[i];
    set_active(vu, true);
    if (!vu.busy() && may_start(now)) vu.start_iteration(closed_loop_key(vu));
  }
  Duration const grace = context_.config.graceful_ramp_down;
  for (std::uint32_t i = planned; i < old; ++i) {
    if (!vus_[i]->busy()) {
      set_active(*vus_[i], false);
    } else if (grace.count() == 0) {
      vus_[i]->interrupt(Cut::hard);
    } else {
      schedule(now + grace, Phase::deadline, [this, i] { ramp_down_expired(i); });
    }
  }
}

void RampingVus::ramp_down_expired(std::uint32_t index) {
  if (index >= planned_ && vus_[index]->busy()) vus_[index]->interrupt(Cut::graceful);
}

void RampingVus::on_iteration_end(Vu& vu, Instant now, bool interrupted) {
  if (!interrupted && vu.index() < planned_ && may_start(now)) {
    vu.start_iteration(closed_loop_key(vu));
    return;
  }
  set_active(vu, false);
  maybe_finish();
}

}  // namespace loadtwin::core
