#pragma once
// Threshold evaluation with k6's semantics (metrics/thresholds.go, engine.go):
// periodic checks for abortOnFail skip empty sinks; the final evaluation does not, and an
// empty Trend/Counter/Gauge reads 0 while an empty Rate passes (REFERENCE §1.4).
#include <optional>
#include <string>
#include <vector>

#include "core/metrics/metrics.hpp"
#include "core/plan/plan.hpp"
#include "core/metrics/threshold_expr.hpp"

namespace loadtwin::core {

struct Threshold {
  std::string key;  // "first_token_latency{scenario:simple_query}"
  SinkEntry const* sink = nullptr;
  ThresholdExpr expr;
  bool abort_on_fail = false;
  std::optional<Duration> delay_abort_eval;
};

struct ThresholdVerdict {
  std::string key;
  std::string source;    // "p(95)<500"
  std::string agg_text;  // "p(95)"
  bool passed = true;
  bool no_samples = false;
  std::optional<double> observed;  // nullopt for an empty Rate (no value at all)
  MetricType type = MetricType::trend;
  bool is_time = false;
};

// The value `expr` tests on `sink`: ms for time trends; Counter rate = count / test seconds.
std::optional<double> aggregate(SinkEntry const& sink, ThresholdExpr const& expr,
                                Duration test_duration);
[[nodiscard]] bool sink_empty(SinkEntry const& sink);

class Thresholds {
 public:
  // Declares the submetrics the plan's thresholds need (plus k6's
  // http_req_duration{expected_response:true}); call before any sample.
  Thresholds(Plan const& plan, Metrics& metrics);

  // The periodic abortOnFail check at test time `elapsed`; true when the test must stop.
  bool abort_due(Duration elapsed) const;
  // The abortOnFail thresholds that fail at `elapsed`, as "key expression" (what stopped
  // the run, for the summary and the part).
  [[nodiscard]] std::vector<std::string> aborting(Duration elapsed) const;
  // The final verdicts, in plan order. `no_data_fail` makes thresholds on empty sinks fail.
  [[nodiscard]] std::vector<ThresholdVerdict> evaluate(Duration test_duration,
                                                       bool no_data_fail) const;
  [[nodiscard]] std::vector<Threshold> const& all() const { return thresholds_; }

 private:
  std::vector<Threshold> thresholds_;
};

}  // namespace loadtwin::core
