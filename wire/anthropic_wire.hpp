#pragma once
// The Anthropic Messages API on the wire, as the mock speaks it (REFERENCE §2): request
// validation, SSE event payloads in the documented order, error bodies, and the whole
// Message for `stream: false`. Event payloads follow the official SDK's fixtures.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/model/timing_model.hpp"
#include "core/request_kind.hpp"
#include "wire/dialect.hpp"

namespace loadtwin::wire {

// A POST /v1/messages body, validated like the real API: a JSON object with `model`
// (string), `max_tokens` (integer >= 1) and `messages` (non-empty array).
ParsedRequest parse_messages_request(std::string_view body);

// The body exec `kind` sends when the plan gives none.
std::string messages_request_body(core::RequestKind kind, std::string const& model);

// The Anthropic error type of an HTTP status (400 invalid_request_error, 429
// rate_limit_error, 500 api_error, 529 overloaded_error, ...).
std::string_view error_type_for(int status);
// {"type":"error","error":{"type":..,"message":..},"request_id":..}
std::string error_body(int status, std::string_view message, std::string_view request_id);

// "event: NAME\ndata: JSON\n\n"
std::string sse_frame(std::string_view event, std::string_view data);

// The fixed tool input the mock streams, and its split into `chunks` fragments.
inline constexpr std::string_view tool_input_json = R"({"location": "Paris", "unit": "celsius"})";
std::string tool_input_fragment(std::uint32_t chunks, std::uint32_t index);

// Renders one request's script as Messages API SSE, instant by instant.
class StreamRenderer final : public ReplyRenderer {
 public:
  StreamRenderer(ParsedRequest const& request, core::ResponseScript const& script,
                 std::uint32_t tool_input_chunks, std::string message_id);
  // message_start, the text block's start, ping.
  [[nodiscard]] std::string opening() const override;
  // A text delta, the whole tool block, the message end or an error event.
  [[nodiscard]] std::string event(std::size_t index) const override;
  // The same bytes; a text delta is written into `out` without a temporary.
  void append_event(std::size_t index, std::string& out) const override;
  // The whole Message JSON, for `stream: false`.
  [[nodiscard]] std::string whole() const override;

 private:
  [[nodiscard]] std::string tool_block() const;
  [[nodiscard]] std::string text_delta(std::uint32_t tokens) const;
  [[nodiscard]] std::string message_end(std::string_view stop_reason) const;

  ParsedRequest request_;
  core::ResponseScript const& script_;
  std::uint32_t tool_input_chunks_;
  std::string message_id_;
};

}  // namespace loadtwin::wire
