// Trace files (SPEC "Trace replay"): each format's rows, rebased to the first; every bad
// row located as FILE:LINE; and the plan's trace scenarios loaded relative to the plan.
#include "core/plan/trace_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/plan/plan_json.hpp"

namespace loadtwin::core {
namespace {

TraceRows parse_ok(std::string_view text, std::string_view format) {
  std::vector<std::string> errors;
  auto rows = parse_trace(text, format, "t", errors);
  EXPECT_TRUE(rows) << (errors.empty() ? "" : errors.front());
  return rows.value_or(TraceRows{});
}

std::string first_error(std::string_view text, std::string_view format) {
  std::vector<std::string> errors;
  EXPECT_FALSE(parse_trace(text, format, "t", errors));
  return errors.empty() ? "" : errors.front();
}

}  // namespace

TEST(trace_file_test, azure_rows_are_rebased_to_the_first_timestamp) {
  auto const rows = parse_ok(
      "TIMESTAMP,ContextTokens,GeneratedTokens\n"
      "2023-11-16 18:17:03.9799600,4808,10\n"
      "2023-11-16 18:17:04.0319600,3180,8\r\n"
      "2023-11-16 18:18:00.0000000,7,1\n",
      "azure");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0], (TraceRow{Duration{0}, 4808, 10}));
  EXPECT_EQ(rows[1], (TraceRow{Duration{52'000'000}, 3180, 8}));
  EXPECT_EQ(rows[2].at, Duration{56'020'040'000});
}

TEST(trace_file_test, azure_timestamps_cross_midnight_and_month_ends) {
  auto const rows = parse_ok(
      "2023-12-31 23:59:59.5,1,1\n"
      "2024-01-01 00:00:00.25,1,1\n",
      "azure");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].at, ms(750));
}

TEST(trace_file_test, mooncake_and_loadtwin_rows) {
  auto const mc = parse_ok(
      R"({"timestamp": 27482, "input_length": 6955, "output_length": 52, "hash_ids": [46]})"
      "\n"
      R"({"timestamp": 30535, "input_length": 6472, "output_length": 26})"
      "\n",
      "mooncake");
  ASSERT_EQ(mc.size(), 2U);
  EXPECT_EQ(mc[1], (TraceRow{ms(3053), 6472, 26}));
  auto const lt =
      parse_ok("# comment\noffset_ms,input_tokens,output_tokens\n0,10,-\n2.5,20,3\n", "loadtwin");
  ASSERT_EQ(lt.size(), 2U);
  EXPECT_EQ(lt[0].output_tokens, 0U);  // "-": the model decides
  EXPECT_EQ(lt[1], (TraceRow{Duration{2'500'000}, 20, 3}));
}

TEST(trace_file_test, bad_rows_are_located) {
  struct Case {
    char const* text;
    char const* format;
    char const* expected;
  };
  for (auto const& c : std::initializer_list<Case>{
           {"TIMESTAMP,a,b\n2023-11-16 18:17:03,1\n", "azure", "t:2: expected 3"},
           {"2023-11-16 25:17:03,1,1\n", "azure", "t:1: TIMESTAMP"},
           {"2023-11-16 18:17:03,1,0\n", "azure", "t:1: output tokens"},
           {"2023-11-16 18:17:03,-4,2\n", "azure", "t:1: input tokens"},
           {"2023-11-16 18:17:03,1,1\n2023-11-16 18:17:02,1,1\n", "azure", "t:2: rows must not"},
           {"{\"timestamp\": 1}\n", "mooncake", "t:1: input_length"},
           {"not json\n", "mooncake", "t:1: expected one JSON object"},
           {"x,1,1\n", "loadtwin", "t:1: offset_ms"},
           {"", "loadtwin", "t: the trace has no rows"},
       }) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(first_error(c.text, c.format).rfind(c.expected, 0), 0U)
        << first_error(c.text, c.format);
  }
}

TEST(trace_file_test, plan_traces_load_relative_to_the_plan_and_set_the_duration) {
  auto const dir = std::filesystem::temp_directory_path() / "loadtwin_trace_file_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "t.csv") << "0,1,1\n1000,2,2\n4000,3,3\n";
  auto parsed = parse_plan(R"({"options": {"scenarios": {"t": {"executor": "trace",
      "trace": "t.csv", "format": "loadtwin", "time_scale": 2, "exec": "simple_query"}}}})");
  ASSERT_TRUE(parsed.plan);
  std::vector<PlanError> errors;
  load_plan_traces(*parsed.plan, dir.string(), errors);
  ASSERT_TRUE(errors.empty());
  auto const& s = parsed.plan->scenarios.front();
  EXPECT_EQ(s.trace_rows->size(), 3U);
  EXPECT_EQ(s.duration, seconds(2));
  EXPECT_EQ(s.max_vus, 1000U);
  load_plan_traces(*parsed.plan, (dir / "missing").string(), errors);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors.front().path, "options.scenarios.t.trace");
  EXPECT_NE(errors.front().message.find("cannot read the trace file"), std::string::npos);
}

TEST(trace_file_test, trace_scenarios_are_validated_like_the_others) {
  auto const parsed = parse_plan(R"({"options": {"scenarios": {"t": {"executor": "trace",
      "format": "csv", "time_scale": 0, "maxVUs": 0, "rate": 1, "exec": "simple_query"}}}})");
  ASSERT_FALSE(parsed.plan);
  std::string all;
  for (auto const& e : parsed.errors) all += e.path + ": " + e.message + "\n";
  for (char const* expected :
       {"options.scenarios.t.trace: missing field", "options.scenarios.t.format: expected azure",
        "options.scenarios.t.time_scale", "options.scenarios.t.maxVUs",
        "options.scenarios.t.rate: unknown field"}) {
    EXPECT_NE(all.find(expected), std::string::npos) << expected << "\n" << all;
  }
}

}  // namespace loadtwin::core
