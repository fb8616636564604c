#include "core/report/summary_export_reader.hpp"

#include <gtest/gtest.h>

#include "core/report/report_json.hpp"

namespace loadtwin::core {
namespace {

Summary sample_summary() {
  Summary s;
  s.simulated = false;
  s.seed = 7;
  s.duration = seconds(90);
  s.trend_stats = {"avg", "p(95)"};
  auto const metric = [](std::string name, MetricType type, bool is_time) {
    MetricSummary m;
    m.name = std::move(name);
    m.type = type;
    m.is_time = is_time;
    return m;
  };
  MetricSummary ttft = metric("first_token_latency", MetricType::trend, true);
  ttft.has_thresholds = true;
  ttft.samples = 10;
  ttft.trend = {{"avg", 120.5}, {"p(95)", 612.4}};
  MetricSummary errors = metric("errors{scenario:a}", MetricType::rate, false);
  errors.is_submetric = true;
  errors.suffix = "scenario:a";
  errors.has_thresholds = true;
  errors.samples = 40;
  errors.rate = 0.125;
  errors.passes = 5;
  errors.fails = 35;
  MetricSummary reqs = metric("http_reqs", MetricType::counter, false);
  reqs.samples = 40;
  reqs.count = 40;
  reqs.per_second = 0.4444;
  s.metrics = {errors, ttft, reqs};
  s.verdicts = {
      {"first_token_latency", "p(95)<500", "p(95)", false, false, 612.4, MetricType::trend, true},
      {"errors{scenario:a}", "rate<0.01", "rate", false, false, 0.125, MetricType::rate, false},
      {"tool_invocation", "p(95)<2000", "p(95)", false, true, std::nullopt, MetricType::trend,
       true}};
  ScenarioReport a{"a", ExecutorKind::ramping_vus, RequestKind::tool_call, {}};
  a.counters.iterations_started = 41;
  a.counters.iterations_completed = 40;
  a.counters.iterations_interrupted = 1;
  a.counters.requests_sent = 41;
  a.counters.requests_ok = 35;
  a.counters.requests_error = 5;
  a.counters.requests_interrupted = 1;
  a.counters.vus_max = 9;
  a.counters.errors_by_reason[static_cast<std::size_t>(ErrorReason::injected_status)] = 4;
  a.counters.errors_by_reason[static_cast<std::size_t>(ErrorReason::interrupted)] = 1;
  s.scenarios = {a};
  return s;
}

TEST(summary_export_reader_test, reads_back_what_loadtwin_wrote) {
  Summary const in = sample_summary();
  std::string error;
  auto const out = parse_summary_export(render_summary_export(in), "r.json", error);
  ASSERT_TRUE(out) << error;
  EXPECT_FALSE(out->simulated);
  EXPECT_EQ(out->seed, 7U);
  EXPECT_EQ(out->duration, seconds(90));
  ASSERT_EQ(out->verdicts.size(), in.verdicts.size());
  for (std::size_t i = 0; i < in.verdicts.size(); ++i) {
    auto const &a = in.verdicts[i], &b = out->verdicts[i];
    SCOPED_TRACE(a.key + " " + a.source);
    EXPECT_EQ(b.key, a.key);
    EXPECT_EQ(b.source, a.source);
    EXPECT_EQ(b.agg_text, a.agg_text);
    EXPECT_EQ(b.passed, a.passed);
    EXPECT_EQ(b.no_samples, a.no_samples);
    EXPECT_EQ(b.observed, a.observed);
  }
  EXPECT_EQ(out->verdicts[0].is_time, true);
  EXPECT_EQ(out->verdicts[1].type, MetricType::rate);
  ASSERT_EQ(out->scenarios.size(), 1U);
  auto const &sa = in.scenarios[0], &sb = out->scenarios[0];
  EXPECT_EQ(sb.executor, sa.executor);
  EXPECT_EQ(sb.exec, sa.exec);
  EXPECT_EQ(sb.counters.iterations_interrupted, 1U);
  EXPECT_EQ(sb.counters.requests_ok, 35U);
  EXPECT_EQ(sb.counters.vus_max, 9U);
  EXPECT_EQ(sb.counters.errors_by_reason, sa.counters.errors_by_reason);
  EXPECT_EQ(out->trend_stats, (std::vector<std::string>{"avg", "p(95)"}));
  ASSERT_EQ(out->metrics.size(), 3U);
  EXPECT_TRUE(out->metrics[0].is_submetric);
}

TEST(summary_export_reader_test, reads_k6s_own_export_from_its_inverted_booleans) {
  std::string const k6 = R"json({"root_group": {}, "metrics": {
      "http_req_duration": {"avg": 12.5, "p(95)": 40.25, "thresholds": {"p(95)<30": true}},
      "http_req_failed": {"value": 0, "passes": 0, "fails": 10,
                          "thresholds": {"rate<0.01": false}},
      "my_trend": {"avg": 1, "med": 1}}})json";
  std::string error;
  auto const out = parse_summary_export(k6, "k6.json", error);
  ASSERT_TRUE(out) << error;
  EXPECT_FALSE(out->simulated);
  ASSERT_EQ(out->verdicts.size(), 2U);
  EXPECT_EQ(out->verdicts[0].key, "http_req_duration");
  EXPECT_FALSE(out->verdicts[0].passed);
  EXPECT_EQ(out->verdicts[0].observed, 40.25);
  EXPECT_TRUE(out->verdicts[1].passed);
  EXPECT_EQ(out->verdicts[1].observed, 0);
  EXPECT_TRUE(out->scenarios.empty());
}

TEST(summary_export_reader_test, names_the_file_and_where_it_is_wrong) {
  struct Case {
    std::string text;
    std::string expected;
  } const cases[] = {
      {"{\n  \"metrics\": [1,,]}", "r.json:2:17: invalid JSON"},  // a syntax error, located
      {"[1, 2]", "r.json: not a summary-export"},                 // no metrics object
      {"{\"metrics\": 3}", "r.json: not a summary-export"},
  };
  for (auto const &c : cases) {
    SCOPED_TRACE(c.text);
    std::string error;
    EXPECT_FALSE(parse_summary_export(c.text, "r.json", error));
    EXPECT_EQ(error.substr(0, c.expected.size()), c.expected) << error;
  }
}

}  // namespace
}  // namespace loadtwin::core
