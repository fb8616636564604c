#pragma once
// Gathers a run's 1 s windows while it runs (the HTML report's time series): a sample
// observer attached to the run's Metrics like the NDJSON writer, so it sees exactly the
// samples the summary counts -- vus, http_reqs, errors=1 with their reason, and
// first_token_latency. Core thread only, like every observer.
#include "core/metrics/metrics.hpp"
#include "core/report/run_series.hpp"

namespace loadtwin::core {

class SeriesCollector final : public SampleObserver {
 public:
  // `series` must outlive the collector; it is filled as samples arrive.
  explicit SeriesCollector(RunSeries& series) : series_(series) { series_.source = "run"; }
  void on_sample(MetricId metric, TagSet const& tags, Instant at, double value) override;

 private:
  RunSeries& series_;
};

// What one sample adds to `series` (shared with the NDJSON reader, so a report rebuilt from
// `--out json` equals the one gathered during the run). `reason` is the errors sample's tag.
void add_sample_to_series(RunSeries& series, MetricId metric, Duration offset, double value,
                          std::string const& reason);

}  // namespace loadtwin::core
