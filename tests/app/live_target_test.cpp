// Reaching a target safely (SPEC "Targets", "Budget"): the loopback rule before any lookup,
// flags over the plan's target, the budget pre-flight, and no key in any output.
#include "app/live_target.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_run.hpp"
#include "core/plan/plan_json.hpp"

namespace loadtwin::app {
namespace {

core::Plan plan_of(std::string const& top) {
  auto parsed =
      core::parse_plan("{" + top +
                       R"("options": {"scenarios": {"s": {"executor": "per-vu-iterations", "vus": 2,
          "iterations": 5, "exec": "simple_query"}}}})");
  if (!parsed.plan) ADD_FAILURE() << core::format_plan_errors("plan", parsed.errors);
  return parsed.plan.value_or(core::Plan{});
}

}  // namespace

TEST(live_target_test, hosts_are_read_without_lookup_and_loopback_is_exact) {
  EXPECT_EQ(url_host("https://api.example.com:8443/v1"), "api.example.com");
  EXPECT_EQ(url_host("http://[::1]:8080"), "::1");
  EXPECT_EQ(url_host("http://127.0.0.1"), "127.0.0.1");
  EXPECT_FALSE(url_host("ftp://x"));
  EXPECT_FALSE(url_host("http://user@evil.example"));
  for (auto host : {"localhost", "LOCALHOST", "127.0.0.1", "127.9.8.7", "::1"}) {
    EXPECT_TRUE(is_loopback_host(host)) << host;
  }
  for (auto host : {"127.0.0.1.example.com", "localhost.example", "10.0.0.1", "::2", "api.invalid",
                    "0.0.0.0"}) {
    EXPECT_FALSE(is_loopback_host(host)) << host;
  }
}

TEST(live_target_test, a_remote_host_needs_allow_remote_and_a_budget) {
  TargetFlags flags;
  std::string error;
  auto const plan = plan_of("");
  EXPECT_FALSE(resolve_target(flags, "https://api.example.invalid", false, plan, error));
  EXPECT_NE(error.find("--allow-remote"), std::string::npos) << error;
  flags.allow_remote = true;
  EXPECT_FALSE(resolve_target(flags, "https://api.example.invalid", false, plan, error));
  EXPECT_NE(error.find("budget"), std::string::npos) << error;
  flags.no_budget = true;
  auto const target = resolve_target(flags, "https://api.example.invalid", false, plan, error);
  ASSERT_TRUE(target) << error;
  EXPECT_TRUE(target->remote);
  EXPECT_FALSE(target->budget);
  EXPECT_NE(target->notices.front().find("api.example.invalid"), std::string::npos);
}

TEST(live_target_test, flags_override_the_plans_target) {
  auto const plan = plan_of(R"("target": {"base_url": "http://127.0.0.1:9", "dialect":
      "anthropic", "api_key_env": "LOADTWIN_TEST_PLAN_KEY", "headers": {"x-a": "plan"},
      "tls": {"ca_file": "/plan/ca.pem"}},)");
  ::setenv("LOADTWIN_TEST_PLAN_KEY", "from-plan-variable", 1);
  ::setenv("LOADTWIN_TEST_FLAG_KEY", "from-flag-variable", 1);
  TargetFlags flags;
  std::string error;
  auto target = resolve_target(flags, "", false, plan, error);
  ASSERT_TRUE(target) << error;
  EXPECT_EQ(target->base_url, "http://127.0.0.1:9");
  EXPECT_EQ(target->api_key, "from-plan-variable");
  EXPECT_EQ(target->tls.ca_file, "/plan/ca.pem");
  flags.api_key_env = "LOADTWIN_TEST_FLAG_KEY";
  flags.cacert = "/flag/ca.pem";
  flags.insecure = true;
  flags.headers = {"x-b: flag"};
  target = resolve_target(flags, "http://localhost:7", false, plan, error);
  ASSERT_TRUE(target) << error;
  EXPECT_EQ(target->base_url, "http://localhost:7");
  EXPECT_EQ(target->api_key, "from-flag-variable");
  EXPECT_EQ(target->tls.ca_file, "/flag/ca.pem");
  ASSERT_EQ(target->headers.size(), 2U);
  EXPECT_EQ(target->headers[1].second, "flag");
  EXPECT_NE(target->notices.back().find("--insecure"), std::string::npos);
  flags.headers = {"x-c: a\r\nx-d: b"};
  EXPECT_FALSE(resolve_target(flags, "", false, plan, error));
  flags.headers = {};
  flags.dialect = "grpc";
  EXPECT_FALSE(resolve_target(flags, "", false, plan, error));
  EXPECT_NE(error.find("unknown dialect"), std::string::npos);
}

