// calibrate's distribution fits: each family recovered from its own draws (Boost.Random
// through keyed streams), the empirical family only when the parametric ones are rejected,
// KS distances that mean what they say, and Wilson intervals.
#include "core/calibrate/fit_distribution.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/calibrate/calibrate.hpp"

namespace loadtwin::core {
namespace {

std::vector<double> draws(Distribution const& dist, int n, std::uint64_t key) {
  Rng rng = rng_for(key, DrawKey{1, 2, 3}, DrawPurpose::response);
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(sample(dist, rng));
  return out;
}

}  // namespace

TEST(fit_distribution_test, each_family_is_recovered_from_its_own_draws) {
  struct Case {
    Distribution truth;
    Family family;
    double a, b;  // expected first and second parameter
  };
  for (auto const& c : std::initializer_list<Case>{
           {ConstantDist{5e6}, Family::constant, 5e6, 0},
           {NormalDist{20e6, 4e6}, Family::normal, 20e6, 4e6},
           {LognormalDist{200e6, 600e6}, Family::lognormal, 200e6, 600e6},
       }) {
    auto values = draws(c.truth, 5000, 9);
    auto const fit = fit_distribution(values, 1e3);
    SCOPED_TRACE(std::string(to_string(c.family)));
    EXPECT_EQ(fit.family, c.family);
    ASSERT_FALSE(fit.params.empty());
    EXPECT_NEAR(fit.params[0].second, c.a, c.a * 0.03);
    if (c.b > 0) {
      EXPECT_NEAR(fit.params[1].second, c.b, c.b * 0.06);
    }
    EXPECT_LT(fit.ks, 0.03);
  }
}

TEST(fit_distribution_test, a_shape_no_family_fits_is_empirical) {
  std::vector<double> values;  // two far-apart modes
  for (int i = 0; i < 2000; ++i) values.push_back(i % 2 ? 10.0 + i % 7 : 1000.0 + i % 11);
  auto const fit = fit_distribution(values, 0.5);
  EXPECT_EQ(fit.family, Family::empirical);
  EXPECT_LT(fit.ks, 0.02);
  EXPECT_NEAR(model_quantile(fit.dist, 0.25), 13, 4);
  EXPECT_NEAR(model_quantile(fit.dist, 0.75), 1005, 6);
}

TEST(fit_distribution_test, ks_distance_of_a_shifted_model_is_large) {
  // The model's normal redraws below 0 and rounds to integer ns: keep the mean far from 0
  // (in ns) so the draws are the plain normal. One stddev of shift moves the CDF by ~0.38.
  auto values = draws(NormalDist{100e6, 10e6}, 2000, 3);
  std::sort(values.begin(), values.end());
  EXPECT_LT(ks_distance(values, NormalDist{100e6, 10e6}), 0.04);
  EXPECT_GT(ks_distance(values, NormalDist{110e6, 10e6}), 0.3);
}

TEST(fit_distribution_test, wilson_intervals) {
  auto const [lo, hi] = wilson_interval(10, 100);
  EXPECT_NEAR(lo, 0.0552, 1e-3);
  EXPECT_NEAR(hi, 0.1744, 1e-3);
  auto const [zero_lo, zero_hi] = wilson_interval(0, 50);
  EXPECT_EQ(zero_lo, 0.0);
  EXPECT_GT(zero_hi, 0.05);
}

TEST(fit_distribution_test, k6_sample_quantiles) {
  std::vector<double> const v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_DOUBLE_EQ(sample_quantile(v, 0.95), 9.55);
  EXPECT_DOUBLE_EQ(sample_quantile(v, 0.5), 5.5);
}

}  // namespace loadtwin::core
