#pragma once
// What a plan will cost in memory before it runs (SPEC "CLI conventions": a plan that would
// not fit is refused with 104 and the estimate, never a bad_alloc half-way through).
#include <cstdint>

#include "core/plan/plan.hpp"

namespace loadtwin::core {

// The most VUs `scenario` ever holds (unsegmented): vus, the ramp's peak, or maxVUs.
std::uint64_t scenario_max_vus(ScenarioConfig const& scenario);

// Bytes one simulated VU takes (its object, its recorder, the executor's bookkeeping).
std::uint64_t sim_bytes_per_vu();
// Bytes one live VU may take (its connection and buffers; the live budget per VU).
inline constexpr std::uint64_t live_bytes_per_vu = 64 * 1024;

// An upper bound of the VUs' memory: every scenario's peak, summed (a run keeps each
// scenario's VUs until it ends), times `bytes_per_vu`.
std::uint64_t estimated_vu_memory(Plan const& plan, std::uint64_t bytes_per_vu);

}  // namespace loadtwin::core
