#pragma once
// A run's time series in 1 s windows, for the HTML report (SPEC "convert, inspect, report").
// Filled during the run by SeriesCollector (core/report/series_collector.hpp, a sample
// observer attached like the NDJSON writer), or after it from NDJSON samples or per-request
// records (core/report/series_readers.hpp). Window i covers test time [i s, (i+1) s); an
// event belongs to the window of the instant its sample carries: a request when it ends, a
// first token when it arrives.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace loadtwin::core {

struct SeriesWindow {
  bool vus_seen = false;                        // a vus sample fell in this window
  double vus_max = 0;                           // largest vus value sampled in the window
  double vus_last = 0;                          // last vus value sampled in the window
  std::uint64_t requests = 0;                   // http_reqs samples
  std::map<std::string, std::uint64_t> errors;  // errors=1 samples by reason
  std::vector<double> ttft_ms;                  // first_token_latency samples, in order
};

struct RunSeries {
  bool has_vus = false;        // records carry no VU counts: false when built from them
  std::string source = "run";  // "run", "samples" (NDJSON) or "records"
  std::vector<SeriesWindow> windows;

  // Each adds one sample at `offset` from the test's start (negative offsets go to window 0).
  void add_vus(Duration offset, double vus);
  void add_request(Duration offset);
  void add_error(Duration offset, std::string const& reason);
  void add_ttft(Duration offset, double ttft_ms);
  // Ensures windows cover [0, duration): a quiet tail still shows as zeros.
  void extend_to(Duration duration);
  // Folds every window from index `n` on into window n-1 (n > 0): a sample at exactly the
  // run's end instant belongs to the run's last window, not to a window of its own.
  void fold_past(std::size_t n);

  // Per window: the largest number of VUs active at any moment of it (the value carried
  // in from the previous window counts), so a flat run reads flat.
  [[nodiscard]] std::vector<double> vus_per_window() const;
  // Every reason seen, sorted; then per reason its count in each window.
  [[nodiscard]] std::map<std::string, std::vector<std::uint64_t>> errors_per_window() const;
  // k6's percentile (i = p·(n−1), linear) of each window's first-token latencies; windows
  // without one are nullopt (a gap in the chart, not a zero).
  [[nodiscard]] std::vector<std::optional<double>> ttft_percentile(double p) const;
  [[nodiscard]] std::uint64_t total_requests() const;
  [[nodiscard]] std::uint64_t total_ttft_samples() const;

 private:
  SeriesWindow& window_at(Duration offset);
};

// The first-token latencies of a whole run in bins of one "nice" width (1, 2, 2.5 or 5 x
// 10^k ms), about 40 of them. A long tail (max > 2 x p99, 200+ samples) is cut at p99 into
// one last open bin, so the body of the distribution stays readable.
struct Histogram {
  std::vector<double> edges_ms;       // bin i = [edges_ms[i], edges_ms[i+1]); one more edge
  std::vector<std::uint64_t> counts;  // sums to the number of samples
  bool open_last = false;             // the last bin is [edges_ms[n-1], max]: the cut tail
  std::vector<std::string> labels;    // "100–105 ms", or "≥ 480 ms" for an open last bin
};
Histogram ttft_histogram(RunSeries const& series);

// Adds `part` to `into` window by window (merge of execution segments that share a start):
// counts add, first-token samples join, VU values add (each segment runs its own VUs;
// past a series' end its last value holds).
void merge_series(RunSeries& into, RunSeries const& part);

// k6's percentile of `sorted` values (p in [0, 1]); sorted must not be empty.
double sorted_percentile(std::vector<double> const& sorted, double p);

}  // namespace loadtwin::core
