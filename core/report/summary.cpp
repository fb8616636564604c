#include "core/report/summary.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdlib>

#include "core/report/report_text.hpp"

namespace loadtwin::core {

double trend_stat(TrendSink const& sink, std::string const& stat) {
  if (stat == "avg") return sink.avg_ms();
  if (stat == "min") return sink.min_ms();
  if (stat == "max") return sink.max_ms();
  if (stat == "med") return sink.med_ms();
  if (stat == "count") return static_cast<double>(sink.count());
  if (stat.size() > 3 && stat.starts_with("p(")) {
    return sink.percentile_ms(std::strtod(stat.c_str() + 2, nullptr) / 100.0);
  }
  return 0;
}

namespace {

MetricSummary summarize_sink(SinkEntry const& entry, Plan const& plan, Duration duration) {
  auto const& m = info(entry.metric);
  MetricSummary out;
  out.name = entry.name;
  out.type = m.type;
  out.is_time = m.is_time;
  out.is_submetric = entry.is_submetric;
  out.suffix = entry.suffix;
  double const secs = static_cast<double>(duration.count()) / 1e9;
  std::visit(
      [&](auto const& s) {
        using S = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<S, CounterSink>) {
          out.samples = s.samples;
          out.count = s.sum;
          out.per_second = secs > 0 ? s.sum / secs : 0;
        } else if constexpr (std::is_same_v<S, GaugeSink>) {
          out.samples = s.samples;
          out.value = s.last, out.min = s.min, out.max = s.max;
        } else if constexpr (std::is_same_v<S, RateSink>) {
          out.samples = s.total;
          out.rate = s.rate(), out.passes = s.trues, out.fails = s.total - s.trues;
        } else {
          out.samples = s.count();
          for (auto const& stat : plan.summary_trend_stats) {
            out.trend.emplace_back(stat, trend_stat(s, stat));
          }
          out.p50 = s.percentile_ms(0.5), out.p95 = s.percentile_ms(0.95);
          out.p99 = s.percentile_ms(0.99);
        }
      },
      entry.sink);
  return out;
}

}  // namespace

Summary summarize(TestRun const& run, Plan const& plan, bool no_data_fail) {
  Summary summary = summarize(RunView{run.metrics(), run.thresholds(), run.scenario_reports(),
                                      run.duration(), run.stop_reason(), run.seed()},
                              plan, no_data_fail);
  if (run.stop_reason() == StopReason::threshold_abort) {  // k6: "aborted by thresholds"
    summary.stop_message = fmt::format(
        "aborted at {} by abortOnFail: {}",
        humanize_ms(static_cast<double>(run.abort_at().value_or(run.duration()).count()) / 1e6),
        fmt::join(run.abort_thresholds(), ", "));
  }
  return summary;
}

Summary summarize(RunView const& run, Plan const& plan, bool no_data_fail) {
  Summary summary;
  summary.seed = run.seed;
  summary.duration = run.duration;
  summary.stop = run.stop;
  summary.verdicts = run.thresholds.evaluate(summary.duration, no_data_fail);
  summary.scenarios = run.scenarios;
  summary.trend_stats = plan.summary_trend_stats;
  summary.time_unit = plan.summary_time_unit;
  for (SinkEntry const* entry : run.metrics.entries()) {
    bool thresholded = false;
    for (auto const& t : run.thresholds.all()) {
      thresholded = thresholded || t.sink == entry ||
                    (!entry->is_submetric && t.sink->metric == entry->metric);
    }
    if (sink_empty(*entry) && !thresholded) continue;
    auto m = summarize_sink(*entry, plan, summary.duration);
    for (auto const& t : run.thresholds.all()) m.has_thresholds |= t.sink == entry;
    summary.metrics.push_back(std::move(m));
  }
  return summary;
}

ExitCode exit_code(Summary const& summary) {
  if (summary.stop == StopReason::interrupted) return ExitCode::interrupted;
  if (summary.stop == StopReason::engine_bound) return ExitCode::engine_bound;
  if (summary.stop == StopReason::budget) return ExitCode::budget;
  if (summary.stop == StopReason::threshold_abort) return ExitCode::thresholds_failed;
  for (auto const& v : summary.verdicts) {
    if (!v.passed) return ExitCode::thresholds_failed;
  }
  return ExitCode::ok;
}

}  // namespace loadtwin::core
