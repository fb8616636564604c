#pragma once
// ramping-vus: the number of looping VUs follows k6's execution steps (vu_schedule.hpp).
// A VU removed by a step finishes its iteration but starts no new one; it is interrupted
// when k6's graceful curve (graceful_vu_steps: the drop held for gracefulRampDown unless the
// ramp climbs back) reaches it. gracefulStop bounds the end as usual.
#include <vector>

#include "core/run/executor.hpp"
#include "core/run/vu_schedule.hpp"

namespace loadtwin::core {

class RampingVus final : public Executor {
 public:
  using Executor::Executor;
  void start() override;
  void on_iteration_end(Vu& vu, Instant now, bool interrupted) override;

 private:
  void apply_step(std::uint32_t planned);
  void apply_allowed(std::uint32_t allowed);

  std::uint32_t planned_ = 0;
};

}  // namespace loadtwin::core
