#include "core/metrics/threshold_expr.hpp"

#include <gtest/gtest.h>

namespace loadtwin::core {

TEST(threshold_expr_test, parses_every_aggregation_and_operator) {
  struct Case {
    char const* text;
    Aggregation aggregation;
    Comparison comparison;
    double limit;
  } const cases[] = {
      {"p(95)<500", Aggregation::percentile, Comparison::lt, 500},
      {"p(99.9) <= 1e3", Aggregation::percentile, Comparison::le, 1000},
      {"avg>=1", Aggregation::avg, Comparison::ge, 1},
      {"min > 0.5", Aggregation::min, Comparison::gt, 0.5},
      {"max===2", Aggregation::max, Comparison::strict_eq, 2},
      {"med==2", Aggregation::med, Comparison::eq, 2},
      {"count!=0", Aggregation::count, Comparison::ne, 0},
      {"rate<0.01", Aggregation::rate, Comparison::lt, 0.01},
      {"value>=10", Aggregation::value, Comparison::ge, 10},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.text);
    auto const parsed = parse_threshold_expr(c.text);
    ASSERT_TRUE(parsed.expr.has_value()) << parsed.error;
    EXPECT_EQ(parsed.expr->aggregation, c.aggregation);
    EXPECT_EQ(parsed.expr->comparison, c.comparison);
    EXPECT_DOUBLE_EQ(parsed.expr->limit, c.limit);
  }
  EXPECT_DOUBLE_EQ(parse_threshold_expr("p(99.9)<1").expr->percentile, 99.9);
}

TEST(threshold_expr_test, reports_clear_errors_for_malformed_expressions) {
  struct Case {
    char const* text;
    char const* error_part;
  } const cases[] = {
      {"foo&0", "malformed threshold expression"},   // k6's own test data
      {"p(95)<", "malformed threshold expression"},  // no right-hand side
      {"p( 95 )<5", "malformed percentile"},         // inner spaces are not trimmed
      {"p(101)<5", "malformed percentile"},          // out of [0, 100]
      {"p(abc)<5", "malformed percentile"},
      {"average<5", "unknown aggregation method"},
      {"avg<abc", "malformed threshold value"},
      {"avg<NaN", "finite"},
      {"avg<inf", "finite"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.text);
    auto const parsed = parse_threshold_expr(c.text);
    EXPECT_FALSE(parsed.expr.has_value());
    EXPECT_NE(parsed.error.find(c.error_part), std::string::npos) << parsed.error;
  }
}

TEST(threshold_expr_test, tries_operators_in_k6_order) {
  // "<=" must win over "<"; "===" over "==".
  EXPECT_EQ(parse_threshold_expr("avg<=5").expr->comparison, Comparison::le);
  EXPECT_EQ(parse_threshold_expr("avg===5").expr->comparison, Comparison::strict_eq);
}

TEST(threshold_expr_test, allows_only_k6_aggregations_per_metric_type) {
  EXPECT_TRUE(aggregation_allowed(MetricType::counter, Aggregation::count));
  EXPECT_TRUE(aggregation_allowed(MetricType::counter, Aggregation::rate));
  EXPECT_FALSE(aggregation_allowed(MetricType::counter, Aggregation::value));
  EXPECT_TRUE(aggregation_allowed(MetricType::gauge, Aggregation::value));
  EXPECT_FALSE(aggregation_allowed(MetricType::rate, Aggregation::count));
  EXPECT_FALSE(aggregation_allowed(MetricType::trend, Aggregation::count));  // k6: not on trends
  EXPECT_TRUE(aggregation_allowed(MetricType::trend, Aggregation::percentile));
}

TEST(threshold_expr_test, compares_as_float64) {
  EXPECT_TRUE(compare(1, Comparison::lt, 2));
  EXPECT_FALSE(compare(2, Comparison::lt, 2));
  EXPECT_TRUE(compare(2, Comparison::le, 2));
  EXPECT_TRUE(compare(2, Comparison::eq, 2));
  EXPECT_TRUE(compare(2, Comparison::ne, 3));
}

}  // namespace loadtwin::core
