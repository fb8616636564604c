#include "core/report/run_series.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace loadtwin::core {

SeriesWindow& RunSeries::window_at(Duration offset) {
  auto const index = static_cast<std::size_t>(std::max<std::int64_t>(0, offset / seconds(1)));
  if (windows.size() <= index) windows.resize(index + 1);
  return windows[index];
}

void RunSeries::add_vus(Duration offset, double vus) {
  has_vus = true;
  auto& w = window_at(offset);
  w.vus_max = w.vus_seen ? std::max(w.vus_max, vus) : vus;
  w.vus_last = vus;
  w.vus_seen = true;
}

void RunSeries::add_request(Duration offset) { ++window_at(offset).requests; }

void RunSeries::add_error(Duration offset, std::string const& reason) {
  ++window_at(offset).errors[reason];
}

void RunSeries::add_ttft(Duration offset, double ttft_ms) {
  window_at(offset).ttft_ms.push_back(ttft_ms);
}

void RunSeries::extend_to(Duration duration) {
  auto const n = static_cast<std::size_t>((duration + seconds(1) - Duration{1}) / seconds(1));
  if (windows.size() < n) windows.resize(n);
}

void RunSeries::fold_past(std::size_t n) {
  if (n == 0 || windows.size() <= n) return;
  auto& last = windows[n - 1];
  for (std::size_t i = n; i < windows.size(); ++i) {
    auto const& w = windows[i];
    if (w.vus_seen) {
      last.vus_max = last.vus_seen ? std::max(last.vus_max, w.vus_max) : w.vus_max;
      last.vus_last = w.vus_last;
      last.vus_seen = true;
    }
    last.requests += w.requests;
    for (auto const& [reason, count] : w.errors) last.errors[reason] += count;
    last.ttft_ms.insert(last.ttft_ms.end(), w.ttft_ms.begin(), w.ttft_ms.end());
  }
  windows.resize(n);
}

std::vector<double> RunSeries::vus_per_window() const {
  std::vector<double> out;
  out.reserve(windows.size());
  double carried = 0;
  for (auto const& w : windows) {
    out.push_back(w.vus_seen ? std::max(carried, w.vus_max) : carried);
    if (w.vus_seen) carried = w.vus_last;
  }
  return out;
}

std::map<std::string, std::vector<std::uint64_t>> RunSeries::errors_per_window() const {
  std::map<std::string, std::vector<std::uint64_t>> out;
  for (std::size_t i = 0; i < windows.size(); ++i) {
    for (auto const& [reason, count] : windows[i].errors) {
      auto& row = out[reason];
      row.resize(windows.size());
      row[i] = count;
    }
  }
  return out;
}

double sorted_percentile(std::vector<double> const& sorted, double p) {
  double const i = p * static_cast<double>(sorted.size() - 1);
  auto const lo = static_cast<std::size_t>(std::floor(i));
  auto const hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - static_cast<double>(lo));
}

std::vector<std::optional<double>> RunSeries::ttft_percentile(double p) const {
  std::vector<std::optional<double>> out;
  out.reserve(windows.size());
  std::vector<double> sorted;
  for (auto const& w : windows) {
    if (w.ttft_ms.empty()) {
      out.emplace_back();
      continue;
    }
    sorted = w.ttft_ms;
    std::sort(sorted.begin(), sorted.end());
    out.emplace_back(sorted_percentile(sorted, p));
  }
  return out;
}

std::uint64_t RunSeries::total_requests() const {
  std::uint64_t n = 0;
  for (auto const& w : windows) n += w.requests;
  return n;
}

std::uint64_t RunSeries::total_ttft_samples() const {
  std::uint64_t n = 0;
  for (auto const& w : windows) n += w.ttft_ms.size();
  return n;
}

namespace {

// The smallest of 1, 2, 2.5, 5 x 10^k at or above `raw` (> 0).
double nice_width(double raw) {
  double const decade = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0}) {
    if (m * decade >= raw) return m * decade;
  }
  return 10 * decade;
}

void label_bins(Histogram& h) {
  std::size_t const n = h.counts.size();
  for (std::size_t i = 0; i < n; ++i) {
    bool const open = h.open_last && i + 1 == n;
    h.labels.push_back(open ? fmt::format("≥ {:g} ms", h.edges_ms[i])
                            : fmt::format("{:g}–{:g} ms", h.edges_ms[i], h.edges_ms[i + 1]));
  }
}

}  // namespace

Histogram ttft_histogram(RunSeries const& series) {
  std::vector<double> all;
  for (auto const& w : series.windows) all.insert(all.end(), w.ttft_ms.begin(), w.ttft_ms.end());
  Histogram h;
  if (all.empty()) return h;
  std::sort(all.begin(), all.end());
  double const lo = all.front(), max = all.back(), p99 = sorted_percentile(all, 0.99);
  h.open_last = all.size() >= 200 && max > 2 * p99 && p99 > lo;
  double const hi = h.open_last ? p99 : max;
  double const width = hi > lo ? nice_width((hi - lo) / 40) : 1;
  double const start = std::floor(lo / width) * width;
  auto const regular = static_cast<std::size_t>(std::floor((hi - start) / width)) + 1;
  std::size_t const bins = regular + (h.open_last ? 1 : 0);
  for (std::size_t i = 0; i <= bins; ++i) h.edges_ms.push_back(start + width * i);
  h.counts.assign(bins, 0);
  for (double v : all) {
    // Past the regular bins (only with a cut tail) is the open last bin.
    auto const i = static_cast<std::size_t>(std::floor((v - start) / width));
    ++h.counts[std::min(i, bins - 1)];
  }
  label_bins(h);
  return h;
}

namespace {

// The vus gauge's value at the end of each window (the last sample, carried forward).
std::vector<double> vus_at_window_end(RunSeries const& s) {
  std::vector<double> out;
  double carried = 0;
  for (auto const& w : s.windows) {
    if (w.vus_seen) carried = w.vus_last;
    out.push_back(carried);
  }
  return out;
}

// values[i], or the series' last value past its end (a gauge keeps its value).
double value_or_last(std::vector<double> const& values, std::size_t i) {
  if (values.empty()) return 0;
  return i < values.size() ? values[i] : values.back();
}

}  // namespace

void merge_series(RunSeries& into, RunSeries const& part) {
  auto const into_max = into.vus_per_window(), part_max = part.vus_per_window();
  auto const into_end = vus_at_window_end(into), part_end = vus_at_window_end(part);
  bool const vus = into.has_vus || part.has_vus;
  into.has_vus = vus;
  if (into.windows.size() < part.windows.size()) into.windows.resize(part.windows.size());
  for (std::size_t i = 0; i < into.windows.size(); ++i) {
    auto& a = into.windows[i];
    if (vus) {
      a.vus_seen = true;
      a.vus_max = value_or_last(into_max, i) + value_or_last(part_max, i);
      a.vus_last = value_or_last(into_end, i) + value_or_last(part_end, i);
    }
    if (i >= part.windows.size()) continue;
    auto const& b = part.windows[i];
    a.requests += b.requests;
    for (auto const& [reason, count] : b.errors) a.errors[reason] += count;
    a.ttft_ms.insert(a.ttft_ms.end(), b.ttft_ms.begin(), b.ttft_ms.end());
  }
}

}  // namespace loadtwin::core
