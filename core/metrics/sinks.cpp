#include "core/metrics/sinks.hpp"

#include <algorithm>
#include <cmath>

namespace loadtwin::core {

void GaugeSink::add(double value) {
  if (samples == 0 || value < min) min = value;
  if (samples == 0 || value > max) max = value;
  last = value;
  ++samples;
}

void TrendSink::start_tail(std::int64_t value) {
  flush_tail();
  tail_ = {value, 1};
}

void TrendSink::flush_tail() const {
  if (tail_.count == 0) return;
  pending_.push_back(tail_);
  tail_ = {0, 0};
  // Compact once the buffer outgrows the runs: amortised O(log n) per sample, and memory
  // stays near 16 bytes per pending run plus 16 per distinct value.
  if (pending_.size() >= std::max<std::size_t>(std::size_t{1} << 16, runs_.size())) compact();
}

void TrendSink::add_run(Duration value, std::uint64_t count) {
  if (count == 0) return;
  std::int64_t const v = value.count();
  count_ += count;
  min_ = std::min(min_, v);
  max_ = std::max(max_, v);
  sum_ += static_cast<Int128>(v) * static_cast<Int128>(count);
  if (tail_.count != 0 && tail_.value == v) {
    tail_.count += count;
    return;
  }
  flush_tail();
  tail_ = {v, count};
}

std::vector<TrendSink::Run> const& TrendSink::runs() const {
  compact();
  return runs_;
}

double TrendSink::avg_ms() const {
  if (count_ == 0) return 0;
  return static_cast<double>(sum_) / static_cast<double>(count_) / 1e6;
}

void TrendSink::compact() const {
  if (tail_.count != 0) {
    pending_.push_back(tail_);
    tail_ = {0, 0};
  }
  if (pending_.empty()) return;
  std::sort(pending_.begin(), pending_.end(),
            [](Run const& a, Run const& b) { return a.value < b.value; });
  std::vector<Run> fresh;
  for (Run const& r : pending_) {
    if (!fresh.empty() && fresh.back().value == r.value) {
      fresh.back().count += r.count;
    } else {
      fresh.push_back(r);
    }
  }
  std::vector<Run> merged;
  merged.reserve(runs_.size() + fresh.size());
  std::size_t i = 0, j = 0;
  while (i < runs_.size() || j < fresh.size()) {
    bool const take_old =
        j == fresh.size() || (i < runs_.size() && runs_[i].value <= fresh[j].value);
    Run const next = take_old ? runs_[i++] : fresh[j++];
    if (!merged.empty() && merged.back().value == next.value) {
      merged.back().count += next.count;
    } else {
      merged.push_back(next);
    }
  }
  runs_ = std::move(merged);
  pending_.clear();
  ends_.clear();
}

std::int64_t TrendSink::value_at_rank(std::uint64_t rank) const {
  if (ends_.size() != runs_.size()) {
    ends_.resize(runs_.size());
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < runs_.size(); ++i) ends_[i] = total += runs_[i].count;
  }
  auto const it = std::upper_bound(ends_.begin(), ends_.end(), rank);
  return runs_[static_cast<std::size_t>(it - ends_.begin())].value;
}

double TrendSink::percentile_ms(double p) const {
  if (count_ == 0) return 0;
  compact();
  if (count_ == 1) return to_ms(Duration{runs_.front().value});
  double const i = p * (static_cast<double>(count_) - 1.0);
  double const lo = std::floor(i), hi = std::ceil(i);
  double const j = to_ms(Duration{value_at_rank(static_cast<std::uint64_t>(lo))});
  double const k = to_ms(Duration{value_at_rank(static_cast<std::uint64_t>(hi))});
  return j + (k - j) * (i - lo);
}

}  // namespace loadtwin::core
