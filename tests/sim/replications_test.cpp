#include "sim/replications.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "../../property-tests/stat_scale.hpp"
#include "core/random.hpp"
#include "sim/sim_test_support.hpp"

namespace loadtwin::sim {
using namespace testing;

namespace {
// 400 tool calls per run, 0.5% injected errors, rate<0.01: a run fails exactly when it draws
// 4 or more errors (4/400 = 0.01 is not < 0.01).
std::string const binomial_plan = R"({"model": {"error_rate": 0.005, "tool_call_delay": "1ms"},
  "options": {"scenarios": {"s": {"executor": "per-vu-iterations", "vus": 1, "iterations": 400,
  "exec": "tool_call"}}, "thresholds": {"errors": ["rate<0.01"]}}})";

double binomial_cdf(int k, int n, double p) {
  double sum = 0;
  for (int i = 0; i <= k; ++i) {
    sum += std::exp(std::lgamma(n + 1) - std::lgamma(i + 1) - std::lgamma(n - i + 1) +
                    i * std::log(p) + (n - i) * std::log1p(-p));
  }
  return sum;
}
}  // namespace

TEST(replications_test, run_k_is_a_single_run_with_the_derived_seed) {
  auto const plan = plan_or_die(binomial_plan);
  ReplicationOptions options;
  options.seed = 42;
  for (std::uint64_t k : {0U, 3U, 17U}) {
    options.runs = k + 1;
    auto const result = run_replications(plan, options);
    auto const alone = run_sim(plan, {.seed = core::replication_seed(42, k)}).summary;
    EXPECT_EQ(result.runs_completed, k + 1);
    // Run k is the last of k + 1 runs: its statistic is the maximum (p100) only when it is
    // the largest, so compare through the per-run pass count difference instead.
    options.runs = k;
    auto const before = run_replications(plan, options);
    std::uint64_t const passes_before = k == 0 ? 0 : before.thresholds[0].passes;
    EXPECT_EQ(result.thresholds[0].passes - passes_before, alone.verdicts[0].passed ? 1U : 0U);
  }
  // And the derivation itself is the documented function.
  EXPECT_EQ(core::replication_seed(42, 3), core::mix64(42 ^ core::mix64(4)));
}

TEST(replications_test, results_do_not_depend_on_the_thread_count) {
  auto const plan = plan_or_die(binomial_plan);
  ReplicationOptions options;
  options.seed = 7;
  options.runs = static_cast<std::uint64_t>(loadtwin::testing::scaled(200));
  options.threads = 1;
  auto const one = run_replications(plan, options);
  options.threads = 2;
  auto const two = run_replications(plan, options);
  ASSERT_EQ(one.thresholds.size(), 1U);
  EXPECT_EQ(one.thresholds[0].passes, two.thresholds[0].passes);
  EXPECT_EQ(one.thresholds[0].p50, two.thresholds[0].p50);
  EXPECT_EQ(one.first_failing_run, two.first_failing_run);
}

TEST(replications_test, spurious_failure_rate_matches_the_exact_binomial_tail) {
  auto const plan = plan_or_die(binomial_plan);
  ReplicationOptions options;
  options.seed = 3;
  options.runs = static_cast<std::uint64_t>(loadtwin::testing::scaled(3000));
  options.threads = 2;
  auto const r = run_replications(plan, options);
  double const exact_pass = binomial_cdf(3, 400, 0.005);  // P(X <= 3) ~ 0.857
  double const sd =
      std::sqrt(exact_pass * (1 - exact_pass) / static_cast<double>(r.runs_completed));
  EXPECT_NEAR(r.thresholds[0].pass_probability, exact_pass, 5 * sd);
  EXPECT_LE(r.thresholds[0].ci95.first, r.thresholds[0].pass_probability);
  EXPECT_GE(r.thresholds[0].ci95.second, r.thresholds[0].pass_probability);
}

TEST(replications_test, wilson_interval_matches_known_values) {
  auto const [lo0, hi0] = wilson95(0, 10);
  EXPECT_NEAR(lo0, 0.0, 1e-9);
  EXPECT_NEAR(hi0, 0.2775, 1e-4);
  auto const [lo5, hi5] = wilson95(5, 10);
  EXPECT_NEAR(lo5, 0.2366, 1e-4);
  EXPECT_NEAR(hi5, 0.7634, 1e-4);
}

TEST(replications_test, a_stop_request_keeps_a_complete_prefix) {
  // Stop mid-way (after the 7th run to finish, on two threads): what is reported is exactly
  // the prefix 0..n-1 -- the same result as asking for n runs -- never a gap.
  auto const plan = plan_or_die(binomial_plan);
  std::atomic<bool> stop{false};
  ReplicationOptions options;
  options.runs = 50;
  options.threads = 2;
  options.stop = &stop;
  options.on_progress = [&stop](std::uint64_t done) {
    if (done >= 7) stop = true;
  };
  auto const stopped = run_replications(plan, options);
  ASSERT_GE(stopped.runs_completed, 6U);  // a run finishing out of order may wait unfolded
  ASSERT_LT(stopped.runs_completed, 50U);
  ReplicationOptions prefix;
  prefix.runs = stopped.runs_completed;
  auto const whole = run_replications(plan, prefix);
  ASSERT_EQ(stopped.thresholds.size(), whole.thresholds.size());
  for (std::size_t t = 0; t < whole.thresholds.size(); ++t) {
    EXPECT_EQ(stopped.thresholds[t].passes, whole.thresholds[t].passes);
    EXPECT_EQ(stopped.thresholds[t].p50, whole.thresholds[t].p50);
  }
  stop = true;  // and a request before the first run starts none
  EXPECT_EQ(run_replications(plan, options).runs_completed, 0U);
}

}  // namespace loadtwin::sim
