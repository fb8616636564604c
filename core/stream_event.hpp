#pragma once
// What every transport reports about one request, in arrival order (client side): the
// vocabulary of SEAM 2 (core/transport.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.hpp"

namespace loadtwin::core {

// Reply headers kept in the per-request records: retry-after and the rate-limit families.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

enum class StreamEventType : std::uint8_t {
  sent,           // last request byte handed to the socket (sim: the instant the VU issues it)
  headers,        // status line + headers arrived (time to first byte)
  text_delta,     // one content delta carrying text (Anthropic text_delta, OpenAI content)
  tool_use_done,  // the tool call is complete: its input is whole (and parseable or not)
  usage,          // token counts the reply reported (cumulative, like message_delta.usage)
};

struct StreamEvent {
  StreamEventType type = StreamEventType::sent;
  Instant at{};
  int status = 0;                         // headers
  bool injected = false;                  // headers: the server says it injected this error
  HeaderList const* ratelimit = nullptr;  // headers: valid during on_event only; may be null
  bool non_empty = true;                  // text_delta: its text is not ""
  std::uint32_t tokens = 1;  // text_delta: tokens it carries, as far as the reply tells
  bool input_valid = true;   // tool_use_done: the joined input parses as JSON
  std::optional<std::uint32_t> input_tokens{};   // usage
  std::optional<std::uint32_t> output_tokens{};  // usage
  Duration connecting{0};                        // sent: time spent connecting first (live only)
  Duration tls_handshaking{0};  // sent: time spent in the TLS handshake (live, https)
};

// Why a request counts in `errors` (the `reason` tag; SPEC "Metrics"), in the spec's order.
enum class ErrorReason : std::uint8_t {
  injected_status,
  unexpected_status,
  connection_refused,
  dns,
  tls,
  reset,
  timeout,
  interrupted,
  malformed_stream,
  stream_error_event,
  tool_input_invalid,
  tool_use_missing,
  no_text,
};

inline constexpr std::size_t error_reason_count = 13;

constexpr std::string_view to_string(ErrorReason reason) {
  constexpr std::string_view names[error_reason_count] = {"injected_status",
                                                          "unexpected_status",
                                                          "connection_refused",
                                                          "dns",
                                                          "tls",
                                                          "reset",
                                                          "timeout",
                                                          "interrupted",
                                                          "malformed_stream",
                                                          "stream_error_event",
                                                          "tool_input_invalid",
                                                          "tool_use_missing",
                                                          "no_text"};
  auto const i = static_cast<std::size_t>(reason);
  return i < error_reason_count ? names[i] : "?";
}

constexpr std::optional<ErrorReason> parse_error_reason(std::string_view text) {
  for (std::size_t i = 0; i < error_reason_count; ++i) {
    auto const reason = static_cast<ErrorReason>(i);
    if (to_string(reason) == text) return reason;
  }
  return std::nullopt;
}

enum class OutcomeKind : std::uint8_t {
  completed,  // a whole response arrived (its status may still be unexpected)
  failed,     // the exchange broke: see reason
  aborted,    // the client gave up (abort()): interrupted or timed out
};

struct RequestOutcome {
  OutcomeKind kind = OutcomeKind::completed;
  Instant at{};                         // when the response completed or the exchange ended
  int status = 0;                       // 0 = no response
  std::optional<ErrorReason> reason{};  // failed: why
  std::string detail{};                 // failed: the wire's own words (a TLS or DNS message)
};

}  // namespace loadtwin::core
