#include "core/calibrate/fit_distribution.hpp"

#include <algorithm>
#include <boost/accumulators/accumulators.hpp>
#include <boost/accumulators/statistics/mean.hpp>
#include <boost/accumulators/statistics/stats.hpp>
#include <boost/accumulators/statistics/variance.hpp>
#include <boost/math/distributions/kolmogorov_smirnov.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "core/assert.hpp"

namespace loadtwin::core {
namespace {

namespace acc = boost::accumulators;

constexpr std::size_t empirical_points = 100;
constexpr double reject_p = 0.01;
constexpr double constant_spread = 0.005;  // p1..p99 within 0.5% of the median: a constant

struct Moments {
  double mean = 0, stddev = 0;
};

template <class Transform>
Moments moments(std::vector<double> const& values, Transform f) {
  acc::accumulator_set<double, acc::stats<acc::tag::mean, acc::tag::variance>> a;
  for (double v : values) a(f(v));
  double const n = static_cast<double>(values.size());
  double const var = values.size() > 1 ? acc::variance(a) * n / (n - 1) : 0;
  return {acc::mean(a), std::sqrt(std::max(0.0, var))};
}

DistributionFit constant_fit(std::vector<double> const& sorted) {
  double const median = sample_quantile(sorted, 0.5);
  return {Family::constant, ConstantDist{median}, 0, {{"value", median}}};
}

DistributionFit normal_fit(std::vector<double> const& sorted) {
  auto const m = moments(sorted, [](double v) { return v; });
  if (m.stddev <= 0) return constant_fit(sorted);
  return {
      Family::normal, NormalDist{m.mean, m.stddev}, 0, {{"mean", m.mean}, {"stddev", m.stddev}}};
}

DistributionFit lognormal_fit(std::vector<double> const& sorted) {
  double const floor = std::max(sorted.back() * 1e-9, 1e-300);
  auto const m = moments(sorted, [floor](double v) { return std::log(std::max(v, floor)); });
  double const median = std::exp(m.mean), p99 = std::exp(m.mean + z_p99 * m.stddev);
  if (m.stddev <= 0) return constant_fit(sorted);
  return {Family::lognormal, LognormalDist{median, p99}, 0, {{"median", median}, {"p99", p99}}};
}

DistributionFit empirical_fit(std::vector<double> const& sorted) {
  EmpiricalDist e;
  std::size_t const points = std::min(empirical_points, sorted.size());
  for (std::size_t i = 0; i < points; ++i) {
    e.samples.push_back(
        sample_quantile(sorted, (static_cast<double>(i) + 0.5) / static_cast<double>(points)));
  }
  double const mean = moments(sorted, [](double v) { return v; }).mean;
  return {Family::empirical, std::move(e), 0, {{"mean", mean}}};
}

}  // namespace

std::string_view to_string(Family family) {
  switch (family) {
    case Family::constant:
      return "constant";
    case Family::normal:
      return "normal";
    case Family::lognormal:
      return "lognormal";
    case Family::empirical:
      return "empirical";
  }
  return "?";
}

double sample_quantile(std::vector<double> const& sorted, double p) {
  LT_ASSERT(!sorted.empty(), "quantile of an empty sample");
  double const i = p * static_cast<double>(sorted.size() - 1);
  auto const lo = static_cast<std::size_t>(std::floor(i));
  std::size_t const hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - static_cast<double>(lo));
}

Distribution scale_distribution(Distribution const& dist, double factor) {
  return std::visit(
      [factor](auto d) -> Distribution {
        using D = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<D, ConstantDist>) {
          d.value *= factor;
        } else if constexpr (std::is_same_v<D, NormalDist>) {
          d.mean *= factor, d.stddev *= factor;
        } else if constexpr (std::is_same_v<D, LognormalDist>) {
          d.median *= factor, d.p99 *= factor;
        } else if constexpr (std::is_same_v<D, EmpiricalDist>) {
          for (auto& v : d.samples) v *= factor;
        } else if constexpr (std::is_same_v<D, UniformDist>) {
          d.min *= factor, d.max *= factor;
        } else {
          d.mean *= factor;
        }
        return d;
      },
      dist);
}

