#include "core/calibrate/validation.hpp"

#include <algorithm>
#include <cmath>

#include "core/calibrate/fit_distribution.hpp"
#include "core/metrics/tags.hpp"
#include "core/metrics/threshold_expr.hpp"

namespace loadtwin::core {
namespace {

double ms_between(Instant a, Instant b) { return to_ms(b - a); }

bool matches(ObservedRequest const& r,
             std::vector<std::pair<std::string, std::string>> const& filter, bool& known) {
  for (auto const& [key, value] : filter) {
    if (key == "scenario") {
      if (r.scenario != value) return false;
    } else if (key == "kind") {
      if (to_string(r.exec) != value) return false;
    } else if (key == "status") {
      if (std::to_string(r.status) != value) return false;
    } else {
      known = false;
      return false;
    }
  }
  return true;
}

std::optional<double> trend_value(std::vector<double> values, ThresholdExpr const& e) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  switch (e.aggregation) {
    case Aggregation::percentile:
      return sample_quantile(values, e.percentile / 100);
    case Aggregation::med:
      return sample_quantile(values, 0.5);
    case Aggregation::min:
      return values.front();
    case Aggregation::max:
      return values.back();
    case Aggregation::avg: {
      double sum = 0;
      for (double v : values) sum += v;
      return sum / static_cast<double>(values.size());
    }
    case Aggregation::count:
      return static_cast<double>(values.size());
    default:
      return std::nullopt;
  }
}

}  // namespace

ObservedRequest observe(RequestRecord const& r) {
  ObservedRequest o{r.scenario, r.exec, r.status, r.outcome, {}, {}, {}, {}};
  if (r.first_text) {
    o.first_token = ms_between(r.sent, *r.first_text);
    Duration previous = *r.first_text - r.sent;
    for (auto const& d : r.deltas) {
      o.gaps.push_back(to_ms(d.offset - previous));
      previous = d.offset;
    }
  }
  bool const answered = r.status != 0 && r.end &&
                        (r.outcome == RecordOutcome::ok || r.outcome == RecordOutcome::error);
  if (answered) o.duration = ms_between(r.sent, *r.end);
  if (answered && r.exec == RequestKind::tool_call && r.status == 200 &&
      r.outcome == RecordOutcome::ok) {
    o.tool = o.duration;
  }
  return o;
}

std::optional<std::vector<double>> observed_samples(
    std::vector<ObservedRequest> const& requests, std::string_view metric,
    std::vector<std::pair<std::string, std::string>> const& filter) {
  std::vector<double> out;
  bool known = true;
  for (auto const& r : requests) {
    if (!matches(r, filter, known)) continue;
    if (metric == "first_token_latency" && r.first_token) out.push_back(*r.first_token);
    if (metric == "inter_token_latency") out.insert(out.end(), r.gaps.begin(), r.gaps.end());
    if (metric == "tool_invocation" && r.tool) out.push_back(*r.tool);
    if (metric == "http_req_duration" && r.duration) out.push_back(*r.duration);
  }
  if (!known) return std::nullopt;
  return out;
}

std::optional<bool> observed_verdict(std::vector<ObservedRequest> const& requests,
                                     std::string const& key, std::string const& source) {
  auto const selector = parse_metric_selector(key);
  auto const parsed = parse_threshold_expr(source);
  if (!selector.selector || !parsed.expr) return std::nullopt;
  auto const& metric = selector.selector->metric;
  auto const& filter = selector.selector->tags.entries();
  std::optional<double> value;
  if (metric == "errors") {
    std::uint64_t n = 0, bad = 0;
    bool known = true;
    for (auto const& r : requests) {
      if (!matches(r, filter, known)) continue;
      if (r.outcome != RecordOutcome::ok && r.outcome != RecordOutcome::error) continue;
      ++n;
      if (r.outcome == RecordOutcome::error) ++bad;
    }
    if (!known || parsed.expr->aggregation != Aggregation::rate) return std::nullopt;
    if (n == 0) return std::nullopt;
    value = static_cast<double>(bad) / static_cast<double>(n);
  } else if (std::find(std::begin(validated_metrics), std::end(validated_metrics), metric) !=
             std::end(validated_metrics)) {
    auto samples = observed_samples(requests, metric, filter);
    if (!samples) return std::nullopt;
    value = trend_value(std::move(*samples), *parsed.expr);
    if (!value) return false;  // no samples: the gate fails closed (SPEC "No data")
  } else {
    return std::nullopt;
  }
  return compare(*value, parsed.expr->comparison, parsed.expr->limit);
}

bool Validation::verdicts_agree() const {
  return std::all_of(verdicts.begin(), verdicts.end(), [](auto const& v) { return v.agrees(); });
}

Validation score_validation(std::vector<ObservedRequest> const& observed,
                            RunPercentiles const& runs, std::vector<VerdictRow> verdicts) {
  Validation v;
  v.verdicts = std::move(verdicts);
  double error_sum = 0;
  for (auto const metric : validated_metrics) {
    auto samples = *observed_samples(observed, metric, {});
    if (samples.size() < min_observed_samples) {
      v.skipped.emplace_back(metric);
      continue;
    }
    std::sort(samples.begin(), samples.end());
    auto const it = runs.find(std::string(metric));
    for (double p : validated_percentiles) {
      if (it == runs.end() || !it->second.contains(p)) continue;
      std::vector<double> predicted = it->second.at(p);
      if (predicted.empty()) continue;
      std::sort(predicted.begin(), predicted.end());
      PredictionCell cell{std::string(metric),
                          p,
                          sample_quantile(samples, p / 100),
                          sample_quantile(predicted, 0.5),
                          sample_quantile(predicted, 0.025),
                          sample_quantile(predicted, 0.975),
                          0,
                          false};
      cell.relative_error =
          cell.observed == 0 ? std::abs(cell.predicted)
                             : std::abs(cell.predicted - cell.observed) / std::abs(cell.observed);
      cell.in_interval = cell.observed >= cell.lo && cell.observed <= cell.hi;
      error_sum += cell.relative_error;
      v.cells.push_back(cell);
    }
  }
  v.mean_error = v.cells.empty() ? 0 : error_sum / static_cast<double>(v.cells.size());
  return v;
}

}  // namespace loadtwin::core
