#pragma once
// constant-vus: `vus` VUs loop iterations until startTime + duration (strict: a VU that is
// free exactly at the deadline stops, k6 v0.48 as measured).
#include "core/run/executor.hpp"

namespace loadtwin::core {

class ConstantVus final : public Executor {
 public:
  using Executor::Executor;
  void start() override;
  void on_iteration_end(Vu& vu, Instant now, bool interrupted) override;
};

}  // namespace loadtwin::core
