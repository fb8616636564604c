// Golden-structure tests of the run's HTML report (core/report/report_html.hpp) on a real
// sim run: what it says must be what the summary says, and it must name no URL.
#include "core/report/report_html.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <numeric>
#include <sstream>

#include "core/metrics/sample_fanout.hpp"
#include "core/report/html_page.hpp"
#include "core/report/report_json.hpp"
#include "core/report/report_text.hpp"
#include "core/report/series_collector.hpp"
#include "core/report/series_readers.hpp"
#include "core/report/summary_export_reader.hpp"
#include "sim_test_support.hpp"

namespace loadtwin::sim {
namespace {

namespace json = boost::json;
using testing::metric;

// Two scenarios, injected errors, a threshold that fails and one with no samples.
constexpr char const* plan_json = R"({
  "model": {"first_token_delay": {"dist": "uniform", "min": "80ms", "max": "400ms"},
            "token_interval": "20ms", "tokens_per_response": 20, "error_rate": 0.05},
  "options": {
    "scenarios": {
      "chat": {"executor": "constant-vus", "vus": 8, "duration": "20s", "exec": "simple_query"},
      "burst": {"executor": "ramping-vus", "startVUs": 0, "exec": "simple_query",
                "startTime": "5s", "stages": [{"duration": "5s", "target": 12},
                                               {"duration": "5s", "target": 0}]}},
    "thresholds": {"first_token_latency": ["p(95)<300", "p(50)<500"],
                   "errors": ["rate<0.01"], "tool_invocation": ["p(95)<2000"]}}})";

struct KeepRecords final : core::RecordObserver {
  void on_record(core::RequestRecord const& r) override { records.push_back(r); }
  std::vector<core::RequestRecord> records;
};

struct Report {
  core::Summary summary;
  core::RunSeries series;
  std::string html;
  std::string ndjson;
  std::vector<core::RequestRecord> records;
};

Report run_report() {
  auto const plan = testing::plan_or_die(plan_json);
  Report r;
  std::ostringstream ndjson;
  std::unique_ptr<core::NdjsonWriter> writer;
  core::SeriesCollector collector(r.series);
  core::SampleFanout fanout;
  KeepRecords records;
  auto result = run_sim(plan, SimOptions{}, [&](core::TestRun& run) {
    run.set_record_observer(&records);
    writer = std::make_unique<core::NdjsonWriter>(ndjson, run.thresholds(), 0);
    fanout.add(writer.get());
    fanout.add(&collector);
    run.metrics().set_observer(&fanout);
  });
  r.summary = std::move(result.summary);
  r.html = core::render_run_html(r.summary, r.series);
  r.ndjson = ndjson.str();
  r.records = std::move(records.records);
  return r;
}

Report const& report() {
  static Report const r = run_report();
  return r;
}

json::object data_block(std::string const& html, std::string const& id) {
  std::string const open = "<script type=\"application/json\" id=\"" + id + "\">";
  auto const at = html.find(open);
  EXPECT_NE(at, std::string::npos);
  auto const start = at + open.size();
  auto const end = html.find("</script>", start);
  return json::parse(html.substr(start, end - start)).as_object();
}

std::uint64_t sum(json::array const& a) {
  std::uint64_t total = 0;
  for (auto const& v : a) total += v.to_number<std::uint64_t>();
  return total;
}

TEST(report_html_test, names_no_url_at_all) {
  auto const& html = report().html;
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);   // no external script or image
  EXPECT_EQ(html.find("href="), std::string::npos);  // no stylesheet or link
  EXPECT_NE(html.find("Chart.js v3"), std::string::npos) << "Chart.js is inlined";
}

TEST(report_html_test, thresholds_table_says_what_the_summary_says) {
  auto const& [summary, series, html, ndjson, records] = report();
  ASSERT_EQ(summary.verdicts.size(), 4U);  // the plan's four expressions
  auto const table = html.substr(html.find("<table id=\"thresholds\">"));
  for (auto const& v : summary.verdicts) {
    SCOPED_TRACE(v.key + " " + v.source);
    std::string const row = core::html_escape(v.key) + "</td><td class=\"name\">" +
                            core::html_escape(v.source) + "</td><td>" +
                            (v.no_samples ? std::string("—")
                                          : core::html_escape(core::describe_observed(v, ""))) +
                            "</td>";
    auto const at = table.find(row);
    ASSERT_NE(at, std::string::npos);
    auto const row_start = table.rfind("<tr>", at);
    std::string const verdict = v.passed ? "✓ pass" : "✗ fail";
    EXPECT_NE(table.substr(row_start, at - row_start).find(verdict), std::string::npos);
  }
  EXPECT_NE(table.find("✗ fail (no samples)</td><td class=\"name\">tool_invocation"),
            std::string::npos);
  EXPECT_NE(html.find("FAILED</span> (exit 99)"), std::string::npos);
}

