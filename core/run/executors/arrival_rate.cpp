#include "core/run/executors/arrival_rate.hpp"

#include "core/run/arrival_schedule.hpp"
#include "core/run/vu_schedule.hpp"

namespace loadtwin::core {

void ArrivalRate::start() {
  auto const& config = context_.config;
  start_ = context_.scheduler.now();
  bool const ramping = config.executor == ExecutorKind::ramping_arrival_rate;
  Duration const duration = ramping ? total_duration(config.stages) : config.duration;
  schedule_end(start_ + duration, config.graceful_stop);
  for (std::uint32_t i = 0; i < config.pre_allocated_vus; ++i) idle_.push_back(&allocate_vu(true));
  schedule_arrival(0);
}

std::optional<Duration> ArrivalRate::arrival_offset(std::uint64_t k) const {
  auto const& c = context_.config;
  if (c.executor == ExecutorKind::ramping_arrival_rate) {
    return ramping_arrival(c.start_rate, c.time_unit, c.stages, k + 1);
  }
  return constant_arrival(c.rate, c.time_unit, c.duration, k);
}

void ArrivalRate::schedule_arrival(std::uint64_t k) {
  auto const offset = arrival_offset(k);
  if (!offset) return;
  Instant const slot = start_ + *offset;
  schedule(slot, Phase::arrival, [this, k, slot] { arrival_due(k, slot); });
}

void ArrivalRate::arrival_due(std::uint64_t k, Instant slot) {
  if (stopped_) return;
  ++context_.counters.slots_due;
  if (!idle_.empty()) {
    Vu* vu = idle_.back();
    idle_.pop_back();
    vu->start_iteration(DrawKey{context_.scenario_hash, k, 0}, slot);
  } else {
    record_dropped(slot, 1);
    if (vus_.size() < context_.config.max_vus) idle_.push_back(&allocate_vu(true));
  }
  schedule_arrival(k + 1);
}

void ArrivalRate::on_iteration_end(Vu& vu, Instant /*now*/, bool /*interrupted*/) {
  idle_.push_back(&vu);
  maybe_finish();
}

}  // namespace loadtwin::core
