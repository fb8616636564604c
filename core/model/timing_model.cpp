#include "core/model/timing_model.hpp"

#include <cmath>

namespace loadtwin::core {
namespace {

void script_text(ModelConfig const& model, Rng& rng, ResponseScript& script) {
  Duration at = sample_duration(model.first_token_delay, rng);
  std::uint32_t const tokens = sample_count(model.tokens_per_response, rng);
  script.events.reserve(tokens + 1);
  script.events.push_back({at, ScriptEventType::text_delta});
  for (std::uint32_t i = 1; i < tokens; ++i) {
    at += sample_duration(model.token_interval, rng);
    script.events.push_back({at, ScriptEventType::text_delta});
  }
  script.output_tokens = tokens;
}

void script_tool(ModelConfig const& model, Rng& rng, ResponseScript& script) {
  Duration const at = sample_duration(model.tool_call_delay, rng);
  script.events.push_back({at, ScriptEventType::tool_use});
  script.output_tokens = model.tool_input_chunks;
}

// Cuts a streamed text reply after a token drawn uniformly (SPEC step 6).
void cut_stream(Rng& rng, ResponseScript& script) {
  std::size_t const tokens = script.events.size();
  std::size_t const after =
      1 + static_cast<std::size_t>(rng.uniform01() * static_cast<double>(tokens));
  std::size_t const keep = after > tokens ? tokens : after;
  Duration const at = script.events[keep - 1].offset;
  script.events.resize(keep);
  script.events.push_back({at, ScriptEventType::stream_error});
  script.output_tokens = static_cast<std::uint32_t>(keep);
}

}  // namespace

ResponseScript script_response(RequestKind kind, ModelConfig const& model, Rng rng) {
  ResponseScript script;
  if (kind == RequestKind::invalid_request) {
    script.status = 400;
    script.network_rtt = sample_duration(model.network_rtt, rng);
    return script;
  }
  bool const error = rng.uniform01() < model.error_rate;
  if (kind == RequestKind::simple_query) script_text(model, rng, script);
  if (kind == RequestKind::tool_call) script_tool(model, rng, script);
  script.network_rtt = sample_duration(model.network_rtt, rng);
  bool const cut = rng.uniform01() < model.stream_error_rate;
  if (error) {
    script.status = model.error_status;
    script.injected_error = true;
    script.events.clear();
    script.output_tokens = 0;
    return script;
  }
  if (cut && kind == RequestKind::simple_query) {
    cut_stream(rng, script);
    return script;
  }
  if (cut) {  // a tool_call stream is cut where its tool_use block would have come
    script.events.back().type = ScriptEventType::stream_error;
    script.output_tokens = 0;
    return script;
  }
  script.events.push_back({script.last_offset(), ScriptEventType::message_end});
  return script;
}

Duration scaled_offset(Duration offset, double slowdown_factor) {
  if (slowdown_factor == 1.0) return offset;
  return Duration{std::llround(static_cast<double>(offset.count()) * slowdown_factor)};
}

}  // namespace loadtwin::core