TEST(report_html_test, series_totals_equal_the_summary_counts) {
  auto const& [summary, series, html, ndjson, records] = report();
  auto const data = data_block(html, "loadtwin-data");
  auto const windows = data.at("windows").to_number<std::uint64_t>();
  EXPECT_EQ(windows,
            static_cast<std::uint64_t>((summary.duration.count() + 999'999'999) / 1'000'000'000));
  auto const requests = sum(data.at("requests").as_array());
  EXPECT_EQ(requests, static_cast<std::uint64_t>(metric(summary, "http_reqs")->count));
  std::uint64_t errors = 0;
  for (auto const& [reason, counts] : data.at("errors").as_object()) {
    EXPECT_EQ(counts.as_array().size(), windows);
    errors += sum(counts.as_array());
  }
  EXPECT_EQ(errors, metric(summary, "errors")->passes);
  EXPECT_GT(errors, 0U);
  auto const ttft = metric(summary, "first_token_latency");
  auto const samples = data.at("totals").at("ttft_samples").to_number<std::uint64_t>();
  EXPECT_EQ(sum(data.at("histogram").at("counts").as_array()), samples);
  for (auto const* p : {"p50", "p95", "p99"}) {
    EXPECT_EQ(data.at("ttft_ms").at(p).as_array().size(), windows) << p;
  }
  double vus_max = 0;
  for (auto const& v : data.at("vus").as_array())
    vus_max = std::max(vus_max, v.to_number<double>());
  EXPECT_DOUBLE_EQ(vus_max, metric(summary, "vus_max")->max);
  EXPECT_GT(samples, 0U);
  EXPECT_EQ(ttft->trend.empty(), false);
}

TEST(report_html_test, has_every_chart_and_the_scenario_tables) {
  auto const& [summary, series, html, ndjson, records] = report();
  for (auto const* id :
       {"chart-vus", "chart-requests", "chart-errors", "chart-ttft", "chart-ttft-histogram",
        "id=\"scenarios\"", "id=\"errors-by-reason\"", "id=\"metrics\""}) {
    EXPECT_NE(html.find(id), std::string::npos) << id;
  }
  for (auto const& sc : summary.scenarios) {
    auto const& c = sc.counters;
    std::string const row = fmt::format(
        "<tr><td class=\"name\">{}</td><td class=\"name\">{}</td><td class=\"name\">{}</td>"
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
        sc.name, core::to_string(sc.executor), core::to_string(sc.exec), c.vus_max,
        c.iterations_started, c.iterations_completed, c.iterations_interrupted,
        c.iterations_dropped, c.requests_sent, c.requests_ok);
    EXPECT_NE(html.find(row), std::string::npos) << sc.name;
  }
}

TEST(report_html_test, ndjson_and_records_rebuild_the_run_series) {
  auto const& [summary, series, html, ndjson, records] = report();
  std::istringstream in(ndjson);
  std::string error;
  auto const rebuilt = core::read_series_ndjson(in, "samples.ndjson", error);
  ASSERT_TRUE(rebuilt) << error;
  auto a = core::run_series_json(summary, series);
  auto b = core::run_series_json(summary, *rebuilt);
  a.erase("source");
  b.erase("source");
  EXPECT_EQ(json::serialize(a), json::serialize(b));
}

TEST(report_html_test, records_rebuild_every_series_but_vus) {
  auto const& [summary, series, html, ndjson, records] = report();
  core::RunSeries rebuilt;
  for (auto const& r : records) core::add_record_to_series(rebuilt, r);
  auto a = core::run_series_json(summary, series);
  auto b = core::run_series_json(summary, rebuilt);
  EXPECT_FALSE(b.at("has_vus").as_bool());
  for (auto const* key : {"windows", "requests", "errors", "ttft_ms", "histogram", "totals"}) {
    EXPECT_EQ(json::serialize(a.at(key)), json::serialize(b.at(key))) << key;
  }
}

TEST(report_html_test, a_summary_alone_says_how_to_get_the_charts) {
  core::RunSeries none;
  auto const html = core::render_run_html(report().summary, none);
  EXPECT_NE(html.find("id=\"no-series\""), std::string::npos);
  EXPECT_EQ(html.find("chart-vus"), std::string::npos);
  EXPECT_NE(html.find("<table id=\"thresholds\">"), std::string::npos);
}

}  // namespace
}  // namespace loadtwin::sim

namespace loadtwin::sim {

TEST(report_html_test, notices_reach_the_page_and_survive_the_summary_export) {
  core::Summary summary = report().summary;
  summary.notices = {"remote target: api.example.com (--allow-remote)",
                     "first tls error: <verify failed>"};
  auto const html = core::render_run_html(summary, report().series);
  EXPECT_NE(html.find("remote target: api.example.com (--allow-remote)"), std::string::npos);
  EXPECT_NE(html.find("first tls error: &lt;verify failed&gt;"), std::string::npos);
  std::string error;
  auto const back =
      core::parse_summary_export(core::render_summary_export(summary), "export", error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->notices, summary.notices);
}

}  // namespace loadtwin::sim
