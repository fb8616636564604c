#pragma once
// `loadtwin validate`'s scoring (SPEC "Calibration"): a held-out record's observed
// percentiles and SLO verdicts against sim replications' predictions. Pure: the app runs
// the replications and hands over each run's percentiles and verdicts.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/plan/plan.hpp"
#include "core/run/request_record.hpp"

namespace loadtwin::core {

// The metrics validate compares, and the percentiles.
inline constexpr std::string_view validated_metrics[] = {
    "first_token_latency", "inter_token_latency", "tool_invocation", "http_req_duration"};
inline constexpr double validated_percentiles[] = {50, 90, 95, 99};
inline constexpr std::uint64_t min_observed_samples = 100;

// One request of the held-out record, reduced to what validate needs (ms).
struct ObservedRequest {
  std::string scenario;
  RequestKind exec = RequestKind::simple_query;
  int status = 0;
  RecordOutcome outcome = RecordOutcome::ok;
  std::optional<double> first_token, tool, duration;
  std::vector<double> gaps;
};
ObservedRequest observe(RequestRecord const& record);

// The samples of `metric` (a validated one) among `requests` whose tags match `filter`
// (scenario, kind, status; nullopt when the filter names another tag).
std::optional<std::vector<double>> observed_samples(
    std::vector<ObservedRequest> const& requests, std::string_view metric,
    std::vector<std::pair<std::string, std::string>> const& filter);

// A plan threshold evaluated on the record: pass/fail, or nullopt when the record cannot
// show it (a metric or tag the records do not carry).
std::optional<bool> observed_verdict(std::vector<ObservedRequest> const& requests,
                                     std::string const& key, std::string const& source);

struct PredictionCell {
  std::string metric;
  double percentile = 0;
  double observed = 0;
  double predicted = 0;   // median over runs
  double lo = 0, hi = 0;  // 2.5% and 97.5% over runs
  double relative_error = 0;
  bool in_interval = false;
};

struct VerdictRow {
  std::string key, source;
  double pass_fraction = 0;      // of the runs
  std::optional<bool> observed;  // nullopt: not comparable
  [[nodiscard]] bool predicted() const { return pass_fraction >= 0.5; }
  [[nodiscard]] bool agrees() const { return !observed || *observed == predicted(); }
};

struct Validation {
  std::vector<PredictionCell> cells;
  std::vector<VerdictRow> verdicts;
  std::vector<std::string> skipped;  // metrics with fewer than 100 observed samples
  double mean_error = 0;
  [[nodiscard]] bool verdicts_agree() const;
};

// runs[metric][p] = one value per run (ms).
using RunPercentiles = std::map<std::string, std::map<double, std::vector<double>>>;

Validation score_validation(std::vector<ObservedRequest> const& observed,
                            RunPercentiles const& runs, std::vector<VerdictRow> verdicts);

}  // namespace loadtwin::core