double model_cdf(Distribution const& dist, double x) {
  return std::visit(
      [x](auto const& d) -> double {
        using D = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<D, ConstantDist>) {
          return x >= d.value ? 1.0 : 0.0;
        } else if constexpr (std::is_same_v<D, NormalDist>) {
          return boost::math::cdf(boost::math::normal(d.mean, d.stddev), x);
        } else if constexpr (std::is_same_v<D, LognormalDist>) {
          if (x <= 0) return 0.0;
          double const sigma = std::log(d.p99 / d.median) / z_p99;
          return boost::math::cdf(boost::math::lognormal(std::log(d.median), sigma), x);
        } else if constexpr (std::is_same_v<D, EmpiricalDist>) {
          auto const n =
              std::upper_bound(d.samples.begin(), d.samples.end(), x) - d.samples.begin();
          return static_cast<double>(n) / static_cast<double>(d.samples.size());
        } else if constexpr (std::is_same_v<D, UniformDist>) {
          return x <= d.min ? 0.0 : x >= d.max ? 1.0 : (x - d.min) / (d.max - d.min);
        } else {
          return x <= 0 ? 0.0 : 1.0 - std::exp(-x / d.mean);
        }
      },
      dist);
}

double model_quantile(Distribution const& dist, double p) {
  return std::visit(
      [p](auto const& d) -> double {
        using D = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<D, ConstantDist>) {
          return d.value;
        } else if constexpr (std::is_same_v<D, NormalDist>) {
          return boost::math::quantile(boost::math::normal(d.mean, d.stddev), p);
        } else if constexpr (std::is_same_v<D, LognormalDist>) {
          double const sigma = std::log(d.p99 / d.median) / z_p99;
          return boost::math::quantile(boost::math::lognormal(std::log(d.median), sigma), p);
        } else if constexpr (std::is_same_v<D, EmpiricalDist>) {
          auto const i = static_cast<std::size_t>(p * static_cast<double>(d.samples.size()));
          return d.samples[std::min(i, d.samples.size() - 1)];
        } else if constexpr (std::is_same_v<D, UniformDist>) {
          return d.min + p * (d.max - d.min);
        } else {
          return -d.mean * std::log(1 - p);
        }
      },
      dist);
}

double ks_distance(std::vector<double> const& sorted, Distribution const& dist) {
  double worst = 0;
  double const n = static_cast<double>(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i + 1 < sorted.size() && sorted[i + 1] == sorted[i]) continue;  // ties: the step's top
    std::size_t lo = i;
    while (lo > 0 && sorted[lo - 1] == sorted[i]) --lo;
    // Both CDFs are right-continuous steps where they have atoms: compare them at x and just
    // below x, so a model atom where the data has one (a constant, an empirical) is no gap.
    double const at = model_cdf(dist, sorted[i]);
    double const below = model_cdf(dist, std::nextafter(sorted[i], -HUGE_VAL));
    worst = std::max({worst, std::abs(static_cast<double>(i + 1) / n - at),
                      std::abs(below - static_cast<double>(lo) / n)});
  }
  return worst;
}

DistributionFit fit_family(Family family, std::vector<double>& values) {
  LT_ASSERT(!values.empty(), "fit of an empty sample");
  std::sort(values.begin(), values.end());
  DistributionFit fit;
  switch (family) {
    case Family::constant:
      fit = constant_fit(values);
      break;
    case Family::normal:
      fit = normal_fit(values);
      break;
    case Family::lognormal:
      fit = lognormal_fit(values);
      break;
    case Family::empirical:
      fit = empirical_fit(values);
      break;
  }
  fit.ks = ks_distance(values, fit.dist);
  return fit;
}

DistributionFit fit_distribution(std::vector<double>& values, double resolution) {
  LT_ASSERT(!values.empty(), "fit of an empty sample");
  std::sort(values.begin(), values.end());
  double const spread = sample_quantile(values, 0.99) - sample_quantile(values, 0.01);
  double const relative = constant_spread * std::abs(sample_quantile(values, 0.5));
  if (spread <= std::max(resolution, relative)) return fit_family(Family::constant, values);
  DistributionFit best = fit_family(Family::normal, values);
  if (values.front() > 0) {
    DistributionFit ln = fit_family(Family::lognormal, values);
    if (ln.ks < best.ks) best = std::move(ln);
  }
  boost::math::kolmogorov_smirnov_distribution<double> const ks(static_cast<double>(values.size()));
  double const p_value = boost::math::cdf(boost::math::complement(ks, best.ks));
  if (p_value < reject_p) return fit_family(Family::empirical, values);
  return best;
}

}  // namespace loadtwin::core
