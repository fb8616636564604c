#include "core/report/series_collector.hpp"

namespace loadtwin::core {

void add_sample_to_series(RunSeries& series, MetricId metric, Duration offset, double value,
                          std::string const& reason) {
  switch (metric) {
    case MetricId::vus:
      series.add_vus(offset, value);
      break;
    case MetricId::http_reqs:
      series.add_request(offset);
      break;
    case MetricId::errors:
      if (value != 0) series.add_error(offset, reason.empty() ? "unknown" : reason);
      break;
    case MetricId::first_token_latency:
      series.add_ttft(offset, value);
      break;
    default:
      break;
  }
}

void SeriesCollector::on_sample(MetricId metric, TagSet const& tags, Instant at, double value) {
  std::string reason;
  if (metric == MetricId::errors && value != 0) {
    reason = std::string(tags.get("reason").value_or(""));
  }
  add_sample_to_series(series_, metric, since_start(at), value, reason);
}

}  // namespace loadtwin::core
