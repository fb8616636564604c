#pragma once
// Goodput (SPEC "Goodput"): `options.goodput` names per-request SLOs; a request is good when
// it is not an error and meets every SLO that applies to it. An SLO applies when the request
// has that measurement: a tool_call reply without text has no first_token_latency, a reply
// with one text delta has no inter-token gap. Meeting means value <= SLO (vLLM bench's rule).
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/time.hpp"

namespace loadtwin::core {

// The SLOs of options.goodput; an absent one does not apply.
struct GoodputSlos {
  std::optional<Duration> first_token_latency{};      // request sent -> first text
  std::optional<Duration> inter_token_latency{};      // mean gap between text deltas (TPOT)
  std::optional<Duration> inter_token_latency_max{};  // largest gap between text deltas
  std::optional<Duration> tool_invocation{};          // request sent -> tool_use block complete
  std::optional<Duration> http_req_duration{};        // request sent -> end of the reply
};

// The keys options.goodput accepts, in the order above.
inline constexpr std::array<std::string_view, 5> goodput_slo_keys{
    "first_token_latency", "inter_token_latency", "inter_token_latency_max", "tool_invocation",
    "http_req_duration"};

// What one request measured, from `sent`; filled by the RequestRecorder as events arrive.
struct RequestTimes {
  std::optional<Duration> first_token{};
  std::optional<Duration> tool_invocation{};
  Duration duration{0};
  Duration gap_sum{0};
  Duration gap_max{0};
  std::uint32_t gaps = 0;  // inter-token gaps seen (text deltas - 1)
};

// Whether `times` meets every SLO of `slos` that applies to it (errors are judged apart).
[[nodiscard]] bool meets_slos(GoodputSlos const& slos, RequestTimes const& times);

}  // namespace loadtwin::core
