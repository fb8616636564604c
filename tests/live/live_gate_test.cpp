// The gate fails closed against real (mis)behaving servers, and the runner's connections
// behave like any HTTP client's: one per VU, and a request on a connection the server closed
// while idle is sent again on a new one, not counted as an error.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/plan/plan_json.hpp"
#include "fault_server.hpp"
#include "live/live_run.hpp"
#include "live_test_support.hpp"
#include "sim/sim_test_support.hpp"

namespace loadtwin::live {
using namespace testing;

namespace {

core::Summary run_on(FaultServer& server, core::Plan const& plan) {
  LiveOptions options;
  options.handle_signals = false;
  options.base_url = "http://127.0.0.1:" + std::to_string(server.port());
  auto r = run_live(plan, options);
  if (!r.summary) ADD_FAILURE() << r.error;
  return r.summary.value_or(core::Summary{});
}

std::uint64_t reason_count(core::Summary const& s, core::ErrorReason reason) {
  std::uint64_t n = 0;
  for (auto const& sc : s.scenarios) n += sc.counters.errors_by_reason[static_cast<int>(reason)];
  return n;
}

}  // namespace

TEST(live_gate_test, a_tool_call_answered_with_text_fails_with_tool_use_missing) {
  FaultServer server(Fault::tool_as_text);
  auto const s = run_on(server, plan_of(R"({"options": {"scenarios": {"s": {
      "executor": "per-vu-iterations", "vus": 1, "iterations": 3, "exec": "tool_call"}},
      "thresholds": {"errors": ["rate<0.01"], "tool_invocation": ["p(95)<2000"]}}})"));
  EXPECT_EQ(reason_count(s, core::ErrorReason::tool_use_missing), 3U);
  EXPECT_EQ(core::exit_code(s), core::ExitCode::thresholds_failed);
  for (auto const& v : s.verdicts) EXPECT_FALSE(v.passed) << v.key;  // no tool samples either
}

TEST(live_gate_test, two_vus_ten_requests_each_open_exactly_two_connections) {
  FaultServer server(Fault::close_idle_1s);
  auto const s = run_on(server, plan_of(R"({"options": {"scenarios": {"s": {
      "executor": "per-vu-iterations", "vus": 2, "iterations": 10, "exec": "simple_query"}}}})"));
  EXPECT_EQ(s.scenarios.at(0).counters.requests_ok, 20U);
  EXPECT_EQ(server.connections(), 2);
}

TEST(live_gate_test, a_connection_closed_while_idle_is_replaced_without_an_error) {
  // Keep-alive timeout 1 s on the server, a 2 s pause between requests: every request after
  // the first finds its connection closed and is sent again on a new one (counted once).
  FaultServer server(Fault::close_idle_1s);
  auto const s = run_on(server, plan_of(R"({"options": {"scenarios": {"s": {
      "executor": "per-vu-iterations", "vus": 1, "iterations": 3, "exec": "simple_query",
      "think_time": "2s"}}}})"));
  auto const& c = s.scenarios.at(0).counters;
  EXPECT_EQ(c.requests_sent, 3U);
  EXPECT_EQ(c.requests_ok, 3U);
  EXPECT_EQ(c.requests_error, 0U);
  EXPECT_EQ(server.connections(), 3);
}

TEST(live_gate_test, the_seeds_node_mock_passes_the_baseline_with_the_seeds_expectations) {
  // The embedded baseline, shortened to 2 s per scenario, against the seed's Node mock: its
  // data-only streams read as complete, its tool reply counts, and error_injection's
  // `expect` ("any answer but a 5xx") accepts the 200 the seed mock gives invalid requests.
  FaultServer server(Fault::seed_mock);
  std::ifstream in(std::string(LOADTWIN_SOURCE_DIR) + "/models/baseline.json");
  std::ostringstream text;
  text << in.rdbuf();
  auto const plan = plan_of(
      text.str(),
      {"options.scenarios.simple_query.duration=2s", "options.scenarios.tool_call.duration=2s",
       "options.scenarios.tool_call.startTime=2s", "options.scenarios.error_injection.duration=2s",
       "options.scenarios.error_injection.startTime=4s"});
  auto const s = run_on(server, plan);
  for (auto const& v : s.verdicts) EXPECT_TRUE(v.passed) << v.key << " " << v.source;
  EXPECT_EQ(core::exit_code(s), core::ExitCode::ok);
  for (auto const& sc : s.scenarios) EXPECT_GT(sc.counters.requests_ok, 0U) << sc.name;
}

}  // namespace loadtwin::live
