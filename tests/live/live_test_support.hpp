#pragma once
// Helpers the live tests share: a plan or a failed test, and options for a test's run_live.
#include <string>
#include <vector>

#include "live/live_run.hpp"
#include "sim/sim_test_support.hpp"

namespace loadtwin::live::testing {

inline core::Plan plan_of(std::string const& json, std::vector<std::string> const& sets = {}) {
  return sim::testing::plan_or_die(json, sets);
}

// No signal handling (the test binary keeps its own), everything else the default.
inline LiveOptions quiet_options() {
  LiveOptions o;
  o.handle_signals = false;
  return o;
}

}  // namespace loadtwin::live::testing
