// The twin holds for the openai dialect: live against the in-process mock on
// /v1/chat/completions gives sim's timeline, outcome and reason request by request, with
// injected statuses, cut streams and tool calls in the mix (SPEC "One twin", "Dialects").
#include <gtest/gtest.h>

#include "core/report/twin_compare.hpp"
#include "live/live_run.hpp"
#include "sim/sim_run.hpp"
#include "sim/sim_test_support.hpp"
#include "sanitizer.hpp"

namespace loadtwin::live {
namespace {

struct ChatRecords final : core::RecordObserver {
  std::vector<core::RequestRecord> records;
  void on_record(core::RequestRecord const& r) override { records.push_back(r); }
};

}  // namespace

TEST(openai_twin_live_test, chat_completions_against_the_mock_play_sims_timeline) {
  // Per-VU iterations keep every draw key independent of timing.
  auto const plan = sim::testing::plan_or_die(R"({"model": {"error_rate": 0.15,
      "stream_error_rate": 0.3, "first_token_delay": "30ms", "token_interval": "8ms",
      "tokens_per_response": 6, "tool_call_delay": "40ms"},
    "options": {"scenarios": {
      "text": {"executor": "per-vu-iterations", "vus": 3, "iterations": 6, "exec": "simple_query"},
      "tool": {"executor": "per-vu-iterations", "vus": 2, "iterations": 5, "exec": "tool_call"},
      "bad": {"executor": "per-vu-iterations", "vus": 1, "iterations": 2,
              "exec": "invalid_request"}}}})");
  ChatRecords sim;
  sim::run_sim(plan, {.seed = 11}, [&](core::TestRun& run) { run.set_record_observer(&sim); });
  ChatRecords live;
  LiveOptions options;
  options.seed = 11;
  options.dialect = "openai";
  options.handle_signals = false;
  auto const result =
      run_live(plan, options, [&](core::TestRun& run) { run.set_record_observer(&live); });
  ASSERT_TRUE(result.summary.has_value()) << result.error;
  // Generous timing tolerance: this is about the dialect, not the clock of a busy machine.
  core::TwinTolerance const tolerance{core::ms(10), core::ms(25)};
  auto const comparison = core::compare_twin(sim.records, live.records, tolerance);
  std::string differences;
  for (auto const& d : comparison.differences) differences += "\n  " + d;
  if (!test_env::under_sanitizer()) {  // timelines only on a clock that is not slowed 2-20x
    EXPECT_TRUE(comparison.holds) << core::describe_twin(comparison, tolerance) << differences;
  }
  EXPECT_EQ(comparison.matched, 30U);
  std::size_t cut = 0, injected = 0, tools = 0;
  for (auto const& r : live.records) {
    bool const was_cut = r.reason == core::ErrorReason::stream_error_event;
    cut += was_cut ? 1 : 0;
    // Chat Completions reports prompt tokens at the end only (a cut stream has none): the
    // sign that these requests went through the openai dialect, not the Messages one.
    EXPECT_TRUE(!was_cut || !r.input_tokens.has_value()) << r.key;
    injected += r.reason == core::ErrorReason::injected_status ? 1 : 0;
    tools += r.exec == core::RequestKind::tool_call && !r.reason ? 1 : 0;
  }
  EXPECT_GT(cut, 0U);  // the mix the check is about occurred
  EXPECT_GT(injected, 0U);
  EXPECT_GT(tools, 0U);
}

}  // namespace loadtwin::live
