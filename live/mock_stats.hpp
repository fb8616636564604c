#pragma once
// The mock's counters, shared by its threads, and their Prometheus text rendering
// (GET /metrics): requests by status and kind, open connections, active streams, queue
// depth, and a histogram of schedule lateness (actual minus planned send time per write).
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "core/time.hpp"

namespace loadtwin::live {

class MockStats {
 public:
  // Upper bounds of the lateness buckets, in seconds (plus +Inf).
  static constexpr std::array<double, 12> lateness_bounds_s{
      0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 1.0};

  void count_request(int status, std::string const& kind);
  void record_lateness(core::Duration lateness);
  std::atomic<std::int64_t> connections_open{0};
  std::atomic<std::uint64_t> connections_total{0};
  std::atomic<std::uint64_t> connections_refused{0};
  std::atomic<std::uint64_t> tls_handshakes_failed{0};  // HTTPS: connections closed for it
  std::atomic<std::uint64_t> tls_sessions_resumed{0};   // HTTPS: handshakes that resumed

  [[nodiscard]] std::uint64_t requests_total() const;
  [[nodiscard]] std::map<std::pair<int, std::string>, std::uint64_t> requests() const;
  [[nodiscard]] std::uint64_t lateness_count() const { return lateness_count_; }
  // Prometheus text exposition format 0.0.4.
  [[nodiscard]] std::string render_prometheus(std::uint32_t active_streams,
                                              std::size_t queue_depth) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<int, std::string>, std::uint64_t> requests_;
  std::array<std::atomic<std::uint64_t>, lateness_bounds_s.size() + 1> buckets_{};
  std::atomic<std::uint64_t> lateness_count_{0};
  std::atomic<std::int64_t> lateness_sum_ns_{0};
};

}  // namespace loadtwin::live
