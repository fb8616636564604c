#include "core/model/timing_model.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <variant>

namespace loadtwin::core {
namespace {

// The input-dependent part of the first-token delay, in integer nanoseconds (rounded).
Duration input_cost(ModelConfig const& model, std::uint32_t input_tokens) {
  std::int64_t const per_1k = model.first_token_delay_per_1k_input_tokens.count();
  if (per_1k == 0 || input_tokens == 0) return Duration{0};
  return Duration{(per_1k * static_cast<std::int64_t>(input_tokens) + 500) / 1000};
}

// The reply's output tokens: the draw (always taken, so keys stay aligned), replaced by a
// replayed length, capped at max_tokens.
std::uint32_t reply_tokens(ModelConfig const& model, Rng& rng, RequestSize const& size,
                           ResponseScript& script) {
  std::uint32_t tokens = sample_count(model.tokens_per_response, rng);
  if (size.output_tokens) tokens = std::max<std::uint32_t>(1, *size.output_tokens);
  if (size.max_tokens && tokens >= *size.max_tokens) {
    tokens = *size.max_tokens;
    script.hit_max_tokens = true;
  }
  return tokens;
}

// Deltas of `per_delta` tokens (the last one the rest) every `interval` from `at`.
void script_constant_deltas(Duration at, Duration interval, std::uint32_t tokens,
                            std::uint32_t per_delta, ResponseScript& script) {
  std::uint32_t const count = (tokens + per_delta - 1) / per_delta;
  auto& events = script.events;
  std::size_t const start = events.size();
  events.reserve(start + count + 1);  // room for the closing event: no regrowth to double
  events.resize(start + count);
  ScriptEvent* out = events.data() + start;
  std::uint32_t left = tokens;
  for (std::uint32_t i = 0; i < count; ++i, at += interval) {
    std::uint32_t const n = std::min(left, per_delta);
    out[i] = {at, ScriptEventType::text_delta, n};
    left -= n;
  }
}

void script_text(ModelConfig const& model, Rng& rng, RequestSize const& size,
                 ResponseScript& script) {
  Duration at =
      sample_duration(model.first_token_delay, rng) + input_cost(model, size.input_tokens);
  std::uint32_t const tokens = reply_tokens(model, rng, size, script);
  auto const interval = constant_duration_of(model.token_interval);
  auto const per_delta = constant_count_of(model.tokens_per_delta);
  script.output_tokens = tokens;
  if (interval && per_delta && *per_delta > 0) {  // no draws: the same events, a tight loop
    script_constant_deltas(at, *interval, tokens, *per_delta, script);
    return;
  }
  std::uint32_t left = tokens;
  for (bool first = true; left > 0; first = false) {
    if (!first) at += interval ? *interval : sample_duration(model.token_interval, rng);
    std::uint32_t const drawn = per_delta ? *per_delta : sample_count(model.tokens_per_delta, rng);
    std::uint32_t const n = std::min(left, drawn);
    script.events.push_back({at, ScriptEventType::text_delta, n});
    left -= n;
  }
}

void script_tool(ModelConfig const& model, Rng& rng, ResponseScript& script) {
  Duration const at = sample_duration(model.tool_call_delay, rng);
  script.events.push_back({at, ScriptEventType::tool_use});
  script.output_tokens = model.tool_input_chunks;
}

// Cuts a streamed text reply after a content delta drawn uniformly (SPEC step 6; with one
// token per delta, after a token drawn uniformly).
void cut_stream(Rng& rng, ResponseScript& script) {
  std::size_t const deltas = script.events.size();
  std::size_t const after =
      1 + static_cast<std::size_t>(rng.uniform01() * static_cast<double>(deltas));
  std::size_t const keep = after > deltas ? deltas : after;
  Duration const at = script.events[keep - 1].offset;
  script.events.resize(keep);
  std::uint32_t kept_tokens = 0;
  for (auto const& e : script.events) kept_tokens += e.tokens;
  script.events.push_back({at, ScriptEventType::stream_error});
  script.output_tokens = kept_tokens;
  script.hit_max_tokens = false;
}

}  // namespace

void script_response(ResponseScript& script, RequestKind kind, ModelConfig const& model, Rng rng,
                     RequestSize const& size) {
  script.status = 200;
  script.injected_error = false;
  script.network_rtt = Duration{0};
  script.output_tokens = 0;
  script.input_tokens = size.input_tokens;
  script.hit_max_tokens = false;
  script.events.clear();  // keeps its capacity: no allocation per request
  if (kind == RequestKind::invalid_request) {
    script.status = 400;
    script.network_rtt = sample_duration(model.network_rtt, rng);
    return;
  }
  bool const error = rng.uniform01() < model.error_rate;
  if (kind == RequestKind::simple_query) script_text(model, rng, size, script);
  if (kind == RequestKind::tool_call) script_tool(model, rng, script);
  script.network_rtt = sample_duration(model.network_rtt, rng);
  bool const cut = rng.uniform01() < model.stream_error_rate;
  if (error) {
    script.status = model.error_status;
    script.injected_error = true;
    script.events.clear();
    script.output_tokens = 0;
    script.hit_max_tokens = false;
    return;
  }
  if (cut && kind == RequestKind::simple_query) {
    cut_stream(rng, script);
    return;
  }
  if (cut) {  // a tool_call stream is cut where its tool_use block would have come
    script.events.back().type = ScriptEventType::stream_error;
    script.output_tokens = 0;
    return;
  }
  script.events.push_back({script.last_offset(), ScriptEventType::message_end});
}

ResponseScript script_response(RequestKind kind, ModelConfig const& model, Rng rng,
                               RequestSize const& size) {
  ResponseScript script;
  script_response(script, kind, model, rng, size);
  return script;
}

}  // namespace loadtwin::core
