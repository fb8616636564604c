#pragma once
// Delay and count distributions of the plan's model (SPEC "Distributions").
// Parameters are stored in the value's unit: nanoseconds for delays, plain numbers for
// counts. A constant consumes no randomness; every other kind draws from the Rng it gets.
#include <optional>
#include <variant>
#include <vector>

#include "core/random.hpp"
#include "core/time.hpp"

namespace loadtwin::core {

struct ConstantDist {
  double value = 0;
};
struct UniformDist {
  double min = 0, max = 0;
};
// Truncated at 0: redraw while negative, at most 16 tries, then 0.
struct NormalDist {
  double mean = 0, stddev = 0;
};
// Given by median and p99: mu = ln(median), sigma = ln(p99/median) / z(0.99).
struct LognormalDist {
  double median = 0, p99 = 0;
};
struct ExponentialDist {
  double mean = 0;
};
// One listed value chosen uniformly, no interpolation.
struct EmpiricalDist {
  std::vector<double> samples;
};

using Distribution = std::variant<ConstantDist, UniformDist, NormalDist, LognormalDist,
                                  ExponentialDist, EmpiricalDist>;

// z such that Phi(z) = 0.99, the lognormal p99 quantile.
inline constexpr double z_p99 = 2.3263478740408408;

// One draw in the distribution's unit (may be fractional; callers round).
double sample(Distribution const& dist, Rng& rng);
// A delay: one draw rounded to integer nanoseconds at once (determinism: SPEC).
Duration sample_duration(Distribution const& dist, Rng& rng);
// A count >= 1: one draw rounded to the nearest integer, clamped to at least 1.
std::uint32_t sample_count(Distribution const& dist, Rng& rng);
// The draw of a constant (which consumes no randomness, so needs no keyed stream), or
// nullopt for a random distribution: a caller may take it once instead of per draw.
std::optional<Duration> constant_duration_of(Distribution const& dist);
std::optional<std::uint32_t> constant_count_of(Distribution const& dist);
// The largest value a draw can take (infinity when unbounded): a distribution whose
// maximum is 0 always yields 0, which the zero-time-loop check needs.
double max_value(Distribution const& dist);
// The mean of the distribution (for reports and sanity checks).
double mean_value(Distribution const& dist);

inline Distribution constant_duration(Duration d) {
  return ConstantDist{static_cast<double>(d.count())};
}

}  // namespace loadtwin::core
