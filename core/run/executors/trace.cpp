#include "core/run/executors/trace.hpp"

#include "core/assert.hpp"

namespace loadtwin::core {

void TraceReplay::start() {
  LT_ASSERT(context_.config.trace_rows != nullptr, "trace rows not loaded (load_plan_traces)");
  start_ = context_.scheduler.now();
  schedule_end(start_ + context_.config.duration, context_.config.graceful_stop);
  schedule_row(0);
}

void TraceReplay::schedule_row(std::uint64_t k) {
  auto const& config = context_.config;
  std::uint64_t const row = share_.arrivals.global_index(k);
  if (row >= config.trace_rows->size()) return;
  Instant const at = start_ + scaled_trace_offset((*config.trace_rows)[row], config.time_scale);
  schedule(at, Phase::arrival, [this, k] { row_due(k); });
}

void TraceReplay::row_due(std::uint64_t k) {
  if (stopped_ || ended_early_) return;
  auto const& config = context_.config;
  std::uint64_t const row = share_.arrivals.global_index(k);
  Instant const slot = context_.scheduler.now();
  ++context_.counters.slots_due;
  if (idle_.empty() && vus_.size() < share_.max_vus) idle_.push_back(&allocate_vu(true));
  if (idle_.empty()) {
    record_dropped(slot, 1);
  } else {
    Vu* vu = idle_.back();
    idle_.pop_back();
    vu->start_iteration(DrawKey{context_.scenario_hash, row, 0}, slot, &(*config.trace_rows)[row]);
  }
  schedule_row(k + 1);
}

void TraceReplay::on_iteration_end(Vu& vu, Instant /*now*/, bool /*interrupted*/) {
  idle_.push_back(&vu);
  maybe_finish();
}

}  // namespace loadtwin::core
