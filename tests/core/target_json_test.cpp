// The real-endpoints plan sections: target, budget, a scenario's request (SPEC "Targets,
// requests, dialects", "Budget"), and the corpus loader with its pick.
#include "core/plan/target_json.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/plan/plan_json.hpp"
#include "core/plan/request_bodies.hpp"
#include "core/run/budget_guard.hpp"

namespace loadtwin::core {
namespace {

std::string plan_with(std::string const& top, std::string const& scenario_extra,
                      std::string const& exec = "simple_query") {
  return R"({)" + top + R"("options": {"scenarios": {"s": {"executor": "per-vu-iterations",
      "vus": 2, "iterations": 3, "exec": ")" +
         exec + "\"" + scenario_extra + "}}}}";
}

std::string errors_of(PlanParse const& parsed) { return format_plan_errors("plan", parsed.errors); }

std::string temp_dir() {
  auto const dir = std::filesystem::temp_directory_path() /
                   ("loadtwin_target_json_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir.string();
}

}  // namespace

TEST(target_json_test, reads_target_and_budget) {
  auto const parsed = parse_plan(plan_with(
      R"("target": {"base_url": "https://api.example.com", "dialect": "openai",
          "api_key_env": "GW_KEY", "headers": {"anthropic-beta": "x"},
          "tls": {"ca_file": "ca.pem", "insecure": false}},
         "budget": {"max_requests": 10, "max_cost": 2.5,
                    "prices": {"input_per_mtok": 3, "output_per_mtok": 15}},)",
      ""));
  ASSERT_TRUE(parsed.plan) << errors_of(parsed);
  auto const& target = *parsed.plan->target;
  EXPECT_EQ(target.base_url, "https://api.example.com");
  EXPECT_EQ(target.dialect, "openai");
  EXPECT_EQ(target.api_key_env, "GW_KEY");
  ASSERT_EQ(target.headers.size(), 1U);
  EXPECT_EQ(target.tls.ca_file, "ca.pem");
  auto const& budget = *parsed.plan->budget;
  EXPECT_EQ(budget.max_requests, 10U);
  EXPECT_DOUBLE_EQ(*budget.max_cost, 2.5);
  EXPECT_DOUBLE_EQ(budget.prices->output_per_mtok, 15);
  EXPECT_FALSE(budget.max_input_tokens);
}

TEST(target_json_test, rejects_bad_sections_with_their_paths) {
  struct Case {
    std::string top;
    std::string path;
  };
  for (auto const& c : std::vector<Case>{
           {R"("target": {"dialect": "grpc"},)", "target.dialect"},
           {R"("target": {"api_key": "sk-1"},)", "target.api_key"},
           {R"("target": {"headers": {"X-A": "a\r\nInjected: 1"}},)", "target.headers.X-A"},
           {R"("target": {"headers": {"Host": "other"}},)", "target.headers.Host"},
           {R"("target": {"tls": {"client_cert": "c.pem"}},)", "target.tls.client_cert"},
           {R"("budget": {"max_cost": 1},)", "budget.max_cost"},
           {R"("budget": {"max_requests": 0},)", "budget.max_requests"},
           {R"("budget": {"max_tokens": 5},)", "budget.max_tokens"}}) {
    auto const parsed = parse_plan(plan_with(c.top, ""));
    EXPECT_FALSE(parsed.plan) << c.top;
    EXPECT_NE(errors_of(parsed).find(c.path), std::string::npos) << errors_of(parsed);
  }
}

TEST(target_json_test, header_problem_guards_the_request_head) {
  EXPECT_FALSE(header_problem("anthropic-beta", "tools-2024"));
  EXPECT_TRUE(header_problem("bad name", "v"));
  EXPECT_TRUE(header_problem("X-A", "v\nX-B: w"));
  EXPECT_TRUE(header_problem("content-length", "5"));
  EXPECT_TRUE(header_problem("LoadTwin-Draw-Key", "s/1/2"));
}

TEST(target_json_test, request_body_sizes_and_kind_check) {
  auto parsed = parse_plan(plan_with("", R"(, "request": {"body": {"model": "m", "max_tokens": 40,
          "system": "abcdefgh", "messages": [{"role": "user", "content": "1234"}]},
          "headers": {"x-team": "a"}})"));
  ASSERT_TRUE(parsed.plan) << errors_of(parsed);
  std::vector<PlanError> errors;
  load_plan_requests(*parsed.plan, "", errors);
  ASSERT_TRUE(errors.empty()) << format_plan_errors("plan", errors);
  auto const& request = parsed.plan->scenarios.front().request;
  ASSERT_EQ(request.bodies->size(), 1U);
  EXPECT_EQ(request.bodies->front().input_tokens, 3U);  // 12 bytes / 4
  EXPECT_EQ(request.bodies->front().max_tokens, 40U);
  EXPECT_EQ(request.headers.size(), 1U);

  // exec tool_call with a body that has no tools: sim and the mock would disagree.
  auto tool = parse_plan(
      plan_with("", R"(, "request": {"body": {"model": "m", "max_tokens": 4, "messages": []}})",
                "tool_call"));
  ASSERT_TRUE(tool.plan) << errors_of(tool);
  load_plan_requests(*tool.plan, "", errors);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_NE(errors.front().message.find("tools"), std::string::npos);
}

