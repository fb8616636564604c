#include "core/calibrate/server_view.hpp"

#include <algorithm>

#include "core/calibrate/fit_distribution.hpp"

namespace loadtwin::core {
namespace {

// A reply that did not queue: answered at once (an error, a 400), or sent while nothing
// else was in flight.
bool cannot_have_waited(CalRecord const& r) {
  return r.headers >= 0 && r.status != 0 && (r.status != 200 || r.in_flight == 0);
}

struct Interval {
  double start = 0, release = 0;
  std::size_t record = 0;
};

// Active streams at each stream's t0 and busy slots at each waiter's arrival, for the
// records of one file (indices `members`).
void sweep_file(CalibrationInput const& input, std::vector<std::size_t> const& members,
                double wait_limit, ServerView& view) {
  double const half = view.rtt_median / 2;
  std::vector<Interval> streams;
  for (std::size_t i : members) {
    CalRecord const& r = input.records[i];
    if (!is_stream(r)) continue;
    double const last = static_cast<double>(r.end >= 0 ? r.end : r.headers);
    streams.push_back({static_cast<double>(r.headers) - half, last - half, i});
  }
  std::sort(streams.begin(), streams.end(), [](Interval const& a, Interval const& b) {
    return a.start < b.start || (a.start == b.start && a.record < b.record);
  });
  std::vector<double> starts, releases;
  for (auto const& s : streams) starts.push_back(s.start), releases.push_back(s.release);
  std::sort(releases.begin(), releases.end());
  for (std::size_t k = 0; k < streams.size(); ++k) {
    auto const released =
        std::upper_bound(releases.begin(), releases.end(), streams[k].start) - releases.begin();
    auto const a = static_cast<std::int64_t>(k + 1) - released;
    auto const active = static_cast<std::uint32_t>(std::max<std::int64_t>(1, a));
    view.active[streams[k].record] = active;
    view.max_active = std::max(view.max_active, active);
  }
  for (std::size_t i : members) {
    CalRecord const& r = input.records[i];
    if (!is_stream(r) || static_cast<double>(r.headers - r.sent) <= wait_limit) continue;
    double const arrival = static_cast<double>(r.sent) + half;
    auto const started = std::lower_bound(starts.begin(), starts.end(), arrival) - starts.begin();
    auto const released =
        std::upper_bound(releases.begin(), releases.end(), arrival) - releases.begin();
    view.busy_at_wait.push_back(static_cast<double>(std::max<std::int64_t>(0, started - released)));
  }
  view.streams += streams.size();
}

}  // namespace

bool is_stream(CalRecord const& r) { return r.status == 200 && r.headers >= 0; }

ServerView reconstruct_server(CalibrationInput const& input, double noise) {
  ServerView view;
  view.active.assign(input.records.size(), 0);
  double lowest = -1;
  for (auto const& r : input.records) {
    if (r.headers < 0) continue;
    double const ttfb = static_cast<double>(r.headers - r.sent);
    if (lowest < 0 || ttfb < lowest) lowest = ttfb;
    if (cannot_have_waited(r)) view.rtt_samples.push_back(ttfb);
  }
  std::sort(view.rtt_samples.begin(), view.rtt_samples.end());
  double wait_limit = noise;
  if (view.rtt_samples.empty()) {
    view.rtt_median = std::max(0.0, lowest);
    wait_limit += view.rtt_median;
  } else {
    view.rtt_median = sample_quantile(view.rtt_samples, 0.5);
    wait_limit += sample_quantile(view.rtt_samples, 0.99);
  }
  std::vector<std::vector<std::size_t>> by_file(input.files.size() + 1);
  for (std::size_t i = 0; i < input.records.size(); ++i) {
    std::size_t const f = input.records[i].file;
    if (f >= by_file.size()) by_file.resize(f + 1);
    by_file[f].push_back(i);
  }
  for (auto const& members : by_file) sweep_file(input, members, wait_limit, view);
  return view;
}

}  // namespace loadtwin::core
