#pragma once
// Machine-readable outputs: k6's legacy --summary-export JSON and --out json NDJSON samples.
#include <cstdint>
#include <ostream>
#include <set>
#include <string>

#include "core/metrics/metrics.hpp"
#include "core/report/summary.hpp"
#include "core/metrics/thresholds.hpp"

namespace loadtwin::core {

// k6's summary-export shape (REFERENCE §1.8): root_group + metrics, threshold booleans
// inverted (true = failed), Rate metrics under "value". A top-level "loadtwin" object adds
// seed, duration and the per-scenario accounting; k6 readers ignore it.
std::string render_summary_export(Summary const& summary);

// RFC 3339 with nanoseconds, trailing zeros trimmed (Go's RFC3339Nano):
// epoch_ns 1500000000 -> "1970-01-01T00:00:01.5Z".
std::string rfc3339_nano(std::int64_t epoch_ns);
// Parses "YYYY-MM-DDTHH:MM:SS[.fraction]Z" to nanoseconds since the epoch.
std::optional<std::int64_t> parse_rfc3339(std::string const& text);

// k6 --out json: a "Metric" line the first time a metric is seen, then one "Point" line
// per sample. Times are start + the sample's test offset.
class NdjsonWriter final : public SampleObserver {
 public:
  NdjsonWriter(std::ostream& out, Thresholds const& thresholds, std::int64_t start_epoch_ns);
  void on_sample(MetricId metric, TagSet const& tags, Instant at, double value) override;

 private:
  void declare(MetricId metric);
  std::ostream& out_;
  Thresholds const& thresholds_;
  std::int64_t start_epoch_ns_;
  std::set<MetricId> declared_;
};

}  // namespace loadtwin::core
