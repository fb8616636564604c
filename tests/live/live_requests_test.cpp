// The plan's own requests and the spend guard in live (SPEC "Requests", "Budget"): bodies
// and headers reach the server as written, corpus picks match sim's for a seed, and a
// budget limit stops the run with exit 108 and a complete summary.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/plan/request_bodies.hpp"
#include "core/report/summary.hpp"
#include "fault_server.hpp"
#include "live/live_run.hpp"
#include "live/net.hpp"
#include "live_test_support.hpp"
#include "sanitizer.hpp"
#include "sim/sim_run.hpp"
#include "sim/sim_test_support.hpp"

namespace loadtwin::live {
using namespace testing;

namespace {

// key -> corpus entry of every record.
class CorpusPicks final : public core::RecordObserver {
 public:
  void on_record(core::RequestRecord const& r) override { picks[r.key] = r.corpus; }
  std::map<std::string, std::optional<std::uint32_t>> picks;
};

std::string corpus_plan_dir() {
  auto const dir = std::filesystem::temp_directory_path() /
                   ("loadtwin_live_requests_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream out(dir / "prompts.jsonl");
  for (int i = 0; i < 7; ++i) {
    out << R"({"model":"corpus-model","max_tokens":)" << 3 + i
        << R"(,"messages":[{"role":"user","content":"prompt number )" << i << R"("}]})"
        << "\n";
  }
  return dir.string();
}

core::Plan corpus_plan(std::string const& dir, std::string const& pick) {
  auto plan = sim::testing::plan_or_die(
      R"({"model": {"first_token_delay": "5ms", "token_interval": "1ms"},
          "options": {"scenarios": {"s": {"executor": "per-vu-iterations", "vus": 3,
          "iterations": 4, "exec": "simple_query",
          "request": {"corpus": "prompts.jsonl", "pick": ")" +
      pick + R"("}}}}})");
  std::vector<core::PlanError> errors;
  core::load_plan_requests(plan, dir, errors);
  EXPECT_TRUE(errors.empty()) << core::format_plan_errors("plan", errors);
  return plan;
}

}  // namespace

TEST(live_requests_test, the_plans_body_and_headers_reach_the_server_as_written) {
  FaultServer server(Fault::seed_mock);
  auto options = quiet_options();
  options.base_url = "http://127.0.0.1:" + std::to_string(server.port());
  options.headers = {{"x-gateway", "g1"}, {"anthropic-version", "2099-01-01"}};
  auto plan = sim::testing::plan_or_die(
      R"({"options": {"scenarios": {"s": {"executor": "per-vu-iterations", "vus": 1,
          "iterations": 1, "exec": "simple_query",
          "request": {"headers": {"x-team": "search"},
            "body": {"model": "my-model", "max_tokens": 9, "stream": false,
                     "metadata": {"user_id": "u-1"},
                     "messages": [{"role": "user", "content": "hi there"}]}}}}}})");
  std::vector<core::PlanError> errors;
  core::load_plan_requests(plan, "", errors);
  ASSERT_TRUE(errors.empty());
  auto const result = run_live(plan, options);
  ASSERT_TRUE(result.summary) << result.error;
  auto const received = server.received();
  ASSERT_EQ(received.size(), 1U);
  std::string const& request = received.front();
  EXPECT_NE(request.find("\"model\":\"my-model\""), std::string::npos) << request;
  EXPECT_NE(request.find("\"metadata\":{\"user_id\":\"u-1\"}"), std::string::npos);
  EXPECT_NE(request.find("\"stream\":true"), std::string::npos);  // forced per exec
  EXPECT_EQ(request.find("\"stream\":false"), std::string::npos);
  EXPECT_NE(request.find("x-team: search\r\n"), std::string::npos);
  EXPECT_NE(request.find("x-gateway: g1\r\n"), std::string::npos);
  // The plan's header replaces the dialect's own, once.
  EXPECT_NE(request.find("anthropic-version: 2099-01-01\r\n"), std::string::npos);
  EXPECT_EQ(request.find("anthropic-version: 2023-06-01"), std::string::npos);
}

TEST(live_requests_test, corpus_picks_are_the_same_in_sim_and_live_for_a_seed) {
  std::string const dir = corpus_plan_dir();
  for (std::string const pick : {"sequential", "random"}) {
    auto const plan = corpus_plan(dir, pick);
    CorpusPicks sim_picks;
    CorpusPicks live_picks;
    sim::SimOptions sim_options;
    sim_options.seed = 9;
    sim::run_sim(plan, sim_options,
                 [&](core::TestRun& run) { run.set_record_observer(&sim_picks); });
    auto options = quiet_options();
    options.seed = 9;
    auto const result =
        run_live(plan, options, [&](core::TestRun& run) { run.set_record_observer(&live_picks); });
    ASSERT_TRUE(result.summary) << result.error;
    EXPECT_EQ(sim_picks.picks.size(), 12U);
    EXPECT_EQ(sim_picks.picks, live_picks.picks) << pick;
    for (auto const& [key, entry] : live_picks.picks) EXPECT_TRUE(entry.has_value()) << key;
  }
  std::filesystem::remove_all(dir);
}

