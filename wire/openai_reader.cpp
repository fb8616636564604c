#include "wire/openai_reader.hpp"

#include <boost/json.hpp>

#include "wire/token_estimate.hpp"

namespace loadtwin::wire {
namespace json = boost::json;
namespace {

// `field` of `o` when it is a count that fits the event.
std::optional<std::uint32_t> count(json::object const& o, std::string_view field) {
  auto const* v = o.if_contains(field);
  if (v == nullptr || !v->is_int64() || v->as_int64() < 0 || v->as_int64() > UINT32_MAX) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(v->as_int64());
}

std::int64_t index_or(json::object const& o, std::int64_t fallback) {
  auto const* v = o.if_contains("index");
  return v != nullptr && v->is_int64() ? v->as_int64() : fallback;
}

// JavaScript's truthiness, which the official SDK applies to a chunk's `error`.
bool truthy(json::value const& v) {
  if (v.is_null()) return false;
  if (v.is_bool()) return v.as_bool();
  if (v.is_string()) return !v.as_string().empty();
  if (v.is_int64()) return v.as_int64() != 0;
  if (v.is_uint64()) return v.as_uint64() != 0;
  if (v.is_double()) return v.as_double() != 0;  // NaN never parses from JSON
  return true;                                   // objects and arrays
}

// vLLM's in-stream error: {"error": {...}}, or an ErrorResponse with "object": "error".
bool is_error_chunk(json::object const& chunk) {
  auto const* error = chunk.if_contains("error");
  auto const* object = chunk.if_contains("object");
  return (error != nullptr && truthy(*error)) || (object != nullptr && *object == "error");
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
  json::error_code ec;
  auto const doc = json::parse(event.data, ec);
  if (ec || !doc.is_object()) {
    fail(core::ErrorReason::malformed_stream);
    return;
  }
  on_chunk(doc.as_object(), at);
}

void ChatReader::on_chunk(json::object const& chunk, core::Instant at) {
  if (is_error_chunk(chunk)) {
    fail(core::ErrorReason::stream_error_event);
    return;
  }
  if (auto const* choices = chunk.if_contains("choices"); choices && !choices->is_null()) {
    if (!choices->is_array()) {
      fail(core::ErrorReason::malformed_stream);
      return;
    }
    for (auto const& choice : choices->as_array()) {
      if (auto const* o = choice.if_object()) on_choice(*o, at);
    }
  }
  on_usage(chunk, at);
  // Members the reader does not know are ignored, as the API's clients must.
}

void ChatReader::on_choice(json::object const& choice, core::Instant at) {
  std::int64_t const index = index_or(choice, 0);
  auto const* delta = choice.if_contains("delta");
  if (auto const* d = delta ? delta->if_object() : nullptr) {
    auto const* content = d->if_contains("content");
    if (content && content->is_string() && !content->as_string().empty()) {
      emit_(core::StreamEvent{.type = core::StreamEventType::text_delta,
                              .at = at,
                              .non_empty = true,
                              .tokens = estimate_delta_tokens(content->as_string())});
    }
    auto const* calls = d->if_contains("tool_calls");
    if (calls && calls->is_array()) {
      std::int64_t position = 0;
      for (auto const& call : calls->as_array()) {
        auto const* c = call.if_object();
        if (c == nullptr) continue;
        auto& arguments = tool_arguments_[{index, index_or(*c, position++)}];
        auto const* function = c->if_contains("function");
        auto const* f = function ? function->if_object() : nullptr;
        auto const* part = f ? f->if_contains("arguments") : nullptr;
        if (part && part->is_string()) arguments += part->as_string();
      }
    }
  }
  auto const* reason = choice.if_contains("finish_reason");
  if (reason && reason->is_string()) finish_tool_calls(index, at);
}

void ChatReader::finish_tool_calls(std::optional<std::int64_t> choice, core::Instant at) {
  for (auto it = tool_arguments_.begin(); it != tool_arguments_.end();) {
    if (choice && it->first.first != *choice) {
      ++it;
      continue;
    }
    json::error_code ec;
    json::parse(it->second.empty() ? "{}" : it->second, ec);
    emit_(core::StreamEvent{
        .type = core::StreamEventType::tool_use_done, .at = at, .input_valid = !ec});
    it = tool_arguments_.erase(it);
  }
}

void ChatReader::on_usage(json::object const& chunk, core::Instant at) {
  auto const* usage = chunk.if_contains("usage");
  auto const* u = usage ? usage->if_object() : nullptr;
  if (u == nullptr) return;
  auto const input = count(*u, "prompt_tokens");
  auto const output = count(*u, "completion_tokens");
  if (!input && !output) return;
  emit_(core::StreamEvent{.type = core::StreamEventType::usage,
                          .at = at,
                          .input_tokens = input,
                          .output_tokens = output});
}

}  // namespace loadtwin::wire
