#include "wire/openai_reader.hpp"

#include "wire/token_estimate.hpp"

namespace loadtwin::wire {
namespace {

// `field` of `o` when it is a count that fits the event.
std::optional<std::uint32_t> count(FlatJson::Value o, std::string_view field) {
  auto const v = o.get(field);
  if (!v.is_int64() || v.as_int64() < 0 || v.as_int64() > UINT32_MAX) return std::nullopt;
  return static_cast<std::uint32_t>(v.as_int64());
}

std::int64_t index_or(FlatJson::Value o, std::int64_t fallback) {
  auto const v = o.get("index");
  return v.is_int64() ? v.as_int64() : fallback;
}

// JavaScript's truthiness, which the official SDK applies to a chunk's `error`.
bool truthy(FlatJson::Value v) {
  using Kind = FlatJson::Kind;
  switch (v.kind()) {
    case Kind::absent:
    case Kind::null:
      return false;
    case Kind::boolean:
      return v.as_bool();
    case Kind::string:
      return !v.as_string().empty();
    case Kind::int64:
      return v.as_int64() != 0;
    case Kind::uint64:
      return v.as_uint64() != 0;
    case Kind::real:
      return v.as_double() != 0;  // NaN never parses from JSON
    case Kind::array:
    case Kind::object:
      return true;
  }
  return true;
}

// vLLM's in-stream error: {"error": {...}}, or an ErrorResponse with "object": "error".
bool is_error_chunk(FlatJson::Value chunk) {
  return truthy(chunk.get("error")) || chunk.get("object").equals("error");
}

}  // namespace

bool ChatReader::feed(std::string_view bytes, core::Instant at) {
  if (complete_ || error_) return false;
  bool const ok = parser_.feed(bytes, [&](SseEvent&& e) { on_event(std::move(e), at); });
  if (!ok) fail(core::ErrorReason::malformed_stream);
  return !complete_ && !error_;
}

void ChatReader::end_of_body(core::Instant at) {
  if (complete_ || error_) return;
  parser_.finish([&](SseEvent&& e) { on_event(std::move(e), at); });
  if (!complete_) fail(core::ErrorReason::malformed_stream);  // ended without [DONE]
}

void ChatReader::fail(core::ErrorReason reason) {
  if (!error_ && !complete_) error_ = reason;
}

void ChatReader::on_event(SseEvent&& event, core::Instant at) {
  if (complete_ || error_) return;
  if (event.event == "error") {  // not OpenAI's, but unmistakable
    fail(core::ErrorReason::stream_error_event);
    return;
  }
  if (event.data.starts_with("[DONE]")) {  // as the official SDK tests it
    finish_tool_calls(std::nullopt, at);
    complete_ = true;
    return;
  }
  if (!json_.parse(event.data) || !json_.root().is_object()) {
    fail(core::ErrorReason::malformed_stream);
    return;
  }
  on_chunk(json_.root(), at);
}

void ChatReader::on_chunk(FlatJson::Value chunk, core::Instant at) {
  if (is_error_chunk(chunk)) {
    fail(core::ErrorReason::stream_error_event);
    return;
  }
  if (auto const choices = chunk.get("choices"); choices.present() && !choices.is_null()) {
    if (!choices.is_array()) {
      fail(core::ErrorReason::malformed_stream);
      return;
    }
    choices.for_each([&](FlatJson::Value choice) {
      if (choice.is_object()) on_choice(choice, at);
    });
  }
  on_usage(chunk, at);
  // Members the reader does not know are ignored, as the API's clients must.
}

void ChatReader::on_choice(FlatJson::Value choice, core::Instant at) {
  std::int64_t const index = index_or(choice, 0);
  auto const d = choice.get("delta");  // absent unless an object: get() looks into objects only
  auto const content = d.get("content");
  if (content.is_string() && !content.as_string().empty()) {
    emit_(core::StreamEvent{.type = core::StreamEventType::text_delta,
                            .at = at,
                            .non_empty = true,
                            .tokens = estimate_delta_tokens(content.as_string())});
  }
  std::int64_t position = 0;
  d.get("tool_calls").for_each([&](FlatJson::Value call) {  // nothing unless an array
    if (!call.is_object()) return;
    auto& arguments = tool_arguments_[{index, index_or(call, position++)}];
    auto const part = call.get("function").get("arguments");
    if (part.is_string()) arguments += part.as_string();
  });
  if (choice.get("finish_reason").is_string()) finish_tool_calls(index, at);
}

void ChatReader::finish_tool_calls(std::optional<std::int64_t> choice, core::Instant at) {
  for (auto it = tool_arguments_.begin(); it != tool_arguments_.end();) {
    if (choice && it->first.first != *choice) {
      ++it;
      continue;
    }
    bool const valid = is_valid_json(it->second.empty() ? "{}" : it->second);
    emit_(core::StreamEvent{
        .type = core::StreamEventType::tool_use_done, .at = at, .input_valid = valid});
    it = tool_arguments_.erase(it);
  }
}

void ChatReader::on_usage(FlatJson::Value chunk, core::Instant at) {
  auto const u = chunk.get("usage");
  if (!u.is_object()) return;
  auto const input = count(u, "prompt_tokens");
  auto const output = count(u, "completion_tokens");
  if (!input && !output) return;
  emit_(core::StreamEvent{.type = core::StreamEventType::usage,
                          .at = at,
                          .input_tokens = input,
                          .output_tokens = output});
}

}  // namespace loadtwin::wire
