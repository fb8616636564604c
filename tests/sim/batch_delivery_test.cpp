// A wake-up's content deltas reach the VU in one call, and equal inter-token gaps go to the
// trend as one run -- unless a sample observer watches, when every delta and gap is handed
// over one by one. Both paths must give the same run to the last byte, including where an
// engine bound stops it (the bound is checked between events, so a run of samples added at
// once within one event cannot move the stop).
#include <gtest/gtest.h>

#include "core/report/report_json.hpp"
#include "sim_test_support.hpp"

namespace loadtwin::sim {
namespace {

// Counts samples; its presence alone switches the recorder to one sample per call.
class CountingObserver final : public core::SampleObserver {
 public:
  void on_sample(core::MetricId /*metric*/, core::TagSet const& /*tags*/, core::Instant /*at*/,
                 double /*value*/) override {
    ++samples;
  }
  std::uint64_t samples = 0;
};

std::string export_of(core::Plan const& plan, SimOptions const& options, bool observed) {
  CountingObserver observer;
  auto const attach = [&](core::TestRun& run) {
    if (observed) run.metrics().set_observer(&observer);
  };
  auto result = run_sim(plan, options, attach);
  if (observed) {
    EXPECT_GT(observer.samples, 0U);
  }
  return core::render_summary_export(result.summary) + result.summary.stop_message;
}

// Ties (zero gaps), equal gaps, random gaps, a slowdown, rtt, queueing, stream cuts, and a
// timeout that cuts streams in the middle (the abort's strictly-before delivery).
constexpr char const* plan_json = R"({
  "model": {
    "first_token_delay": "100ms", "tool_call_delay": "50ms", "error_rate": 0.02,
    "token_interval": {"dist": "empirical", "samples": ["0ms", "0ms", "20ms", "20ms", "3ms"]},
    "tokens_per_delta": {"dist": "uniform", "min": 1, "max": 3},
    "tokens_per_response": {"dist": "uniform", "min": 1, "max": 40},
    "network_rtt": {"dist": "uniform", "min": "0ms", "max": "4ms"},
    "max_concurrent": 6, "slowdown_per_active_stream": 0.05, "stream_error_rate": 0.1},
  "options": {
    "timeout": "400ms",
    "scenarios": {"s": {"executor": "constant-vus", "vus": 12, "duration": "20s",
                           "exec": "simple_query"}},
    "thresholds": {"inter_token_latency": ["p(95)<15"]}}})";

TEST(batch_delivery_test, batched_and_one_by_one_runs_are_identical) {
  auto const plan = testing::plan_or_die(plan_json);
  for (std::uint64_t seed : {1, 2, 3}) {
    SCOPED_TRACE(seed);
    SimOptions options;
    options.seed = seed;
    EXPECT_EQ(export_of(plan, options, false), export_of(plan, options, true));
    options.max_trend_samples = 700;  // stops mid-run on the inter-token trend
    auto const bounded = export_of(plan, options, false);
    EXPECT_NE(bounded.find("max-trend-samples"), std::string::npos);
    EXPECT_EQ(bounded, export_of(plan, options, true));
  }
}

}  // namespace
}  // namespace loadtwin::sim
