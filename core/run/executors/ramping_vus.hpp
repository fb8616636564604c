#pragma once
// ramping-vus: the number of looping VUs follows k6's execution steps (vu_schedule.hpp).
// A VU removed by a step finishes its iteration but starts no new one; after
// gracefulRampDown it is interrupted. gracefulStop bounds the end as usual.
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
  void ramp_down_expired(std::uint32_t index);

  std::uint32_t planned_ = 0;
};

}  // namespace loadtwin::core
