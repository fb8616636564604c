#pragma once
// The twin check's plans (TigerBeetle's VOPR, for sim vs live): small random plans from a
// seed -- every executor, every distribution, rtt, max_concurrent with queues, error rates,
// stream cuts, the load slowdown, think times -- short enough to run live in a few seconds.
#include <cstdint>
#include <string>
#include <vector>

#include "core/plan/plan.hpp"
#include "core/run/request_record.hpp"

namespace loadtwin::twin {

// A plan's JSON text for `seed` and `variant` (the same text for the same pair, always).
// Variants are further independent plans of a seed, for when one is ambiguous.
std::string generate_plan(std::uint64_t seed, std::uint64_t variant = 0);

// Why a plan cannot be judged request by request, or "" when it can. A real clock cannot
// order two instants closer than its noise the way sim does, so a plan whose sim timeline
// puts an order-sensitive pair closer than `margin` -- a request ending at a deadline or a
// ramp step, or (with max_concurrent or slowdown) a slot released as another request arrives
// -- would "differ" by chance, not by a drift. The check skips such plans and says why.
std::string ambiguity(core::Plan const& plan, std::vector<core::RequestRecord> const& sim,
                      core::Duration margin);

}  // namespace loadtwin::twin
