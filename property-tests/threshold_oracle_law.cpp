// Law: a threshold verdict equals the verdict computed from the sorted samples with k6's
// formula (i = p*(n-1), linear interpolation), for random samples and expressions.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/metrics/metrics.hpp"
#include "core/metrics/thresholds.hpp"

namespace loadtwin::core {
namespace {

double oracle_percentile(std::vector<std::int64_t> sorted, double p) {
  if (sorted.empty()) return 0;
  double const i = p * static_cast<double>(sorted.size() - 1);
  double const lo = to_ms(Duration{sorted[static_cast<std::size_t>(std::floor(i))]});
  double const hi = to_ms(Duration{sorted[static_cast<std::size_t>(std::ceil(i))]});
  return lo + (hi - lo) * (i - std::floor(i));
}

}  // namespace

RC_GTEST_PROP(threshold_oracle_law, trend_verdict_matches_sorted_samples, ()) {
  auto const values = *rc::gen::container<std::vector<std::int64_t>>(
      rc::gen::inRange<std::int64_t>(0, 5'000'000'000));
  int const pct_tenths = *rc::gen::inRange(0, 1001);
  double const limit = *rc::gen::inRange(0, 5000);
  auto const op = *rc::gen::element<std::string>("<", "<=", ">", ">=", "==", "!=");
  std::string const source = "p(" + std::to_string(pct_tenths / 10) + "." +
                             std::to_string(pct_tenths % 10) + ")" + op + std::to_string(limit);
  auto const expr = parse_threshold_expr(source);
  RC_ASSERT(expr.expr.has_value());

  Metrics metrics(1'000'000'000);
  auto const& route = metrics.route(MetricId::first_token_latency, metrics.intern({}));
  for (auto v : values) metrics.add_time(route, Instant{}, Duration{v});
  auto const observed =
      aggregate(metrics.parent(MetricId::first_token_latency), *expr.expr, seconds(1));

  auto sorted = values;
  std::sort(sorted.begin(), sorted.end());
  // k6 evaluates p(N) as P(N/100) with N as written, so the oracle does the same.
  double const n =
      std::stod(std::to_string(pct_tenths / 10) + "." + std::to_string(pct_tenths % 10));
  double const want = oracle_percentile(sorted, n / 100.0);
  RC_ASSERT(observed.has_value());
  RC_ASSERT(*observed == want);
  RC_ASSERT(compare(*observed, expr.expr->comparison, limit) ==
            compare(want, expr.expr->comparison, limit));
}

RC_GTEST_PROP(threshold_oracle_law, rate_verdict_matches_counted_samples, ()) {
  // The verdict itself, through Thresholds::evaluate (the code a run uses), against the
  // oracle: trues/total compared with the limit; no samples fails closed unless --no-data=pass
  // asks for k6's vacuous pass.
  auto const bits = *rc::gen::container<std::vector<bool>>(rc::gen::arbitrary<bool>());
  int const limit_pct = *rc::gen::inRange(0, 101);
  auto const op = *rc::gen::element<std::string>("<", "<=", ">", ">=");
  bool const no_data_fail = *rc::gen::arbitrary<bool>();
  Plan plan;
  ThresholdConfig config;
  config.source = "rate" + op + std::to_string(limit_pct / 100.0);
  plan.thresholds.push_back(ThresholdSetConfig{"errors", {config}});
  Metrics metrics(1'000);
  Thresholds const thresholds(plan, metrics);
  auto const& route = metrics.route(MetricId::errors, metrics.intern({}));
  std::size_t trues = 0;
  for (bool b : bits) {
    metrics.add(route, Instant{}, b ? 1 : 0);
    trues += b ? 1 : 0;
  }
  auto const verdicts = thresholds.evaluate(seconds(1), no_data_fail);
  RC_ASSERT(verdicts.size() == 1U);
  if (bits.empty()) {
    RC_ASSERT(verdicts[0].no_samples);
    RC_ASSERT(verdicts[0].passed == !no_data_fail);
    return;
  }
  double const rate = static_cast<double>(trues) / static_cast<double>(bits.size());
  double const limit = std::stod(std::to_string(limit_pct / 100.0));
  bool const want = op == "<" ? rate < limit : op == "<=" ? rate <= limit
                  : op == ">" ? rate > limit : rate >= limit;
  RC_ASSERT(verdicts[0].passed == want);
  RC_ASSERT(*verdicts[0].observed == rate);
}

}  // namespace loadtwin::core
