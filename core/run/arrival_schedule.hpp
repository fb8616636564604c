#pragma once
// When the n-th arrival of an arrival-rate scenario is due, as a pure function of n, in
// integer nanoseconds: never a sum of waits, so a long run accumulates no error and the
// same function serves sim (an event) and live (a timer).
//
// constant-arrival-rate: slot k (k = 0, 1, ...) at floor(k * timeUnit / rate), for every
//   slot <= duration -- the slot exactly at `duration` starts too (k6 v0.48 as measured), so
//   20/s for 5 s starts 101.
//
// ramping-arrival-rate (k6 ramping_arrival_rate.go cal()): arrival i (i = 1, 2, ...) is where
//   the area under the piecewise-linear rate curve r(t) reaches i. Within a stage from rate
//   a to rate b over d, with A the area still needed at the stage start:
//
//     rate ^          b              area(x) = a*x + (b - a)*x^2 / (2d)
//          |        /|               area(x) = A  =>
//          |      /  |               x = (a*d - sqrt(d*(a^2*d + 2*A*(b - a)))) / (a - b)   (a != b)
//          |  a /    |               x = A / a                                           (a == b)
//          +---+-----+--> t
//   So the first arrival is where the area is 1, not at t = 0: startRate 0 and stages
//   5s->1/s, 1s->1/s, 5s->0 give 3162, 4472, 5500, 6527, 7837, 11000 ms (k6's test vector).
//   Arrivals are truncated to the nanosecond.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/plan/plan.hpp"

namespace loadtwin::core {

// Offset of slot k of a constant-arrival-rate scenario, or nullopt past `duration`.
std::optional<Duration> constant_arrival(std::int64_t rate, Duration time_unit, Duration duration,
                                         std::uint64_t k);

// Offset of arrival i (1-based) of a ramping-arrival-rate scenario, or nullopt when it falls
// after the last stage.
std::optional<Duration> ramping_arrival(std::int64_t start_rate, Duration time_unit,
                                        std::vector<Stage> const& stages, std::uint64_t i);

}  // namespace loadtwin::core
