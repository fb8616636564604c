#pragma once
// constant-arrival-rate and ramping-arrival-rate: iterations start on a schedule that does
// not wait for responses (open model). A due arrival that finds no idle VU is dropped --
// one dropped_iterations sample, never queued -- and, while maxVUs allows, one more VU is
// initialised for later arrivals (k6 v0.48: the drop happens even then).
#include <vector>

#include "core/run/executor.hpp"

namespace loadtwin::core {

class ArrivalRate final : public Executor {
 public:
  using Executor::Executor;
  void start() override;
  void on_iteration_end(Vu& vu, Instant now, bool interrupted) override;

 private:
  // Offset of global tick `gi` from the start (the unsegmented schedule).
  [[nodiscard]] std::optional<Duration> arrival_offset(std::uint64_t gi) const;
  // Schedules this segment's k-th own tick (k is local; its global index keys the draws).
  void schedule_arrival(std::uint64_t k);
  void arrival_due(std::uint64_t k);

  Instant start_{};
  Instant next_slot_{};  // the pending arrival's scheduled start
  std::vector<Vu*> idle_;
};

}  // namespace loadtwin::core
