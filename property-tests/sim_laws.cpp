// Laws of the simulator over random plans and seeds: determinism, monotonicity of
// first_token_latency in first_token_delay, conservation of requests and iterations, and
// convergence of the observed error rate to error_rate.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

#include "core/plan/plan_json.hpp"
#include "core/report/report_json.hpp"
#include "sim/sim_run.hpp"
#include "stat_scale.hpp"

namespace loadtwin::sim {
namespace {

core::Plan make_plan(std::string const& json) {
  auto parsed = core::parse_plan(json);
  RC_ASSERT(parsed.plan.has_value());
  return *parsed.plan;
}

// A random small plan: one closed and one open scenario, random delays and limits.
std::string random_plan_json() {
  int const ftd = *rc::gen::inRange(1, 400);
  int const jitter = *rc::gen::inRange(0, 50);
  int const vus = *rc::gen::inRange(1, 8);
  int const rate = *rc::gen::inRange(1, 30);
  int const grace = *rc::gen::inRange(0, 600);
  int const error_pct = *rc::gen::inRange(0, 30);
  auto const max_concurrent = *rc::gen::element<std::string>("null", "1", "3", "10");
  return fmt::format(R"({{"model": {{
      "first_token_delay": {{"dist": "uniform", "min": "{}ms", "max": "{}ms"}},
      "token_interval": {{"dist": "exponential", "mean": "5ms"}},
      "tokens_per_response": {{"dist": "uniform", "min": 1, "max": 12}},
      "network_rtt": {{"dist": "uniform", "min": "0ms", "max": "6ms"}},
      "stream_error_rate": 0.02, "error_rate": {}, "max_concurrent": {}}},
    "options": {{"timeout": "900ms", "scenarios": {{
      "closed": {{"executor": "constant-vus", "vus": {}, "duration": "3s",
                 "gracefulStop": "{}ms", "exec": "simple_query"}},
      "open": {{"executor": "constant-arrival-rate", "rate": {}, "duration": "2s",
               "preAllocatedVUs": 2, "maxVUs": 5, "gracefulStop": "{}ms", "exec": "tool_call"}}}}}}}})",
                     ftd, ftd + jitter, error_pct / 100.0, max_concurrent, vus, grace, rate, grace);
}

}  // namespace

RC_GTEST_PROP(same_seed_law, identical_summary_export, (std::uint64_t seed)) {
  auto const plan = make_plan(random_plan_json());
  auto const a = core::render_summary_export(run_sim(plan, {.seed = seed}).summary);
  auto const b = core::render_summary_export(run_sim(plan, {.seed = seed}).summary);
  RC_ASSERT(a == b);
}

RC_GTEST_PROP(conservation_law, requests_and_iterations_add_up, (std::uint64_t seed)) {
  auto const plan = make_plan(random_plan_json());
  auto const s = run_sim(plan, {.seed = seed}).summary;
  std::uint64_t http_reqs = 0;
  for (auto const& r : s.scenarios) {
    auto const& c = r.counters;
    RC_ASSERT(c.iterations_started == c.iterations_completed + c.iterations_interrupted);
    RC_ASSERT(c.requests_sent ==
              c.requests_ok + c.requests_error + c.requests_interrupted + c.requests_aborted);
    RC_ASSERT(c.requests_sent == c.iterations_started);
    if (r.name == "open") RC_ASSERT(c.slots_due == c.iterations_started + c.iterations_dropped);
    http_reqs += c.requests_ok + c.requests_error;
  }
  for (auto const& m : s.metrics) {
    if (m.name == "http_reqs") RC_ASSERT(static_cast<std::uint64_t>(m.count) == http_reqs);
  }
}

RC_GTEST_PROP(monotone_delay_law, more_first_token_delay_never_lowers_a_percentile,
              (std::uint64_t seed)) {
  // Same seed => same uniform draws; a larger constant shift of the delay distribution can
  // only raise each request's TTFT. No queue, so requests do not interact.
  int const base = *rc::gen::inRange(10, 300);
  int const extra = *rc::gen::inRange(0, 300);
  auto const json = [](int lo) {
    return fmt::format(R"({{"model": {{"error_rate": 0.02,
        "first_token_delay": {{"dist": "uniform", "min": "{}ms", "max": "{}ms"}}}},
        "options": {{"scenarios": {{"s": {{"executor": "constant-arrival-rate", "rate": 20,
        "duration": "3s", "preAllocatedVUs": 200, "exec": "simple_query"}}}}}}}})",
                       lo, lo + 200);
  };
  auto const low = run_sim(make_plan(json(base)), {.seed = seed}).summary;
  auto const high = run_sim(make_plan(json(base + extra)), {.seed = seed}).summary;
  for (std::size_t i = 0; i < low.metrics.size(); ++i) {
    if (low.metrics[i].name != "first_token_latency") continue;
    for (std::size_t k = 0; k < low.metrics[i].trend.size(); ++k) {
      RC_ASSERT(high.metrics[i].trend[k].second >= low.metrics[i].trend[k].second);
    }
  }
}

TEST(error_rate_law, observed_error_rate_converges_to_error_rate) {
  // 20 000 tool calls (scaled by LOADTWIN_STAT_SCALE) at error_rate 0.05: the observed
  // rate lies within 5 binomial standard deviations (a bound that fails by chance with
  // probability < 1e-6).
  int const requests = testing::scaled(20'000);
  auto const plan = *core::parse_plan(fmt::format(R"({{"model": {{"error_rate": 0.05}},
      "options": {{"scenarios": {{"s": {{"executor": "shared-iterations", "vus": 50,
      "iterations": {}, "exec": "tool_call"}}}}}}}})",
                                                  requests))
                         .plan;
  auto const s = run_sim(plan, {.seed = 3}).summary;
  double rate = -1;
  for (auto const& m : s.metrics) {
    if (m.name == "errors") rate = m.rate;
  }
  double const sd = std::sqrt(0.05 * 0.95 / requests);
  EXPECT_NEAR(rate, 0.05, 5 * sd);
}

}  // namespace loadtwin::sim
