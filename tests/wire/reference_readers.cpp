#include "reference_readers.hpp"

#include <boost/json.hpp>

#include "wire/token_estimate.hpp"

namespace loadtwin::wire::reference {
using namespace loadtwin::wire;
namespace json = boost::json;
namespace {

// usage.<field> of a message_start's message or a message_delta, when it is a count.
std::optional<std::uint32_t> usage_count(json::object const& o, std::string_view field) {
  auto const* usage = o.if_contains("usage");
  if (usage == nullptr || !usage->is_object()) return std::nullopt;
  auto const* v = usage->as_object().if_contains(field);
  if (v == nullptr || !v->is_int64() || v->as_int64() < 0 || v->as_int64() > UINT32_MAX) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(v->as_int64());
}

}  // namespace

void RefAnthropicReader::on_message_start(json::object const& o, core::Instant at) {
  auto const* message = o.if_contains("message");
  if (message == nullptr || !message->is_object()) return;
  if (auto tokens = usage_count(message->as_object(), "input_tokens")) {
    emit_(
        core::StreamEvent{.type = core::StreamEventType::usage, .at = at, .input_tokens = *tokens});
  }
}

bool RefAnthropicReader::feed(std::string_view bytes, core::Instant at) {
  if (complete_ || error_) return false;
  bool const ok = parser_.feed(bytes, [&](SseEvent&& e) { on_event(std::move(e), at); });
  if (!ok) fail(core::ErrorReason::malformed_stream);
  return !complete_ && !error_;
}

void RefAnthropicReader::end_of_body(core::Instant at) {
  if (complete_ || error_) return;
  parser_.finish([&](SseEvent&& e) { on_event(std::move(e), at); });
  if (complete_ || error_) return;
  if (data_only_ && saw_delta_) {
    complete_ = true;
  } else {
    fail(core::ErrorReason::malformed_stream);  // ended without message_stop
  }
}

void RefAnthropicReader::fail(core::ErrorReason reason) {
  if (!error_ && !complete_) error_ = reason;
}

void RefAnthropicReader::on_event(SseEvent&& event, core::Instant at) {
  if (complete_ || error_) return;
  if (!dialect_known_) {
    dialect_known_ = true;
    data_only_ = event.event.empty();
  }
  if (event.event == "error") {
    fail(core::ErrorReason::stream_error_event);
    return;
  }
  if (event.event == "ping") return;
  std::string type = event.event;
  if (type.empty() || data_only_) {
    json::error_code ec;
    auto const doc = json::parse(event.data, ec);
    auto const* t = ec ? nullptr : doc.is_object() ? doc.as_object().if_contains("type") : nullptr;
    if (t == nullptr || !t->is_string()) {
      fail(core::ErrorReason::malformed_stream);
      return;
    }
    type = std::string(t->as_string());
  }
  on_payload(type, event.data, at);
}

void RefAnthropicReader::on_payload(std::string const& type, std::string const& data,
                                    core::Instant at) {
  if (type == "ping") return;
  if (type == "message_stop") {
    complete_ = true;
    return;
  }
  if (type == "error") {
    fail(core::ErrorReason::stream_error_event);
    return;
  }
  json::error_code ec;
  auto const doc = json::parse(data, ec);
  if (ec || !doc.is_object()) {
    fail(core::ErrorReason::malformed_stream);
    return;
  }
  auto const& o = doc.as_object();
  if (type == "message_start") {
    on_message_start(o, at);
    return;
  }
  std::int64_t const index =
      o.contains("index") && o.at("index").is_int64() ? o.at("index").as_int64() : 0;
  if (type == "content_block_start") {
    auto const* block = o.if_contains("content_block");
    bool const tool = block && block->is_object() && block->as_object().contains("type") &&
                      block->as_object().at("type") == "tool_use";
    if (tool && data_only_) {  // the seed's tool reply: one start event carries the call
      emit_(core::StreamEvent{.type = core::StreamEventType::tool_use_done, .at = at});
      saw_delta_ = true;
    } else if (tool) {
      tool_inputs_[index];
    }
  } else if (type == "content_block_delta") {
    auto const* delta = o.if_contains("delta");
    auto const* d = delta && delta->is_object() ? &delta->as_object() : nullptr;
    auto const* dtype = d ? d->if_contains("type") : nullptr;
    if (d && d->contains("partial_json") && tool_inputs_.contains(index)) {
      auto const& part = d->at("partial_json");
      if (part.is_string()) tool_inputs_[index] += part.as_string();
    } else if (d && d->contains("text") && d->at("text").is_string() &&
               (dtype == nullptr || *dtype == "text_delta")) {
      saw_delta_ = true;
      emit_(core::StreamEvent{.type = core::StreamEventType::text_delta,
                              .at = at,
                              .non_empty = !d->at("text").as_string().empty(),
                              .tokens = estimate_delta_tokens(d->at("text").as_string())});
    }
  } else if (type == "content_block_stop") {
    auto const it = tool_inputs_.find(index);
    if (it != tool_inputs_.end()) {
      json::error_code pec;
      json::parse(it->second.empty() ? "{}" : it->second, pec);
      emit_(core::StreamEvent{
          .type = core::StreamEventType::tool_use_done, .at = at, .input_valid = !pec});
      tool_inputs_.erase(it);
    }
  } else if (type == "message_delta") {
    if (auto tokens = usage_count(o, "output_tokens")) {
      emit_(core::StreamEvent{
          .type = core::StreamEventType::usage, .at = at, .output_tokens = *tokens});
    }
  }
  // Unknown event types are ignored, as the API's versioning policy asks of clients.
}

}  // namespace loadtwin::wire::reference

namespace loadtwin::wire::reference {
using namespace loadtwin::wire;
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

bool RefChatReader::feed(std::string_view bytes, core::Instant at) {
  if (complete_ || error_) return false;
  bool const ok = parser_.feed(bytes, [&](SseEvent&& e) { on_event(std::move(e), at); });
  if (!ok) fail(core::ErrorReason::malformed_stream);
  return !complete_ && !error_;
}

void RefChatReader::end_of_body(core::Instant at) {
  if (complete_ || error_) return;
  parser_.finish([&](SseEvent&& e) { on_event(std::move(e), at); });
  if (!complete_) fail(core::ErrorReason::malformed_stream);  // ended without [DONE]
}

void RefChatReader::fail(core::ErrorReason reason) {
  if (!error_ && !complete_) error_ = reason;
}

void RefChatReader::on_event(SseEvent&& event, core::Instant at) {
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

void RefChatReader::on_chunk(json::object const& chunk, core::Instant at) {
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

void RefChatReader::on_choice(json::object const& choice, core::Instant at) {
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

void RefChatReader::finish_tool_calls(std::optional<std::int64_t> choice, core::Instant at) {
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

void RefChatReader::on_usage(json::object const& chunk, core::Instant at) {
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

}  // namespace loadtwin::wire::reference
