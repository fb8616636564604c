// The live runner end to end on loopback: against the in-process mock, and against a
// misbehaving server for every fault the issue names. Each fault is counted in `errors`
// with its reason, the run finishes, and nothing is lost.
#include "live/live_run.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/plan/plan_json.hpp"
#include "fault_server.hpp"
#include "live_test_support.hpp"
#include "sim/sim_run.hpp"
#include "sim/sim_test_support.hpp"

namespace loadtwin::live {
using namespace testing;

namespace {

core::MetricSummary const* metric(core::Summary const& s, std::string const& name) {
  for (auto const& m : s.metrics) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

// Two iterations of one kind on one VU, short timeout, a threshold per error reason so the
// summary counts each reason.
// Stalls need a short timeout; everything else gets a generous one (sanitizers are slow).
std::string fault_plan(std::string const& kind, std::string const& timeout = "20s") {
  return R"({"options": {"timeout": ")" + timeout +
         R"(", "scenarios": {"s": {"executor": "per-vu-iterations",
    "vus": 1, "iterations": 2, "exec": ")" +
         kind + R"("}}, "thresholds": {
    "errors{reason:reset}": ["rate>=0"], "errors{reason:timeout}": ["rate>=0"],
    "errors{reason:malformed_stream}": ["rate>=0"], "errors{reason:stream_error_event}": ["rate>=0"],
    "errors{reason:connection_refused}": ["rate>=0"], "errors{reason:injected_status}": ["rate>=0"],
    "errors{reason:tool_input_invalid}": ["rate>=0"], "errors{reason:unexpected_status}": ["rate>=0"]}}})";
}

// Runs fault_plan(kind) against a fresh FaultServer playing `fault`.
core::Summary run_against(Fault fault, std::string const& kind,
                          std::string const& timeout = "20s") {
  FaultServer server(fault);
  auto options = quiet_options();
  options.base_url = "http://127.0.0.1:" + std::to_string(server.port());
  auto r = run_live(plan_of(fault_plan(kind, timeout)), options);
  if (!r.summary) ADD_FAILURE() << r.error;
  return r.summary.value_or(core::Summary{});
}

}  // namespace

TEST(live_run_test, shortened_baseline_passes_against_the_mock) {
  auto const plan = plan_of(R"({"model": {"error_rate": 0}, "options": {"scenarios": {
      "simple_query": {"executor": "constant-vus", "vus": 4, "duration": "1s", "exec": "simple_query"},
      "tool_call": {"executor": "constant-vus", "vus": 2, "duration": "1s", "startTime": "1s", "exec": "tool_call"}},
    "thresholds": {"first_token_latency": ["p(95)<500"], "tool_invocation": ["p(95)<2000"],
                   "errors": ["rate<0.01"]}}})");
  auto const r = run_live(plan, quiet_options());
  ASSERT_TRUE(r.summary.has_value()) << r.error;
  EXPECT_EQ(core::exit_code(*r.summary), core::ExitCode::ok);
  auto const& ttft = metric(*r.summary, "first_token_latency")->trend;
  auto const min = std::find_if(ttft.begin(), ttft.end(), [](auto& s) { return s.first == "min"; });
  ASSERT_NE(min, ttft.end());
  EXPECT_GE(min->second, 100);  // never before the planned delay
  EXPECT_GT(metric(*r.summary, "inter_token_latency")->samples, 0U);
}

TEST(live_run_test, slow_first_token_fails_the_threshold) {
  auto const plan = plan_of(R"({"model": {"error_rate": 0, "first_token_delay": "600ms",
      "tokens_per_response": 2}, "options": {"scenarios": {"s": {"executor": "per-vu-iterations",
      "vus": 2, "iterations": 1, "exec": "simple_query"}},
    "thresholds": {"first_token_latency": ["p(95)<500"]}}})");
  auto const r = run_live(plan, quiet_options());
  ASSERT_TRUE(r.summary.has_value()) << r.error;
  EXPECT_EQ(core::exit_code(*r.summary), core::ExitCode::thresholds_failed);
}