TEST(target_json_test, corpus_lines_load_relative_to_the_plan_with_located_errors) {
  std::string const dir = temp_dir();
  {
    std::ofstream out(dir + "/prompts.jsonl");
    out << R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":"aaaa"}]})"
        << "\n\n"
        << R"({"model":"m","max_tokens":6,"messages":[{"role":"user","content":"bbbbbbbb"}]})"
        << "\n";
  }
  auto parsed = parse_plan(plan_with("", R"(, "request": {"corpus": "prompts.jsonl"})"));
  ASSERT_TRUE(parsed.plan) << errors_of(parsed);
  std::vector<PlanError> errors;
  load_plan_requests(*parsed.plan, dir, errors);
  ASSERT_TRUE(errors.empty()) << format_plan_errors("plan", errors);
  auto const& bodies = *parsed.plan->scenarios.front().request.bodies;
  ASSERT_EQ(bodies.size(), 2U);
  EXPECT_EQ(bodies[1].input_tokens, 2U);
  {
    std::ofstream out(dir + "/prompts.jsonl");
    out << R"({"model":"m"})"
        << "\n"
        << R"({"model": })"
        << "\n";
  }
  auto broken = parse_plan(plan_with("", R"(, "request": {"corpus": "prompts.jsonl"})"));
  load_plan_requests(*broken.plan, dir, errors);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_NE(errors.front().message.find("prompts.jsonl:2:"), std::string::npos)
      << errors.front().message;
  std::filesystem::remove_all(dir);
}

TEST(target_json_test, picks_are_keyed_and_cover_the_corpus) {
  std::set<std::uint32_t> seen;
  for (std::uint64_t a = 0; a < 200; ++a) {
    DrawKey const key{7, a, 0};
    auto const pick = pick_entry(CorpusPick::random, 5, 42, key);
    EXPECT_EQ(pick, pick_entry(CorpusPick::random, 5, 42, key));  // same key, same entry
    EXPECT_LT(pick, 5U);
    seen.insert(pick);
    EXPECT_EQ(pick_entry(CorpusPick::sequential, 5, 42, key), a % 5);
  }
  EXPECT_EQ(seen.size(), 5U);
  EXPECT_EQ(pick_entry(CorpusPick::sequential, 5, 1, DrawKey{7, 3, 4}), 2U);  // VU 3, iter 4
}

TEST(target_json_test, budget_guard_fires_once_at_the_first_limit) {
  BudgetConfig budget;
  budget.max_requests = 3;
  budget.max_output_tokens = 100;
  int fired = 0;
  BudgetGuard guard(budget, [&] { ++fired; });
  guard.request_started();
  guard.reply_usage(10, 60);
  guard.request_started();
  EXPECT_FALSE(guard.reached());
  guard.reply_usage(10, 50);  // 110 output tokens
  EXPECT_TRUE(guard.reached());
  EXPECT_NE(guard.limit().find("max_output_tokens=100"), std::string::npos);
  guard.request_started();
  EXPECT_EQ(fired, 1);
}

TEST(budget_guard_test, the_segments_of_a_sequence_share_each_limit_exactly) {
  BudgetConfig budget;
  budget.max_requests = 10;
  budget.max_output_tokens = 1000;
  budget.max_cost = 3.0;
  std::string error;
  std::uint64_t requests = 0;
  std::uint64_t tokens = 0;
  double cost = 0;
  for (std::int64_t i = 0; i < 3; ++i) {
    auto const segment = ExecutionTuple::nth_of(i, 3, error);
    ASSERT_TRUE(segment) << error;
    auto const share = budget_segment_share(budget, *segment);
    EXPECT_LE(*share.max_requests, 4U);
    requests += *share.max_requests;
    tokens += *share.max_output_tokens;
    cost += *share.max_cost;
    EXPECT_NE(budget_share_note(budget, share).find("share of max_requests=10"), std::string::npos);
  }
  EXPECT_EQ(requests, 10U);  // ScaleInt64: 3 + 3 + 4 in some order, never 4 x 3
  EXPECT_EQ(tokens, 1000U);
  EXPECT_DOUBLE_EQ(cost, 3.0);
  auto const whole = budget_segment_share(budget, ExecutionTuple{});
  EXPECT_EQ(whole.max_requests, 10U);
  EXPECT_EQ(budget_share_note(budget, whole), "");
}

TEST(budget_guard_test, a_share_of_zero_is_reached_before_the_first_request) {
  BudgetConfig budget;
  budget.max_requests = 1;
  std::string error;
  auto const second_half = ExecutionTuple::nth_of(1, 2, error);
  ASSERT_TRUE(second_half) << error;
  auto const first_half = ExecutionTuple::nth_of(0, 2, error);
  ASSERT_TRUE(first_half) << error;
  EXPECT_EQ(*budget_segment_share(budget, *first_half).max_requests +
                *budget_segment_share(budget, *second_half).max_requests,
            1U);
  BudgetConfig zero;
  zero.max_requests = 0;
  int fired = 0;
  BudgetGuard guard(zero, [&] { ++fired; });
  guard.check_at_start();
  EXPECT_TRUE(guard.reached());
  EXPECT_EQ(fired, 1);
}

}  // namespace loadtwin::core
