#include "core/metrics/thresholds.hpp"

#include "core/assert.hpp"

namespace loadtwin::core {

bool sink_empty(SinkEntry const& sink) {
  return std::visit(
      [](auto const& s) {
        using S = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<S, RateSink>) {
          return s.total == 0;
        } else if constexpr (std::is_same_v<S, TrendSink>) {
          return s.count() == 0;
        } else {
          return s.samples == 0;
        }
      },
      sink.sink);
}

std::optional<double> aggregate(SinkEntry const& sink, ThresholdExpr const& expr,
                                Duration test_duration) {
  if (auto const* t = std::get_if<TrendSink>(&sink.sink)) {
    switch (expr.aggregation) {
      case Aggregation::avg:
        return t->avg_ms();
      case Aggregation::min:
        return t->min_ms();
      case Aggregation::max:
        return t->max_ms();
      case Aggregation::med:
        return t->med_ms();
      case Aggregation::percentile:
        return t->percentile_ms(expr.percentile / 100.0);
      default:
        return std::nullopt;
    }
  }
  if (auto const* c = std::get_if<CounterSink>(&sink.sink)) {
    if (expr.aggregation == Aggregation::count) return c->sum;
    double const secs = static_cast<double>(test_duration.count()) / 1e9;
    return secs > 0 ? c->sum / secs : 0.0;
  }
  if (auto const* g = std::get_if<GaugeSink>(&sink.sink)) return g->last;
  auto const& r = std::get<RateSink>(sink.sink);
  if (r.total == 0) return std::nullopt;  // k6: no key at all, the threshold passes
  return r.rate();
}

Thresholds::Thresholds(Plan const& plan, Metrics& metrics) {
  metrics.submetric(
      MetricId::http_req_duration,
      [] {
        TagSet t;
        t.set("expected_response", "true");
        return t;
      }(),
      "expected_response:true");
  for (auto const& set : plan.thresholds) {
    auto const parsed = parse_metric_selector(set.key);
    LT_ASSERT(parsed.selector.has_value(), "threshold keys are validated by the plan loader");
    auto const id = find_metric(parsed.selector->metric);
    LT_ASSERT(id.has_value(), "threshold metrics are validated by the plan loader");
    SinkEntry const* sink =
        parsed.selector->tags.entries().empty()
            ? &metrics.parent(*id)
            : &metrics.submetric(*id, parsed.selector->tags, parsed.selector->suffix);
    for (auto const& config : set.thresholds) {
      auto expr = parse_threshold_expr(config.source);
      LT_ASSERT(expr.expr.has_value(), "threshold expressions are validated by the plan loader");
      thresholds_.push_back(
          Threshold{set.key, sink, *expr.expr, config.abort_on_fail, config.delay_abort_eval});
    }
  }
}

bool Thresholds::abort_due(Duration elapsed) const {
  for (auto const& t : thresholds_) {
    if (!t.abort_on_fail || sink_empty(*t.sink)) continue;
    auto const value = aggregate(*t.sink, t.expr, elapsed);
    bool const failed = value && !compare(*value, t.expr.comparison, t.expr.limit);
    bool const grace_over = !t.delay_abort_eval || *t.delay_abort_eval < elapsed;
    if (failed && grace_over) return true;
  }
  return false;
}

std::vector<std::string> Thresholds::aborting(Duration elapsed) const {
  std::vector<std::string> out;
  for (auto const& t : thresholds_) {
    if (!t.abort_on_fail || sink_empty(*t.sink)) continue;
    auto const value = aggregate(*t.sink, t.expr, elapsed);
    bool const failed = value && !compare(*value, t.expr.comparison, t.expr.limit);
    bool const grace_over = !t.delay_abort_eval || *t.delay_abort_eval < elapsed;
    if (failed && grace_over) out.push_back(t.key + " " + t.expr.source);
  }
  return out;
}

std::vector<ThresholdVerdict> Thresholds::evaluate(Duration test_duration,
                                                   bool no_data_fail) const {
  std::vector<ThresholdVerdict> out;
  for (auto const& t : thresholds_) {
    auto const& m = info(t.sink->metric);
    ThresholdVerdict v{t.key,
                       t.expr.source,
                       t.expr.agg_text,
                       true,
                       sink_empty(*t.sink),
                       aggregate(*t.sink, t.expr, test_duration),
                       m.type,
                       m.is_time};
    v.passed = !v.observed || compare(*v.observed, t.expr.comparison, t.expr.limit);
    if (v.no_samples && no_data_fail) v.passed = false;
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace loadtwin::core
