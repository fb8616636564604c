#pragma once
// Every built-in metric: name and type in one table (like k6's metrics/builtin.go).
// Metric names exist only here; everything else refers to them through these constants.
#include <array>
#include <optional>
#include <string_view>

namespace loadtwin::core {

enum class MetricType { counter, gauge, rate, trend };

constexpr std::string_view to_string(MetricType type) {
  switch (type) {
    case MetricType::counter:
      return "counter";
    case MetricType::gauge:
      return "gauge";
    case MetricType::rate:
      return "rate";
    case MetricType::trend:
      return "trend";
  }
  return "?";
}

// Dense ids, in alphabetical order of name (the summary's order).
enum class MetricId : std::uint8_t {
  dropped_iterations,
  errors,
  first_token_latency,
  good_requests,
  goodput,
  http_req_connecting,
  http_req_duration,
  http_req_failed,
  http_req_interrupted,
  http_req_tls_handshaking,
  http_req_waiting,
  http_reqs,
  inter_token_latency,
  iteration_duration,
  iteration_lateness,
  iterations,
  output_tokens,
  tool_invocation,
  vus,
  vus_max,
};

struct MetricInfo {
  MetricId id;
  std::string_view name;
  MetricType type;
  bool is_time;  // a Trend of durations, in ms
};

inline constexpr std::array<MetricInfo, 20> metric_table{{
    {MetricId::dropped_iterations, "dropped_iterations", MetricType::counter, false},
    {MetricId::errors, "errors", MetricType::rate, false},
    {MetricId::first_token_latency, "first_token_latency", MetricType::trend, true},
    {MetricId::good_requests, "good_requests", MetricType::counter, false},
    {MetricId::goodput, "goodput", MetricType::rate, false},
    {MetricId::http_req_connecting, "http_req_connecting", MetricType::trend, true},
    {MetricId::http_req_duration, "http_req_duration", MetricType::trend, true},
    {MetricId::http_req_failed, "http_req_failed", MetricType::rate, false},
    {MetricId::http_req_interrupted, "http_req_interrupted", MetricType::counter, false},
    {MetricId::http_req_tls_handshaking, "http_req_tls_handshaking", MetricType::trend, true},
    {MetricId::http_req_waiting, "http_req_waiting", MetricType::trend, true},
    {MetricId::http_reqs, "http_reqs", MetricType::counter, false},
    {MetricId::inter_token_latency, "inter_token_latency", MetricType::trend, true},
    {MetricId::iteration_duration, "iteration_duration", MetricType::trend, true},
    {MetricId::iteration_lateness, "iteration_lateness", MetricType::trend, true},
    {MetricId::iterations, "iterations", MetricType::counter, false},
    {MetricId::output_tokens, "output_tokens", MetricType::counter, false},
    {MetricId::tool_invocation, "tool_invocation", MetricType::trend, true},
    {MetricId::vus, "vus", MetricType::gauge, false},
    {MetricId::vus_max, "vus_max", MetricType::gauge, false},
}};

inline constexpr std::size_t metric_count = metric_table.size();

constexpr MetricInfo const& info(MetricId id) { return metric_table[static_cast<std::size_t>(id)]; }

constexpr std::optional<MetricId> find_metric(std::string_view name) {
  for (auto const& m : metric_table) {
    if (m.name == name) return m.id;
  }
  return std::nullopt;
}

// k6 metrics loadtwin deliberately does not have; thresholds on them are 104 with a reason.
constexpr bool is_unsupported_k6_metric(std::string_view name) {
  return name == "checks" || name.starts_with("data_") || name == "group_duration" ||
         name.starts_with("ws_") || name == "grpc_req_duration" || name == "http_req_blocked" ||
         name == "http_req_sending" || name == "http_req_receiving";
}

}  // namespace loadtwin::core
