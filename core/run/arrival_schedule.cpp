#include "core/run/arrival_schedule.hpp"

#include <cmath>

namespace loadtwin::core {

std::optional<Duration> constant_arrival(std::int64_t rate, Duration time_unit, Duration duration,
                                         std::uint64_t k) {
  Int128 const at = static_cast<Int128>(k) * time_unit.count() / rate;
  if (at > duration.count()) return std::nullopt;
  return Duration{static_cast<std::int64_t>(at)};
}

std::optional<Duration> ramping_arrival(std::int64_t start_rate, Duration time_unit,
                                        std::vector<Stage> const& stages, std::uint64_t i) {
  // Rates in arrivals per second, times in seconds; long double keeps 1e-9 s resolution
  // for runs of days.
  long double const unit_s = static_cast<long double>(time_unit.count()) / 1e9L;
  long double from = static_cast<long double>(start_rate) / unit_s;
  long double done = 0;  // area (arrivals) before the current stage
  long double start_s = 0;
  auto const target = static_cast<long double>(i);
  for (auto const& stage : stages) {
    long double const d = static_cast<long double>(stage.duration.count()) / 1e9L;
    long double const to = static_cast<long double>(stage.target) / unit_s;
    long double const area = (from + to) / 2 * d;
    if (d > 0 && done + area >= target) {
      long double const need = target - done;
      long double x = 0;
      if (from == to) {
        x = need / from;
      } else {
        long double const disc = d * (from * from * d + 2 * need * (to - from));
        x = (from * d - std::sqrt(disc < 0 ? 0 : disc)) / (from - to);
      }
      long double const ns = std::floor((start_s + x) * 1e9L + 1e-3L);
      return Duration{static_cast<std::int64_t>(ns)};
    }
    done += area;
    start_s += d;
    from = to;
  }
  return std::nullopt;
}

}  // namespace loadtwin::core
