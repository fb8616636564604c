#pragma once
// per-vu-iterations (each VU runs `iterations`) and shared-iterations (the VUs share
// `iterations`). maxDuration is the regular end; iterations never attempted by then are
// one dropped_iterations sample of their count (k6 shared_iterations.go).
#include "core/run/executor.hpp"

namespace loadtwin::core {

class Iterations final : public Executor {
 public:
  using Executor::Executor;
  void start() override;
  void on_iteration_end(Vu& vu, Instant now, bool interrupted) override;

 private:
  [[nodiscard]] bool shared() const {
    return context_.config.executor == ExecutorKind::shared_iterations;
  }
  [[nodiscard]] std::uint64_t total() const;
  [[nodiscard]] bool vu_has_work(Vu const& vu) const;
  void on_regular_end(Instant now) override;
  [[nodiscard]] bool work_left() const override;

  std::uint64_t attempted_ = 0;
};

}  // namespace loadtwin::core
