#include "live/mock_stats.hpp"

#include <fmt/format.h>

namespace loadtwin::live {

void MockStats::count_request(int status, std::string const& kind) {
  std::lock_guard lock(mutex_);
  ++requests_[{status, kind}];
}

void MockStats::record_lateness(core::Duration lateness) {
  double const s = static_cast<double>(lateness.count()) / 1e9;
  std::size_t bucket = lateness_bounds_s.size();
  for (std::size_t i = 0; i < lateness_bounds_s.size(); ++i) {
    if (s <= lateness_bounds_s[i]) {
      bucket = i;
      break;
    }
  }
  ++buckets_[bucket];
  ++lateness_count_;
  lateness_sum_ns_ += lateness.count();
}

std::uint64_t MockStats::requests_total() const {
  std::lock_guard lock(mutex_);
  std::uint64_t total = 0;
  for (auto const& [key, n] : requests_) total += n;
  return total;
}

std::map<std::pair<int, std::string>, std::uint64_t> MockStats::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::string MockStats::render_prometheus(std::uint32_t active_streams,
                                         std::size_t queue_depth) const {
  std::string out;
  out += "# HELP loadtwin_mock_requests_total Requests answered, by status and kind.\n";
  out += "# TYPE loadtwin_mock_requests_total counter\n";
  for (auto const& [key, n] : requests()) {
    out += fmt::format("loadtwin_mock_requests_total{{status=\"{}\",kind=\"{}\"}} {}\n", key.first,
                       key.second, n);
  }
  out += "# HELP loadtwin_mock_active_streams Streams holding a concurrency slot.\n";
  out += "# TYPE loadtwin_mock_active_streams gauge\n";
  out += fmt::format("loadtwin_mock_active_streams {}\n", active_streams);
  out += "# HELP loadtwin_mock_queue_depth Requests waiting for a slot.\n";
  out += "# TYPE loadtwin_mock_queue_depth gauge\n";
  out += fmt::format("loadtwin_mock_queue_depth {}\n", queue_depth);
  out += "# HELP loadtwin_mock_connections_open Open client connections.\n";
  out += "# TYPE loadtwin_mock_connections_open gauge\n";
  out += fmt::format("loadtwin_mock_connections_open {}\n", connections_open.load());
  out += "# HELP loadtwin_mock_tls_handshakes_failed_total TLS handshakes that failed.\n";
  out += "# TYPE loadtwin_mock_tls_handshakes_failed_total counter\n";
  out +=
      fmt::format("loadtwin_mock_tls_handshakes_failed_total {}\n", tls_handshakes_failed.load());
  out += "# HELP loadtwin_mock_tls_sessions_resumed_total TLS handshakes that resumed a session.\n";
  out += "# TYPE loadtwin_mock_tls_sessions_resumed_total counter\n";
  out += fmt::format("loadtwin_mock_tls_sessions_resumed_total {}\n", tls_sessions_resumed.load());
  out +=
      "# HELP loadtwin_mock_schedule_lateness_seconds Actual minus planned send time per write.\n";
  out += "# TYPE loadtwin_mock_schedule_lateness_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < lateness_bounds_s.size(); ++i) {
    cumulative += buckets_[i];
    out += fmt::format("loadtwin_mock_schedule_lateness_seconds_bucket{{le=\"{}\"}} {}\n",
                       lateness_bounds_s[i], cumulative);
  }
  cumulative += buckets_.back();
  out +=
      fmt::format("loadtwin_mock_schedule_lateness_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
  out += fmt::format("loadtwin_mock_schedule_lateness_seconds_sum {}\n",
                     static_cast<double>(lateness_sum_ns_.load()) / 1e9);
  out += fmt::format("loadtwin_mock_schedule_lateness_seconds_count {}\n", lateness_count_.load());
  return out;
}

}  // namespace loadtwin::live