TEST(live_run_test, injected_errors_match_sims_draws_exactly) {
  // The runner sends each request's draw key and the mock draws with it, so live injects
  // exactly the errors sim does for the same seed. Per-VU iterations keep every key
  // independent of timing (with shared-iterations, which VU runs what depends on timing).
  auto const plan = plan_of(R"({"model": {"error_rate": 0.3, "first_token_delay": "1ms",
      "token_interval": "1ms", "tokens_per_response": 2, "tool_call_delay": "1ms"},
    "options": {"scenarios": {
      "a": {"executor": "per-vu-iterations", "vus": 4, "iterations": 10, "exec": "simple_query"},
      "b": {"executor": "per-vu-iterations", "vus": 3, "iterations": 7, "exec": "tool_call"}}}})");
  auto options = quiet_options();
  options.seed = 77;
  auto const live = run_live(plan, options);
  ASSERT_TRUE(live.summary.has_value()) << live.error;
  auto const sim = sim::run_sim(plan, {.seed = 77}).summary;
  EXPECT_EQ(metric(*live.summary, "errors")->passes, metric(sim, "errors")->passes);
  EXPECT_GT(metric(sim, "errors")->passes, 5U);
}

TEST(live_run_test, every_fault_is_an_error_with_its_reason_and_the_run_finishes) {
  struct Case {
    Fault fault;
    char const* kind;
    char const* reason;  // errors{reason:...} must count both iterations
  } const cases[] = {
      {Fault::reset_mid_stream, "simple_query", "reset"},
      {Fault::stall_after_headers, "simple_query", "timeout"},
      {Fault::stall_mid_stream, "simple_query", "timeout"},
      {Fault::garbage, "simple_query", "malformed_stream"},
      {Fault::wrong_content_type, "simple_query", "malformed_stream"},
      {Fault::error_event, "simple_query", "stream_error_event"},
      {Fault::no_message_stop, "simple_query", "malformed_stream"},
      {Fault::huge_event, "simple_query", "malformed_stream"},
      {Fault::seed_500, "simple_query", "unexpected_status"},  // not marked loadtwin-injected
      {Fault::bad_tool_input, "tool_call", "tool_input_invalid"},
      {Fault::data_only_dialect, "invalid_request", "unexpected_status"},  // 200 where 400 expected
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.reason);
    bool const stall = c.fault == Fault::stall_after_headers || c.fault == Fault::stall_mid_stream;
    auto const s = run_against(c.fault, c.kind, stall ? "400ms" : "20s");
    ASSERT_NE(metric(s, "errors"), nullptr);
    EXPECT_EQ(metric(s, "errors")->passes, 2U);
    EXPECT_EQ(metric(s, std::string("errors{reason:") + c.reason + "}")->passes, 2U);
    EXPECT_EQ(s.scenarios[0].counters.iterations_completed, 2U);  // the run went on
  }
}

TEST(live_run_test, connection_refused_is_counted) {
  std::uint16_t port = 0;
  {
    FaultServer closed(Fault::garbage);  // take a free port, then free it again
    port = closed.port();
  }
  auto options = quiet_options();
  options.base_url = "http://127.0.0.1:" + std::to_string(port);
  auto const r = run_live(plan_of(fault_plan("simple_query")), options);
  ASSERT_TRUE(r.summary.has_value());
  EXPECT_EQ(metric(*r.summary, "errors{reason:connection_refused}")->passes, 2U);
}

TEST(live_run_test, parses_the_seed_mocks_data_only_dialect) {
  auto const s = run_against(Fault::data_only_dialect, "simple_query");
  EXPECT_EQ(metric(s, "errors")->passes, 0U);  // complete without message_stop
  EXPECT_EQ(metric(s, "first_token_latency")->samples, 2U);
  EXPECT_EQ(metric(s, "inter_token_latency")->samples, 8U);  // 5 deltas: 4 gaps each
}

TEST(live_run_test, chunked_encoding_split_at_every_byte_is_read_whole) {
  auto const s = run_against(Fault::one_byte_chunks, "simple_query");
  EXPECT_EQ(metric(s, "errors")->passes, 0U);
  EXPECT_EQ(metric(s, "inter_token_latency")->samples, 2U);
}

}  // namespace loadtwin::live
