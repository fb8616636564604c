#pragma once
// One round of the twin check: a generated plan run in sim and live against the in-process
// mock, compared request by request.
#include <cstdint>
#include <string>

#include "core/report/twin_compare.hpp"

namespace loadtwin::twin {

struct TwinRound {
  std::uint64_t seed = 0;
  std::uint64_t variant = 0;  // the first of the seed's plans that can be judged
  std::string plan_json;
  std::string skipped;  // why the plan cannot be judged ("" when it was)
  std::string error;    // the plan or the live run failed to start
  core::TwinComparison comparison;
};

// The margin the ambiguity check keeps around order-sensitive instants.
inline constexpr core::Duration ambiguity_margin = core::ms(10);

// How many plans of a seed are tried before the seed is skipped as ambiguous: most plans
// whose sim timeline puts a request end next to a deadline have a judgeable sibling, and a
// skipped seed is a plan not checked.
inline constexpr std::uint64_t plan_variants = 8;

// The seed's first plan (variant 0, 1, ... below `variants`) that is not ambiguous, run in
// sim and live. `judge_only`: stop after the ambiguity check (no live run).
TwinRound run_twin_round(std::uint64_t seed, core::TwinTolerance tolerance, bool judge_only = false,
                         std::uint64_t variants = plan_variants);

// Every request agreed but the timing missed the tolerance: worth one more run, since a
// drift in the model reproduces and a stall of the real clock (a loaded machine) does not.
inline bool timing_only_miss(TwinRound const& round) {
  return round.error.empty() && round.skipped.empty() && !round.comparison.holds &&
         round.comparison.differences.empty();
}

// "seed 7: twin holds (...)", or the plan and the differences.
std::string describe_round(TwinRound const& round, core::TwinTolerance tolerance);

}  // namespace loadtwin::twin
