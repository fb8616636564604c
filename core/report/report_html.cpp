#include "core/report/report_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cmath>
#include <utility>

#include "core/report/html_page.hpp"
#include "core/report/report_text.hpp"

namespace loadtwin::embedded {
extern char const run_report_js[];
extern std::size_t const run_report_js_size;
}  // namespace loadtwin::embedded

namespace loadtwin::core {
namespace {

namespace json = boost::json;

// Milliseconds to the microsecond: enough for a chart, and a small file.
json::value rounded(std::optional<double> ms) {
  if (!ms) return nullptr;
  return std::round(*ms * 1000) / 1000;
}

template <typename T>
json::array to_array(std::vector<T> const& values) {
  json::array out;
  out.reserve(values.size());
  for (auto const& v : values) out.emplace_back(v);
  return out;
}

json::array percentile_array(RunSeries const& series, double p) {
  json::array out;
  for (auto const& v : series.ttft_percentile(p)) out.push_back(rounded(v));
  return out;
}

json::object histogram_json(RunSeries const& series) {
  auto const h = ttft_histogram(series);
  json::array edges;
  for (double e : h.edges_ms) edges.push_back(rounded(e));
  return json::object{{"labels", to_array(h.labels)},
                      {"counts", to_array(h.counts)},
                      {"edges_ms", std::move(edges)},
                      {"open_last", h.open_last}};
}

std::string verdict_text(Summary const& s) {
  auto const code = exit_code(s);
  if (code == ExitCode::ok) return "<span class=\"verdict pass\">PASSED</span> (exit 0)";
  return fmt::format("<span class=\"verdict fail\">FAILED</span> (exit {})",
                     static_cast<int>(code));
}

std::string header_html(Summary const& s, RunSeries const& series) {
  std::string out = "<h1>loadtwin report</h1>\n<p class=\"meta\">";
  out += s.simulated ? fmt::format("sim, seed {}, virtual duration ", s.seed) : "live, duration ";
  out += html_escape(humanize_ms(to_ms(s.duration)));
  out += fmt::format(", {} scenario{}", s.scenarios.size(), s.scenarios.size() == 1 ? "" : "s");
  if (series.source == "samples") out += "; time series from NDJSON samples";
  if (series.source == "records") out += "; time series from per-request records";
  out += "</p>\n<p id=\"verdict\">" + verdict_text(s) + "</p>\n";
  if (!s.stop_message.empty()) out += "<p class=\"note\">" + html_escape(s.stop_message) + "</p>\n";
  // How the run was made (remote host, --insecure, first failures, rate limits).
  for (auto const& notice : s.notices) {
    out += "<p class=\"note notice\">" + html_escape(notice) + "</p>\n";
  }
  return out;
}

std::string thresholds_html(Summary const& s) {
  std::string out = "<h2>Thresholds</h2>\n";
  if (s.verdicts.empty()) return out + "<p class=\"note\">The plan has no thresholds.</p>\n";
  out +=
      "<table id=\"thresholds\">\n<tr><th class=\"name\">verdict</th><th class=\"name\">"
      "metric</th><th class=\"name\">threshold</th><th>observed</th></tr>\n";
  for (auto const& v : s.verdicts) {
    std::string const verdict =
        std::string(v.passed ? "✓ pass" : "✗ fail") + (v.no_samples ? " (no samples)" : "");
    out += fmt::format(
        "<tr><td class=\"{}\">{}</td><td class=\"name\">{}</td><td class=\"name\">{}</td>"
        "<td>{}</td></tr>\n",
        v.passed ? "pass" : "fail", verdict, html_escape(v.key), html_escape(v.source),
        v.no_samples ? "—" : html_escape(describe_observed(v, s.time_unit)));  // no value seen
  }
  return out + "</table>\n";
}

// One metric's values as the text summary shows them.
std::string metric_values(MetricSummary const& m, std::string const& unit) {
  switch (m.type) {
    case MetricType::counter:
      return fmt::format("{:g} ({:.2f}/s)", m.count, m.per_second);
    case MetricType::gauge:
      return fmt::format("{:g} (min {:g}, max {:g})", m.value, m.min, m.max);
    case MetricType::rate:
      return fmt::format("{:.2f}% ({} of {})", 100 * m.rate, m.passes, m.passes + m.fails);
    case MetricType::trend:
      break;
  }
  std::string out;
  for (auto const& [stat, value] : m.trend) {
    out += (out.empty() ? "" : "  ") + stat + "=" +
           (m.is_time ? humanize_ms(value, unit) : fmt::format("{:g}", value));
  }
  return out;
}

std::string metrics_html(Summary const& s) {
  std::string out =
      "<h2>Metrics</h2>\n<table id=\"metrics\">\n<tr><th class=\"name\">"
      "metric</th><th class=\"name\">type</th><th class=\"name\">values</th>"
      "</tr>\n";
  for (auto const& m : s.metrics) {
    out += fmt::format(
        "<tr><td class=\"name\">{}</td><td class=\"name\">{}</td><td class=\"name\">{}"
        "</td></tr>\n",
        html_escape(m.name), to_string(m.type), html_escape(metric_values(m, s.time_unit)));
  }
  return out + "</table>\n";
}

std::string scenario_row(ScenarioReport const& r) {
  auto const& c = r.counters;
  return fmt::format(
      "<tr><td class=\"name\">{}</td><td class=\"name\">{}</td><td class=\"name\">{}</td>"
      "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
      "<td>{}</td><td>{}</td></tr>\n",
      html_escape(r.name), to_string(r.executor), to_string(r.exec), c.vus_max,
      c.iterations_started, c.iterations_completed, c.iterations_interrupted, c.iterations_dropped,
      c.requests_sent, c.requests_ok, c.requests_error, c.requests_interrupted, c.requests_aborted);
}

// Reasons as columns (only those seen), scenarios as rows, a total row.
std::string errors_by_reason_html(Summary const& s) {
  std::array<std::uint64_t, error_reason_count> total{};
  for (auto const& r : s.scenarios) {
    for (std::size_t i = 0; i < total.size(); ++i) total[i] += r.counters.errors_by_reason[i];
  }
  std::vector<std::size_t> seen;
  for (std::size_t i = 0; i < total.size(); ++i) {
    if (total[i] > 0) seen.push_back(i);
  }
  if (seen.empty()) return "<h3>Errors by reason</h3>\n<p class=\"note\">No errors.</p>\n";
  std::string out =
      "<h3>Errors by reason</h3>\n<table id=\"errors-by-reason\">\n"
      "<tr><th class=\"name\">scenario</th>";
  for (auto i : seen) out += "<th>" + std::string(to_string(static_cast<ErrorReason>(i))) + "</th>";
  out += "</tr>\n";
  auto const row = [&](std::string const& name, auto const& counts, bool is_total) {
    out += is_total ? "<tr class=\"total\">" : "<tr>";
    out += "<td class=\"name\">" + html_escape(name) + "</td>";
    for (auto i : seen) out += fmt::format("<td>{}</td>", counts[i]);
    out += "</tr>\n";
  };
  for (auto const& r : s.scenarios) row(r.name, r.counters.errors_by_reason, false);
  row("all scenarios", total, true);
  return out + "</table>\n";
}

std::string scenarios_html(Summary const& s) {
  std::string out = "<h2>Scenarios</h2>\n";
  if (s.scenarios.empty()) return out + "<p class=\"note\">No scenario accounting.</p>\n";
  out +=
      "<table id=\"scenarios\">\n<tr><th class=\"name\" rowspan=\"2\">scenario</th>"
      "<th class=\"name\" rowspan=\"2\">executor</th><th class=\"name\" rowspan=\"2\">"
      "exec</th><th rowspan=\"2\">VUs max</th><th colspan=\"4\">iterations</th>"
      "<th colspan=\"5\">requests</th></tr>\n<tr><th>started</th><th>completed</th>"
      "<th>interrupted</th><th>dropped</th><th>sent</th><th>ok</th><th>error</th>"
      "<th>interrupted</th><th>aborted</th></tr>\n";
  for (auto const& r : s.scenarios) out += scenario_row(r);
  return out + "</table>\n" + errors_by_reason_html(s);
}

// A chart's frame: the script draws into the canvas, or replaces the box with `empty_note`.
std::string chart_box(std::string const& id, std::string const& title) {
  return fmt::format(
      "<div class=\"chart\"><h3>{}</h3><div class=\"canvas-box\"><canvas id=\"{}\">"
      "</canvas></div></div>\n",
      html_escape(title), id);
}

std::string charts_html(RunSeries const& series) {
  std::string out = "<h2>Over time (1 s windows)</h2>\n";
  if (series.windows.empty()) {
    return out +
           "<p class=\"note\" id=\"no-series\">No time series: this report was made "
           "from a summary-export alone. Give loadtwin report --samples (the run's "
           "--out json=FILE) or --records (--out requests=FILE), or use --html on the "
           "run itself.</p>\n";
  }
  out += "<div class=\"charts\">\n";
  out += chart_box("chart-vus", "Active VUs (largest in each window)");
  out += chart_box("chart-requests", "Requests per second (by when they ended)");
  out += chart_box("chart-errors", "Errors per second by reason");
  out += chart_box("chart-ttft", "Time to first token per window: p50, p95, p99 (ms)");
  out += chart_box("chart-ttft-histogram", "Time to first token: histogram of all requests");
  return out + "</div>\n";
}

}  // namespace

json::object run_series_json(Summary const& summary, RunSeries const& series) {
  // Windows cover the whole run: a quiet tail shows as zeros (no copy of the samples).
  auto const whole =
      static_cast<std::size_t>((summary.duration + seconds(1) - Duration{1}) / seconds(1));
  if (whole > 0 && series.windows.size() > whole) {  // samples at the end instant
    RunSeries folded = series;
    folded.fold_past(whole);
    return run_series_json(summary, folded);
  }
  std::size_t const n = std::max(series.windows.size(), whole);
  std::vector<std::uint64_t> requests(n, 0);
  for (std::size_t i = 0; i < series.windows.size(); ++i) requests[i] = series.windows[i].requests;
  json::object errors;
  std::uint64_t error_total = 0;
  for (auto [reason, counts] : series.errors_per_window()) {
    for (auto c : counts) error_total += c;
    counts.resize(n, 0);
    errors[reason] = to_array(counts);
  }
  json::array vus;
  if (series.has_vus) {
    auto values = series.vus_per_window();
    values.resize(n, values.empty() ? 0 : values.back());
    vus = to_array(values);
  }
  json::object ttft;
  std::array<std::pair<char const*, double>, 3> const percentiles{
      {{"p50", 0.50}, {"p95", 0.95}, {"p99", 0.99}}};
  for (auto const& [name, p] : percentiles) {
    auto values = percentile_array(series, p);
    values.resize(n, nullptr);
    ttft[name] = std::move(values);
  }
  return json::object{{"windows", n},
                      {"window_s", 1},
                      {"source", series.source},
                      {"has_vus", series.has_vus},
                      {"vus", std::move(vus)},
                      {"requests", to_array(requests)},
                      {"errors", std::move(errors)},
                      {"ttft_ms", std::move(ttft)},
                      {"histogram", histogram_json(series)},
                      {"totals", json::object{{"requests", series.total_requests()},
                                              {"errors", error_total},
                                              {"ttft_samples", series.total_ttft_samples()}}}};
}

std::string render_run_html(Summary const& summary, RunSeries const& series) {
  std::string out = html_page_open("loadtwin report");
  out += header_html(summary, series);
  out += thresholds_html(summary);
  out += charts_html(series);
  out += scenarios_html(summary);
  out += metrics_html(summary);
  if (!series.windows.empty()) {
    out += html_data_block("loadtwin-data", run_series_json(summary, series));
    out += html_script({embedded::run_report_js, embedded::run_report_js_size});
  }
  return out + html_page_close();
}

}  // namespace loadtwin::core
