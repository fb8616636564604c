#pragma once
// One round of the twin check: a generated plan run in sim and live against the in-process
// mock, compared request by request.
#include <cstdint>
#include <string>

#include "core/report/twin_compare.hpp"

namespace loadtwin::twin {

struct TwinRound {
  std::uint64_t seed = 0;
  std::string plan_json;
  std::string skipped;  // why the plan cannot be judged ("" when it was)
  std::string error;    // the plan or the live run failed to start
  core::TwinComparison comparison;
};

// The margin the ambiguity check keeps around order-sensitive instants.
inline constexpr core::Duration ambiguity_margin = core::ms(10);

TwinRound run_twin_round(std::uint64_t seed, core::TwinTolerance tolerance);

// "seed 7: twin holds (...)", or the plan and the differences.
std::string describe_round(TwinRound const& round, core::TwinTolerance tolerance);

}  // namespace loadtwin::twin