TEST(live_requests_test, a_budget_limit_stops_new_requests_and_exits_108) {
  auto plan = sim::testing::plan_or_die(
      R"({"model": {"first_token_delay": "20ms", "token_interval": "2ms"},
          "budget": {"max_requests": 5},
          "options": {"scenarios": {"s": {"executor": "constant-vus", "vus": 2,
          "duration": "20s", "exec": "simple_query"}}}})");
  auto options = quiet_options();
  options.budget = plan.budget;
  auto const result = run_live(plan, options);
  ASSERT_TRUE(result.summary) << result.error;
  auto const& summary = *result.summary;
  EXPECT_EQ(summary.stop, core::StopReason::budget);
  EXPECT_EQ(core::exit_code(summary), core::ExitCode::budget);
  EXPECT_NE(summary.stop_message.find("max_requests=5"), std::string::npos) << summary.stop_message;
  auto const counters = sim::testing::counters(summary, "s");
  EXPECT_EQ(counters.requests_sent, 5U);
  // In-flight requests finished: nothing was cut, so the summary holds every request.
  EXPECT_EQ(counters.requests_ok + counters.requests_error, 5U);
  if (!loadtwin::test_env::under_sanitizer()) {
    EXPECT_LT(summary.duration, core::seconds(10));  // it did not run to its 20 s
  }
}

// More VUs than the budget allows requests: the VUs' first requests start in one loop, and
// the loop stops at the limit (6 VUs, max_requests 2: 2 requests, not 6).
TEST(live_requests_test, a_budget_below_the_vu_count_stops_the_first_requests_too) {
  for (char const* scenario : {R"("executor": "constant-vus", "vus": 6, "duration": "20s")",
                               R"("executor": "shared-iterations", "vus": 6, "iterations": 100)"}) {
    auto plan = sim::testing::plan_or_die(
        std::string(R"({"model": {"first_token_delay": "20ms", "token_interval": "2ms"},
            "budget": {"max_requests": 2}, "options": {"scenarios": {"s": {)") +
        scenario + R"(, "exec": "simple_query"}}}})");
    auto options = quiet_options();
    options.budget = plan.budget;
    auto const result = run_live(plan, options);
    ASSERT_TRUE(result.summary) << result.error;
    EXPECT_EQ(result.summary->stop, core::StopReason::budget) << scenario;
    EXPECT_EQ(sim::testing::counters(*result.summary, "s").requests_sent, 2U) << scenario;
  }
}

// Segments run apart (--segment i/N in N processes) keep to the budget together: each stops
// at its share, and a segment whose share is 0 sends nothing.
TEST(live_requests_test, segments_keep_to_their_shares_of_the_budget) {
  for (std::uint64_t const limit : {7, 2}) {
    auto plan = sim::testing::plan_or_die(
        R"({"model": {"first_token_delay": "20ms", "token_interval": "2ms"},
            "budget": {"max_requests": )" +
        std::to_string(limit) + R"(},
            "options": {"scenarios": {"s": {"executor": "constant-vus", "vus": 3,
            "duration": "20s", "exec": "simple_query"}}}})");
    std::uint64_t sent = 0;
    for (std::int64_t i = 0; i < 3; ++i) {
      std::string error;
      auto options = quiet_options();
      options.budget = plan.budget;
      options.segment = *core::ExecutionTuple::nth_of(i, 3, error);
      auto const result = run_live(plan, options);
      ASSERT_TRUE(result.summary) << result.error;
      EXPECT_EQ(result.summary->stop, core::StopReason::budget) << "limit " << limit << " " << i;
      EXPECT_NE(result.summary->stop_message.find("share of max_requests="), std::string::npos)
          << result.summary->stop_message;
      auto const share = options.segment.scale(static_cast<std::int64_t>(limit));
      auto const counters = sim::testing::counters(*result.summary, "s");
      EXPECT_EQ(counters.requests_sent, static_cast<std::uint64_t>(share)) << i;
      sent += counters.requests_sent;
    }
    EXPECT_EQ(sent, limit);  // not 3 x the limit
  }
}

}  // namespace loadtwin::live

namespace loadtwin::live {

TEST(live_requests_test, the_summary_names_the_first_failure_of_each_reason) {
  net::io_context probe;  // a port nothing listens on: bind, read the port, close
  tcp::acceptor acceptor(probe, {net::ip::make_address("127.0.0.1"), 0});
  auto const port = acceptor.local_endpoint().port();
  acceptor.close();
  auto options = quiet_options();
  options.base_url = "http://127.0.0.1:" + std::to_string(port);
  auto const plan = sim::testing::plan_or_die(
      R"({"options": {"scenarios": {"s": {"executor": "per-vu-iterations", "vus": 1,
          "iterations": 2, "exec": "simple_query", "think_time": "10ms"}}}})");
  auto const result = run_live(plan, options);
  ASSERT_TRUE(result.summary) << result.error;
  ASSERT_EQ(result.summary->notices.size(), 1U);
  EXPECT_NE(result.summary->notices.front().find("first connection_refused error: cannot "
                                                 "connect to 127.0.0.1:" +
                                                 std::to_string(port)),
            std::string::npos)
      << result.summary->notices.front();
}

}  // namespace loadtwin::live
