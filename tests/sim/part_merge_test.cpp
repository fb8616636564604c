// Parts and merge on sim runs: a part reads back as its run; the segments' parts merge to
// the unsegmented run's summary export byte for byte; coverage is checked and named.
#include "core/report/part_merge.hpp"

#include <gtest/gtest.h>

#include "core/plan/plan_json.hpp"
#include "core/report/part_io.hpp"
#include "core/report/report_json.hpp"
#include "sim/sim_run.hpp"

namespace loadtwin::sim {
namespace {

using core::ExecutionTuple;

core::Plan plan_of(std::string const& scenarios, std::string const& thresholds = "") {
  auto parsed = core::parse_plan(R"({"model": {"first_token_delay": {"dist": "uniform",
      "min": "50ms", "max": "400ms"}, "token_interval": {"dist": "exponential", "mean": "9ms"},
      "tokens_per_response": {"dist": "uniform", "min": 1, "max": 20}, "error_rate": 0.05,
      "stream_error_rate": 0.05, "network_rtt": {"dist": "uniform", "min": "1ms", "max": "5ms"}},
      "options": {"timeout": "300ms", "scenarios": {)" +
                                 scenarios + "}" + thresholds + "}}");
  EXPECT_TRUE(parsed.plan.has_value()) << (parsed.errors.empty() ? "" : parsed.errors[0].message);
  return *parsed.plan;
}

struct SegmentResult {
  core::Summary summary;
  core::Part part;
};

SegmentResult run_part(core::Plan const& plan, std::uint64_t seed, ExecutionTuple const& t) {
  core::Part part;
  auto result = run_sim(plan, {.seed = seed, .segment = t}, {}, [&](core::TestRun const& run) {
    part = core::make_part(run, plan, core::PartIdentity{.segment = t});
  });
  return {std::move(result.summary), std::move(part)};
}

ExecutionTuple nth(std::int64_t i, std::int64_t n) {
  std::string error;
  return *ExecutionTuple::nth_of(i, n, error);
}

// The summary export of the parts of `n` equal segments, merged (through files' text).
std::string merged_export(core::Plan const& plan, std::uint64_t seed, std::int64_t n) {
  std::vector<core::Part> parts;
  for (std::int64_t i = 0; i < n; ++i) {
    std::string error;
    auto read = core::parse_part(core::render_part(run_part(plan, seed, nth(i, n)).part), error);
    EXPECT_TRUE(read.has_value()) << error;
    parts.push_back(std::move(*read));
  }
  std::vector<core::Part const*> pointers;
  for (auto const& p : parts) pointers.push_back(&p);
  auto const merged = core::merge_parts(pointers, plan);
  core::PartRun const run(merged, plan);
  EXPECT_EQ(run.problem(), "");
  return core::render_summary_export(run.summarize(true));
}

std::string const thresholds = R"(, "thresholds": {"first_token_latency": ["p(95)<300", "avg<200"],
    "errors": ["rate<0.08"], "http_reqs": ["count>10"], "vus_max": ["value<100"],
    "inter_token_latency{scenario:s}": ["p(99)<40", "max<80"]})";

struct PlanCase {
  std::string name;
  std::string scenarios;
};

std::vector<PlanCase> const plans{
    {"constant-vus",
     R"("s": {"executor": "constant-vus", "vus": 7, "duration": "3s", "exec": "simple_query"})"},
    {"ramping-vus",
     R"("s": {"executor": "ramping-vus", "startVUs": 2, "exec": "simple_query",
        "gracefulRampDown": "100ms", "stages": [{"duration": "1s", "target": 9},
        {"duration": "1s", "target": 3}, {"duration": "500ms", "target": 6}]})"},
    {"constant-arrival-rate",
     R"("s": {"executor": "constant-arrival-rate", "rate": 20, "duration": "3s",
        "preAllocatedVUs": 30, "maxVUs": 30, "exec": "simple_query"})"},
    {"ramping-arrival-rate",
     R"("s": {"executor": "ramping-arrival-rate", "startRate": 5, "preAllocatedVUs": 60,
        "maxVUs": 60, "exec": "simple_query",
        "stages": [{"duration": "1s", "target": 30}, {"duration": "1s", "target": 10}]})"},
    {"per-vu-iterations",
     R"("s": {"executor": "per-vu-iterations", "vus": 5, "iterations": 4,
        "maxDuration": "10s", "exec": "simple_query"})"},
};

TEST(part_merge_test, one_part_reads_back_as_its_run) {
  for (auto const& c : plans) {
    auto const plan = plan_of(c.scenarios, thresholds);
    auto const whole = run_part(plan, 7, ExecutionTuple{});
    std::string error;
    auto const read = core::parse_part(core::render_part(whole.part), error);
    ASSERT_TRUE(read.has_value()) << error;
    core::PartRun const run(*read, plan);
    EXPECT_EQ(core::render_summary_export(run.summarize(true)),
              core::render_summary_export(whole.summary))
        << c.name;
  }
}

TEST(part_merge_test, merged_segments_export_exactly_the_unsegmented_summary) {
  for (auto const& c : plans) {
    auto const plan = plan_of(c.scenarios, thresholds);
    for (std::uint64_t seed : {1, 2, 3}) {
      auto const whole = core::render_summary_export(run_part(plan, seed, {}).summary);
      for (std::int64_t n : {2, 3, 5}) {
        EXPECT_EQ(merged_export(plan, seed, n), whole) << c.name << " seed " << seed << " n " << n;
      }
    }
  }
}

