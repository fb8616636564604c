#pragma once
// trace: one iteration per trace row at the row's offset divided by time_scale (SPEC "Trace
// replay"), carrying the row's input tokens and its output length as max_tokens. Open model:
// a VU is allocated when a row finds none idle, up to maxVUs; a row that then finds no free
// VU is dropped (one dropped_iterations sample), never queued. Row index = global arrival
// index, so draw keys and execution segments work as for the arrival-rate executors.
#include <vector>

#include "core/run/executor.hpp"

namespace loadtwin::core {

class TraceReplay final : public Executor {
 public:
  using Executor::Executor;
  void start() override;
  void on_iteration_end(Vu& vu, Instant now, bool interrupted) override;

 private:
  // Schedules this segment's k-th own row (k local; its global index is the row index).
  void schedule_row(std::uint64_t k);
  void row_due(std::uint64_t k);

  Instant start_{};
  std::vector<Vu*> idle_;
};

}  // namespace loadtwin::core
