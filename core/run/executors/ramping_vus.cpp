#include "core/run/executors/ramping_vus.hpp"

#include <algorithm>

namespace loadtwin::core {

void RampingVus::start() {
  auto const& config = context_.config;
  Instant const now = context_.scheduler.now();
  auto const steps = segment_steps(vu_steps(config.start_vus, config.stages), context_.segment);
  std::uint32_t peak = 0;
  for (auto const& step : steps) peak = std::max(peak, step.planned_vus);
  Duration const regular = total_duration(config.stages);
  schedule_end(now + regular, config.graceful_stop);
  for (std::uint32_t i = 0; i < peak; ++i) allocate_vu(false);
  for (auto const& step : steps) {
    if (step.offset.count() == 0) {
      apply_step(step.planned_vus);
      continue;
    }
    schedule(now + step.offset, Phase::deadline,
             [this, planned = step.planned_vus] { apply_step(planned); });
  }
  // After the scheduled curve at each instant: the allowed curve interrupts the VUs that
  // were ramped down gracefulRampDown ago and not ramped back up since.
  for (auto const& step :
       graceful_vu_steps(steps, config.graceful_ramp_down, regular + config.graceful_stop)) {
    if (step.offset.count() == 0) continue;
    schedule(now + step.offset, Phase::deadline,
             [this, allowed = step.planned_vus] { apply_allowed(allowed); });
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
  // VUs beyond the new count finish their iteration (apply_allowed cuts them off later).
  for (std::uint32_t i = planned; i < old; ++i) {
    if (!vus_[i]->busy()) set_active(*vus_[i], false);
  }
}

void RampingVus::apply_allowed(std::uint32_t allowed) {
  if (finished() || stopped_) return;
  Cut const cut = context_.config.graceful_ramp_down.count() > 0 ? Cut::graceful : Cut::hard;
  for (std::uint32_t i = allowed; i < vus_.size(); ++i) {
    if (i >= planned_ && vus_[i]->busy()) vus_[i]->interrupt(cut);
  }
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
