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
  for (std::uint32_t i = 0; i < share_.pre_allocated_vus; ++i) idle_.push_back(&allocate_vu(true));
  schedule_arrival(0);
}

std::optional<Duration> ArrivalRate::arrival_offset(std::uint64_t gi) const {
  auto const& c = context_.config;
  if (c.executor == ExecutorKind::ramping_arrival_rate) {
    return ramping_arrival(c.start_rate, c.time_unit, c.stages, gi + 1);
  }
  return constant_arrival(c.rate, c.time_unit, c.duration, gi);
}

void ArrivalRate::schedule_arrival(std::uint64_t k) {
  auto const offset = arrival_offset(share_.arrivals.global_index(k));
  if (!offset) return;
  next_slot_ = start_ + *offset;
  // One arrival is pending at a time, so its slot waits in a member: the callback's capture
  // then fits std::function's inline buffer (no allocation per arrival).
  schedule(next_slot_, Phase::arrival, [this, k] { arrival_due(k); });
}

void ArrivalRate::arrival_due(std::uint64_t k) {
  if (stopped_ || ended_early_) return;
  Instant const slot = next_slot_;
  ++context_.counters.slots_due;
  if (!idle_.empty()) {
    Vu* vu = idle_.back();
    idle_.pop_back();
    // Keyed on the global tick, so the request is the same whichever segment sends it.
    vu->start_iteration(DrawKey{context_.scenario_hash, share_.arrivals.global_index(k), 0},
                        slot);
  } else {
    record_dropped(slot, 1);
    if (vus_.size() < share_.max_vus) idle_.push_back(&allocate_vu(true));
  }
  schedule_arrival(k + 1);
}

void ArrivalRate::on_iteration_end(Vu& vu, Instant /*now*/, bool /*interrupted*/) {
  idle_.push_back(&vu);
  maybe_finish();
}

}  // namespace loadtwin::core
