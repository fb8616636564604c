#pragma once
// Refusing plans that cannot fit (SPEC "CLI conventions"): checked before a run starts.
#include <cstdint>
#include <optional>
#include <string>

#include "core/plan/plan.hpp"

namespace loadtwin::app {

// The memory a run may use: LOADTWIN_MEMORY_LIMIT (bytes) when set, else MemAvailable from
// /proc/meminfo; nullopt when neither can be read (then nothing is refused).
std::optional<std::uint64_t> available_memory();

// The refusal message ("the plan needs about 4.0 GiB for 10000000 VUs ...") when `copies`
// runs of `plan` at `bytes_per_vu` would not fit; nullopt when they fit.
std::optional<std::string> memory_refusal(core::Plan const& plan, std::uint64_t bytes_per_vu,
                                          std::uint64_t copies = 1);

}  // namespace loadtwin::app
