#pragma once
// What every transport reports about one request, in arrival order (client side).
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/time.hpp"

namespace loadtwin::core {

enum class StreamEventType : std::uint8_t {
  sent,           // last request byte handed to the socket (sim: the instant the VU issues it)
  headers,        // status line + headers arrived (time to first byte)
  text_delta,     // one content_block_delta with a text_delta
  tool_use_done,  // the tool_use block's content_block_stop: its input is complete
  message_delta,  // usage.output_tokens (cumulative)
};

struct StreamEvent {
  StreamEventType type = StreamEventType::sent;
  Instant at{};
  int status = 0;                   // headers
  bool non_empty = true;            // text_delta: its text is not ""
  bool input_valid = true;          // tool_use_done: the joined partial_json parses
  std::uint32_t output_tokens = 0;  // message_delta
  Duration connecting{0};           // sent: time spent connecting first (live only)
};

// Why a request counts in `errors` (the `reason` tag; SPEC "Metrics").
enum class ErrorReason : std::uint8_t {
  injected_status,
  unexpected_status,
  connection_refused,
  reset,
  timeout,
  malformed_stream,
  stream_error_event,
  tool_input_invalid,
};

constexpr std::string_view to_string(ErrorReason reason) {
  switch (reason) {
    case ErrorReason::injected_status:
      return "injected_status";
    case ErrorReason::unexpected_status:
      return "unexpected_status";
    case ErrorReason::connection_refused:
      return "connection_refused";
    case ErrorReason::reset:
      return "reset";
    case ErrorReason::timeout:
      return "timeout";
    case ErrorReason::malformed_stream:
      return "malformed_stream";
    case ErrorReason::stream_error_event:
      return "stream_error_event";
    case ErrorReason::tool_input_invalid:
      return "tool_input_invalid";
  }
  return "?";
}

enum class OutcomeKind : std::uint8_t {
  completed,  // a whole response arrived (its status may still be unexpected)
  failed,     // the exchange broke: see reason
  aborted,    // the client gave up (abort()): interrupted or timed out, no samples
};

struct RequestOutcome {
  OutcomeKind kind = OutcomeKind::completed;
  Instant at{};                      // when the response completed or the exchange ended
  int status = 0;                     // 0 = no response
  std::optional<ErrorReason> reason;  // failed; or completed with a known-bad status
};

}  // namespace loadtwin::core