std::vector<core::NamedPart> named_parts(core::Plan const& plan, std::int64_t n,
                                         std::uint64_t seed = 1) {
  std::vector<core::NamedPart> out;
  for (std::int64_t i = 0; i < n; ++i) {
    out.push_back({"part-" + std::to_string(i), run_part(plan, seed, nth(i, n)).part});
  }
  return out;
}

bool any_says(std::vector<std::string> const& lines, std::string const& text) {
  for (auto const& l : lines) {
    if (l.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(part_merge_test, coverage_names_gaps_overlaps_and_mismatched_parts) {
  auto const plan = plan_of(plans[0].scenarios);
  auto parts = named_parts(plan, 3);
  auto coverage = core::check_coverage(parts);
  EXPECT_TRUE(coverage.errors.empty());
  EXPECT_EQ(coverage.kept, (std::vector<std::size_t>{0, 1, 2}));
  auto missing = parts;
  missing.erase(missing.begin() + 1);
  coverage = core::check_coverage(missing);
  EXPECT_TRUE(any_says(coverage.errors, "gap: no part covers segment 1/3:2/3"))
      << coverage.errors[0];
  auto mixed = parts;
  mixed[2].part = run_part(plan_of(plans[1].scenarios), 1, nth(2, 3)).part;
  coverage = core::check_coverage(mixed);
  EXPECT_TRUE(any_says(coverage.errors, "part-2: plan")) << coverage.errors[0];
  auto reseeded = parts;
  reseeded[1].part.seed = 9;
  EXPECT_TRUE(any_says(core::check_coverage(reseeded).errors, "part-1: seed 9 differs"));
  auto halves = named_parts(plan, 2);
  halves.push_back(parts[0]);
  EXPECT_TRUE(any_says(core::check_coverage(halves).errors, "segment sequence"));
}

TEST(part_merge_test, a_repeated_part_is_kept_once_with_a_warning) {
  auto const plan = plan_of(plans[0].scenarios);
  auto parts = named_parts(plan, 2);
  parts.push_back({"retry-of-0", parts[0].part});
  parts.back().part.runs.front().actual_ns += 1;  // the retried pod started later
  auto const coverage = core::check_coverage(parts);
  EXPECT_TRUE(coverage.errors.empty()) << coverage.errors[0];
  ASSERT_EQ(coverage.warnings.size(), 1U);
  EXPECT_NE(coverage.warnings[0].find("keeping retry-of-0, ignoring part-0"), std::string::npos)
      << coverage.warnings[0];
  EXPECT_EQ(coverage.kept, (std::vector<std::size_t>{2, 1}));
}

TEST(part_merge_test, a_segment_that_aborts_on_its_own_samples_is_named) {
  // Segment 0 of 2 gets the slow VUs' share only through its own samples; with a threshold
  // every segment fails, each aborts on its own and the merge says so.
  auto const plan = plan_of(plans[0].scenarios, R"(, "thresholds": {"first_token_latency":
      [{"threshold": "p(50)<10", "abortOnFail": true}]})");
  auto const parts = named_parts(plan, 2);
  std::vector<core::Part const*> pointers{&parts[0].part, &parts[1].part};
  auto const merged = core::merge_parts(pointers, plan);
  EXPECT_EQ(merged.stop(), core::StopReason::threshold_abort);
  auto const summary = core::PartRun(merged, plan).summarize(true);
  EXPECT_EQ(core::exit_code(summary), core::ExitCode::thresholds_failed);
  EXPECT_NE(summary.stop_message.find("segment 0:1/2 aborted at 2s on its own samples "
                                      "(abortOnFail: first_token_latency p(50)<10)"),
            std::string::npos)
      << summary.stop_message;
}

TEST(part_merge_test, step_functions_add_instant_by_instant) {
  using core::at_offset;
  using core::Duration;
  std::vector<core::GaugePoint> const a{{at_offset(Duration{0}), 2}, {at_offset(Duration{5}), 0}};
  std::vector<core::GaugePoint> const b{{at_offset(Duration{0}), 1}, {at_offset(Duration{3}), 4}};
  std::vector<core::GaugePoint> const sum{
      {at_offset(Duration{0}), 3}, {at_offset(Duration{3}), 6}, {at_offset(Duration{5}), 4}};
  EXPECT_EQ(core::add_series(a, b), sum);
  EXPECT_EQ(core::add_series(b, a), sum);
  EXPECT_EQ(core::add_series(a, {}), a);
}

TEST(part_merge_test, segments_that_did_not_share_one_barrier_are_named) {
  core::Part part;
  part.mode = "live";
  part.runs.resize(2);
  part.runs[0].segment = "0:1/2";
  part.runs[1].segment = "1/2:1";
  part.runs[0].planned_ns = part.runs[1].planned_ns = 1000;
  part.runs[0].actual_ns = 1000;
  part.runs[1].actual_ns = 2000;
  EXPECT_EQ(core::start_barrier_warning(part), "");
  part.runs[1].planned_ns = 3'000'001'000;
  part.runs[1].actual_ns = 3'000'001'000;
  EXPECT_EQ(core::start_barrier_warning(part),
            "the segments' --start-at barriers differ, so they did not start together: their "
            "clocks started 3.000 s apart");
  part.runs[1].planned_ns.reset();
  EXPECT_NE(core::start_barrier_warning(part).find("segment 1/2:1 ran without --start-at"),
            std::string::npos);
  part.runs[0].planned_ns.reset();
  EXPECT_NE(core::start_barrier_warning(part).find("no segment ran with --start-at"),
            std::string::npos);
  part.mode = "sim";  // sim records the barrier only: its clocks never ran apart
  EXPECT_EQ(core::start_barrier_warning(part), "");
}

}  // namespace
}  // namespace loadtwin::sim
