#pragma once
// One request's response, drawn from the model by code shared by the sim server and the
// live mock (one model, two clocks). SPEC "Timing model".
//
// Draw order (fixed, whatever the outcome): error uniform; then for simple_query
// first_token_delay, tokens_per_response, then per content delta tokens_per_delta and (from
// the second delta on) one token_interval per gap; for tool_call
// tool_call_delay; then network_rtt; then the stream-error uniform and the uniform token
// position of the cut. invalid_request draws only network_rtt (it never reaches the error
// draw, SPEC step 1) -- but it takes the same stream, so keys stay aligned.
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/plan/plan.hpp"
#include "core/random.hpp"
#include "core/request_kind.hpp"

namespace loadtwin::core {

enum class ScriptEventType : std::uint8_t {
  text_delta,    // one content_block_delta text_delta
  tool_use,      // content_block_start tool_use, input_json_delta chunks, content_block_stop
  message_end,   // content_block_stop (text), message_delta, message_stop
  stream_error,  // event: error (overloaded_error); the stream ends
};

struct ScriptEvent {
  Duration offset{0};  // from t0, the instant the request leaves the queue
  ScriptEventType type = ScriptEventType::text_delta;
  std::uint32_t tokens = 1;  // text_delta: output tokens this delta carries
};

// What the server knows of a request's size before it answers (SPEC "Calibration", "Trace
// replay"): its input-token estimate, its max_tokens, and -- for a trace row replayed
// against sim or the mock -- the exact output length to play.
struct RequestSize {
  std::uint32_t input_tokens = 0;
  std::optional<std::uint32_t> max_tokens;     // caps the reply (stop_reason max_tokens)
  std::optional<std::uint32_t> output_tokens;  // replaces the tokens_per_response draw
};

struct ResponseScript {
  int status = 200;             // 200 streams `events`; anything else is answered at once
  bool injected_error = false;  // status came from the error_rate draw
  Duration network_rtt{0};
  std::uint32_t output_tokens = 0;
  std::uint32_t input_tokens = 0;   // the request's estimate, reported in usage
  bool hit_max_tokens = false;      // the reply stops at the request's max_tokens
  std::vector<ScriptEvent> events;  // non-decreasing offsets; headers are implicit at 0

  [[nodiscard]] Duration last_offset() const {
    return events.empty() ? Duration{0} : events.back().offset;
  }
};

// Draws one request's script. The first-token delay is the first_token_delay draw plus
// first_token_delay_per_1k_input_tokens * input_tokens / 1000; the reply's tokens are the
// tokens_per_response draw (or size.output_tokens) capped at size.max_tokens.
ResponseScript script_response(RequestKind kind, ModelConfig const& model, Rng rng,
                               RequestSize const& size = {});
// The same draws into `script`, reusing its events' storage (the simulator's hot path).
void script_response(ResponseScript& script, RequestKind kind, ModelConfig const& model, Rng rng,
                     RequestSize const& size = {});

// The offset after the load slowdown: offset * (1 + k * (active_streams - 1)), rounded.
// Inline: the simulator asks it once per delivered event.
inline Duration scaled_offset(Duration offset, double slowdown_factor) {
  if (slowdown_factor == 1.0) return offset;
  return Duration{std::llround(static_cast<double>(offset.count()) * slowdown_factor)};
}

}  // namespace loadtwin::core
