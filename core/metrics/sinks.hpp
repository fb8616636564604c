#pragma once
// Per-metric accumulators with k6's semantics (metrics/sink.go). Trend keeps every value
// (as integer nanoseconds, run-length compacted) so percentiles are exact, never estimated.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <variant>
#include <vector>

#include "core/time.hpp"

namespace loadtwin::core {

struct CounterSink {
  double sum = 0;
  std::uint64_t samples = 0;
  void add(double value) { sum += value, ++samples; }
};

struct GaugeSink {
  double last = 0, min = 0, max = 0;
  std::uint64_t samples = 0;
  void add(double value);
};

struct RateSink {
  std::uint64_t trues = 0, total = 0;
  void add(bool value) { trues += value ? 1 : 0, ++total; }
  [[nodiscard]] double rate() const {
    return total == 0 ? 0 : static_cast<double>(trues) / static_cast<double>(total);
  }
};

// Time trend. Values are integer nanoseconds; statistics are reported in milliseconds.
// Storage: an unsorted buffer of (value, count) runs -- consecutive equal values share one --
// periodically sorted and merged into sorted runs, so a million equal delays cost one run.
// Exact for any number of samples. The newest run is held inline (`tail_`), so a repeated
// value -- the common case -- touches no buffer.
class TrendSink {
 public:
  void add(Duration value) {
    std::int64_t const v = value.count();
    ++count_;
    min_ = std::min(min_, v);
    max_ = std::max(max_, v);
    sum_ += v;
    if (tail_.count != 0 && tail_.value == v) {
      ++tail_.count;
      return;
    }
    start_tail(v);
  }
  [[nodiscard]] std::uint64_t count() const { return count_; }
  [[nodiscard]] double min_ms() const { return count_ ? to_ms(Duration{min_}) : 0; }
  [[nodiscard]] double max_ms() const { return count_ ? to_ms(Duration{max_}) : 0; }
  [[nodiscard]] double avg_ms() const;
  // k6 TrendSink.P: i = p*(n-1), linear between neighbours; p in [0, 1]. 0 when empty.
  [[nodiscard]] double percentile_ms(double p) const;
  [[nodiscard]] double med_ms() const { return percentile_ms(0.5); }

  // `count` samples of `value` at once: exactly as many add(value) (merging parts).
  void add_run(Duration value, std::uint64_t count);
  // Every value as (nanoseconds, how many), in increasing value order: the exact state a
  // part carries. Compacts first.
  struct Run {
    std::int64_t value;
    std::uint64_t count;
  };
  [[nodiscard]] std::vector<Run> const& runs() const;

 private:
  void start_tail(std::int64_t value);
  // Moves the inline run into the buffer; compacts once the buffer outgrows the runs.
  void flush_tail() const;
  void compact() const;
  [[nodiscard]] std::int64_t value_at_rank(std::uint64_t rank) const;

  std::uint64_t count_ = 0;
  std::int64_t min_ = std::numeric_limits<std::int64_t>::max();
  std::int64_t max_ = std::numeric_limits<std::int64_t>::min();
  Int128 sum_ = 0;
  mutable Run tail_{0, 0};  // the newest run, not yet in pending_ (count 0: none)
  mutable std::vector<Run> pending_;
  mutable std::vector<Run> runs_;            // sorted by value
  mutable std::vector<std::uint64_t> ends_;  // ends_[i] = samples in runs_[0..i]
};

using Sink = std::variant<CounterSink, GaugeSink, RateSink, TrendSink>;

}  // namespace loadtwin::core