TEST(live_target_test, the_preflight_refuses_an_estimate_over_the_budget) {
  // 2 VUs x 5 iterations = 10 requests in sim.
  auto const plan = plan_of(R"("budget": {"max_requests": 8},)");
  TargetFlags flags;
  std::ostringstream out;
  auto const refusal = budget_preflight(plan, 1, flags, out);
  ASSERT_TRUE(refusal);
  EXPECT_NE(refusal->find("max_requests 10 > 8"), std::string::npos) << *refusal;
  EXPECT_NE(out.str().find("10 requests"), std::string::npos) << out.str();
  flags.accept_cost = true;
  EXPECT_FALSE(budget_preflight(plan, 1, flags, out));
  auto const roomy = plan_of(R"("budget": {"max_requests": 10},)");
  flags.accept_cost = false;
  EXPECT_FALSE(budget_preflight(roomy, 1, flags, out));
  EXPECT_EQ(redact("key sk-1 and sk-1", {"sk-1", ""}), "key [redacted] and [redacted]");
}

TEST(live_target_test, cli_refuses_remote_before_any_lookup_and_checks_the_budget) {
  using test::run_loadtwin;
  auto r = run_loadtwin("live --base-url https://gateway.example.invalid");
  EXPECT_EQ(r.exit_code, 104) << r.output;
  EXPECT_NE(r.output.find("gateway.example.invalid is not a loopback host"), std::string::npos)
      << r.output;
  r = run_loadtwin("live --base-url https://gateway.example.invalid --allow-remote");
  EXPECT_EQ(r.exit_code, 104) << r.output;
  EXPECT_NE(r.output.find("--no-budget"), std::string::npos) << r.output;
  r = run_loadtwin(
      "live --base-url https://gateway.example.invalid --allow-remote --vus 2 "
      "--iterations 20 --set 'budget={\"max_requests\": 5}'");
  EXPECT_EQ(r.exit_code, 104) << r.output;
  EXPECT_NE(r.output.find("budget pre-flight (sim, seed 1): 20 requests"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("--accept-cost"), std::string::npos) << r.output;
}

TEST(live_target_test, the_api_key_appears_in_no_output) {
  std::string const dir = test::scratch("redaction");
  std::filesystem::create_directories(dir);
  std::string const secret = "sk-ant-loadtwin-test-9f8e7d";
  auto const r = test::run_shell(
      "ANTHROPIC_API_KEY=" + secret,
      "live --mock --vus 1 --iterations 3 --no-thresholds --summary-export " + dir +
          "/summary.json --out json=" + dir + "/metrics.ndjson --out requests=" + dir +
          "/requests.jsonl --junit " + dir + "/junit.xml --html " + dir + "/run.html");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find(secret), std::string::npos);
  std::size_t files = 0;
  for (auto const& entry : std::filesystem::directory_iterator(dir)) {
    ++files;
    EXPECT_EQ(test::slurp_file(entry.path().string()).find(secret), std::string::npos)
        << entry.path();
  }
  EXPECT_EQ(files, 5U);
  std::filesystem::remove_all(dir);
}

}  // namespace loadtwin::app

namespace loadtwin::app {

TEST(live_target_test, cli_budget_stop_exits_108_with_complete_exports) {
  std::string const exported = test::scratch("budget_stop.json");
  auto const r = test::run_loadtwin(
      "live --mock --no-color --vus 2 --duration 30s --no-thresholds --summary-export " + exported +
      " --set 'budget={\"max_requests\": 6}'");
  EXPECT_EQ(r.exit_code, 108) << r.output;
  EXPECT_TRUE(test::contains(r.output, "budget stop: max_requests=6 reached")) << r.output;
  auto const doc = boost::json::parse(test::slurp_file(exported));
  EXPECT_EQ(doc.at("loadtwin").at("stop").as_string(), "budget");
  EXPECT_EQ(doc.at("metrics").at("http_reqs").at("count").to_number<double>(), 6);
}

}  // namespace loadtwin::app
