#include "core/model/distribution.hpp"

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>
#include <limits>

namespace loadtwin::core {
namespace {

struct Sampler {
  Rng& rng;
  double operator()(ConstantDist const& d) const { return d.value; }
  double operator()(UniformDist const& d) const {
    if (d.max <= d.min) return d.min;
    return boost::random::uniform_real_distribution<double>(d.min, d.max)(rng);
  }
  double operator()(NormalDist const& d) const {
    if (d.stddev <= 0) return std::max(d.mean, 0.0);
    boost::random::normal_distribution<double> normal(d.mean, d.stddev);
    for (int attempt = 0; attempt < 16; ++attempt) {
      double const x = normal(rng);
      if (x >= 0) return x;
    }
    return 0;
  }
  double operator()(LognormalDist const& d) const {
    if (d.median <= 0) return 0;
    double const sigma = std::log(d.p99 / d.median) / z_p99;
    if (sigma <= 0) return d.median;
    return boost::random::lognormal_distribution<double>(std::log(d.median), sigma)(rng);
  }
  double operator()(ExponentialDist const& d) const {
    if (d.mean <= 0) return 0;
    return boost::random::exponential_distribution<double>(1.0 / d.mean)(rng);
  }
  double operator()(EmpiricalDist const& d) const {
    if (d.samples.size() == 1) return d.samples.front();
    boost::random::uniform_int_distribution<std::size_t> pick(0, d.samples.size() - 1);
    return d.samples[pick(rng)];
  }
};

struct MaxValue {
  double operator()(ConstantDist const& d) const { return d.value; }
  double operator()(UniformDist const& d) const { return std::max(d.min, d.max); }
  double operator()(NormalDist const& d) const {
    return d.stddev > 0 ? std::numeric_limits<double>::infinity() : std::max(d.mean, 0.0);
  }
  double operator()(LognormalDist const& d) const {
    return d.p99 > d.median ? std::numeric_limits<double>::infinity() : d.median;
  }
  double operator()(ExponentialDist const& d) const {
    return d.mean > 0 ? std::numeric_limits<double>::infinity() : 0.0;
  }
  double operator()(EmpiricalDist const& d) const {
    return d.samples.empty() ? 0.0 : *std::max_element(d.samples.begin(), d.samples.end());
  }
};

struct MeanValue {
  double operator()(ConstantDist const& d) const { return d.value; }
  double operator()(UniformDist const& d) const { return (d.min + d.max) / 2; }
  double operator()(NormalDist const& d) const { return d.mean; }
  double operator()(LognormalDist const& d) const {
    if (d.median <= 0) return 0;
    double const sigma = std::log(d.p99 / d.median) / z_p99;
    return d.median * std::exp(sigma * sigma / 2);
  }
  double operator()(ExponentialDist const& d) const { return d.mean; }
  double operator()(EmpiricalDist const& d) const {
    double sum = 0;
    for (double v : d.samples) sum += v;
    return d.samples.empty() ? 0 : sum / static_cast<double>(d.samples.size());
  }
};

}  // namespace

double sample(Distribution const& dist, Rng& rng) { return std::visit(Sampler{rng}, dist); }

std::optional<Duration> constant_duration_of(Distribution const& dist) {
  if (!std::holds_alternative<ConstantDist>(dist)) return std::nullopt;
  Rng unused{0};
  return sample_duration(dist, unused);
}

std::optional<std::uint32_t> constant_count_of(Distribution const& dist) {
  if (!std::holds_alternative<ConstantDist>(dist)) return std::nullopt;
  Rng unused{0};
  return sample_count(dist, unused);
}

Duration sample_duration(Distribution const& dist, Rng& rng) {
  // A constant (the common case) without the visit; the same value sample() gives.
  auto const* constant = std::get_if<ConstantDist>(&dist);
  double const ns = constant != nullptr ? constant->value : sample(dist, rng);
  if (!(ns > 0)) return Duration{0};
  if (ns > 9.0e18) return Duration{static_cast<std::int64_t>(9.0e18)};
  auto const whole = static_cast<std::int64_t>(ns);
  if (static_cast<double>(whole) == ns) return Duration{whole};  // llround's answer, no call
  return Duration{std::llround(ns)};
}

std::uint32_t sample_count(Distribution const& dist, Rng& rng) {
  double const x = std::round(sample(dist, rng));
  if (!(x >= 1)) return 1;
  return x > 1e9 ? 1'000'000'000U : static_cast<std::uint32_t>(x);
}

double max_value(Distribution const& dist) { return std::visit(MaxValue{}, dist); }
double mean_value(Distribution const& dist) { return std::visit(MeanValue{}, dist); }

}  // namespace loadtwin::core
