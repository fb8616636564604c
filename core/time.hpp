#pragma once
// Time in loadtwin is integer nanoseconds: a float clock gains phantom iterations at
// boundaries (30 s / 300 ms gives 101 instead of 100). Instants count from test start.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace loadtwin::core {

using Duration = std::chrono::nanoseconds;
// 128-bit intermediates for products like k * timeUnit that overflow 64 bits.
__extension__ typedef __int128 Int128;
// The clock of one test: its epoch is the test's start (virtual in sim, steady_clock at
// the start in live). It has no now() on purpose: core is told the time (Scheduler::now).
struct TestClock {
  using duration = std::chrono::nanoseconds;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<TestClock, duration>;
  static constexpr bool is_steady = true;
};
// A point in test time. Distinct from Duration, so that adding two instants, or passing an
// instant where a latency is expected, does not compile: `sent - start` is a Duration,
// `start + delay` an Instant.
using Instant = TestClock::time_point;

// The instant `offset` after the test's start, and back.
constexpr Instant at_offset(Duration offset) { return Instant{offset}; }
constexpr Duration since_start(Instant at) { return at.time_since_epoch(); }

constexpr Duration ms(std::int64_t n) { return std::chrono::milliseconds(n); }
constexpr Duration seconds(std::int64_t n) { return std::chrono::seconds(n); }

// Parses a Go/k6 duration: a sequence of decimal numbers with units ns, us, µs, ms, s, m, h
// ("1m30s", "250ms", "1.5s", "0"). Fractions are rounded to the nearest nanosecond.
// Returns nullopt for anything else, including a sign (durations are never negative here).
std::optional<Duration> parse_duration(std::string_view text);

// Milliseconds as a double: the unit of every Trend sample (k6 records time in ms).
constexpr double to_ms(Duration d) { return static_cast<double>(d.count()) / 1e6; }

// Shortest exact Go-style spelling: 90000000000ns -> "1m30s", 100ms -> "100ms".
std::string format_duration(Duration d);

}  // namespace loadtwin::core
