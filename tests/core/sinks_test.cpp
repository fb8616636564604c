#include "core/metrics/sinks.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/random.hpp"

namespace loadtwin::core {
namespace {

TrendSink trend_of_ms(std::vector<double> const& values_ms) {
  TrendSink sink;
  for (double v : values_ms) sink.add(Duration{std::llround(v * 1e6)});
  return sink;
}

}  // namespace

TEST(sinks_test, matches_k6_percentile_vectors) {
  auto const sink = trend_of_ms({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  EXPECT_DOUBLE_EQ(sink.percentile_ms(0.95), 9.55);
  EXPECT_DOUBLE_EQ(sink.percentile_ms(0.90), 9.1);
  EXPECT_DOUBLE_EQ(sink.med_ms(), 5.5);
  EXPECT_DOUBLE_EQ(sink.avg_ms(), 5.5);
  EXPECT_DOUBLE_EQ(trend_of_ms({100, 200}).percentile_ms(0.95), 195);
  EXPECT_DOUBLE_EQ(trend_of_ms({42}).percentile_ms(0.01), 42);  // n = 1: that value
  EXPECT_DOUBLE_EQ(TrendSink{}.percentile_ms(0.95), 0);         // n = 0: 0
}

TEST(sinks_test, percentiles_stay_exact_across_compactions) {
  // 300 000 values (several compactions), many repeated: compare with a sorted oracle.
  TrendSink sink;
  std::vector<std::int64_t> oracle;
  Rng rng(7);
  for (int i = 0; i < 300'000; ++i) {
    std::int64_t const v = static_cast<std::int64_t>(rng() % 5000) * 1000;
    sink.add(Duration{v});
    oracle.push_back(v);
  }
  std::sort(oracle.begin(), oracle.end());
  for (double p : {0.0, 0.01, 0.5, 0.9, 0.95, 0.999, 1.0}) {
    SCOPED_TRACE(p);
    double const i = p * static_cast<double>(oracle.size() - 1);
    double const lo = to_ms(Duration{oracle[static_cast<std::size_t>(std::floor(i))]});
    double const hi = to_ms(Duration{oracle[static_cast<std::size_t>(std::ceil(i))]});
    EXPECT_DOUBLE_EQ(sink.percentile_ms(p), lo + (hi - lo) * (i - std::floor(i)));
  }
  EXPECT_EQ(sink.count(), 300'000U);
  EXPECT_DOUBLE_EQ(sink.min_ms(), to_ms(Duration{oracle.front()}));
  EXPECT_DOUBLE_EQ(sink.max_ms(), to_ms(Duration{oracle.back()}));
}

TEST(sinks_test, rate_and_gauge_follow_k6) {
  RateSink rate;
  EXPECT_DOUBLE_EQ(rate.rate(), 0);
  rate.add(true);
  rate.add(false);
  rate.add(false);
  rate.add(true);
  EXPECT_DOUBLE_EQ(rate.rate(), 0.5);
  GaugeSink gauge;
  for (double v : {3.0, 1.0, 7.0, 2.0}) gauge.add(v);
  EXPECT_EQ(gauge.last, 2.0);
  EXPECT_EQ(gauge.min, 1.0);
  EXPECT_EQ(gauge.max, 7.0);
}

}  // namespace loadtwin::core
