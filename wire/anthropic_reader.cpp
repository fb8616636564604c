#include "wire/anthropic_reader.hpp"

#include "wire/token_estimate.hpp"

namespace loadtwin::wire {
namespace {

// usage.<field> of a message_start's message or a message_delta, when it is a count.
std::optional<std::uint32_t> usage_count(FlatJson::Value o, std::string_view field) {
  auto const v = o.get("usage").get(field);
  if (!v.is_int64() || v.as_int64() < 0 || v.as_int64() > UINT32_MAX) return std::nullopt;
  return static_cast<std::uint32_t>(v.as_int64());
}

}  // namespace

void AnthropicReader::on_message_start(FlatJson::Value o, core::Instant at) {
  auto const message = o.get("message");
  if (!message.is_object()) return;
  if (auto tokens = usage_count(message, "input_tokens")) {
    emit_(
        core::StreamEvent{.type = core::StreamEventType::usage, .at = at, .input_tokens = *tokens});
  }
}

bool AnthropicReader::feed(std::string_view bytes, core::Instant at) {
  if (complete_ || error_) return false;
  bool const ok = parser_.feed(bytes, [&](SseEvent&& e) { on_event(std::move(e), at); });
  if (!ok) fail(core::ErrorReason::malformed_stream);
  return !complete_ && !error_;
}

void AnthropicReader::end_of_body(core::Instant at) {
  if (complete_ || error_) return;
  parser_.finish([&](SseEvent&& e) { on_event(std::move(e), at); });
  if (complete_ || error_) return;
  if (data_only_ && saw_delta_) {
    complete_ = true;
  } else {
    fail(core::ErrorReason::malformed_stream);  // ended without message_stop
  }
}

void AnthropicReader::fail(core::ErrorReason reason) {
  if (!error_ && !complete_) error_ = reason;
}

void AnthropicReader::on_event(SseEvent&& event, core::Instant at) {
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
  std::string_view type = event.event;
  bool const typed_by_data = type.empty() || data_only_;
  if (typed_by_data) {
    auto const t = json_.parse(event.data) ? json_.root().get("type") : FlatJson::Value{};
    if (!t.is_string()) {
      fail(core::ErrorReason::malformed_stream);
      return;
    }
    type = t.as_string();
  }
  on_payload(type, event.data, typed_by_data, at);
}

void AnthropicReader::on_payload(std::string_view type, std::string const& data, bool parsed,
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
  if ((!parsed && !json_.parse(data)) || !json_.root().is_object()) {
    fail(core::ErrorReason::malformed_stream);
    return;
  }
  auto const o = json_.root();
  if (type == "message_start") {
    on_message_start(o, at);
    return;
  }
  auto const index_value = o.get("index");
  std::int64_t const index = index_value.is_int64() ? index_value.as_int64() : 0;
  if (type == "content_block_start") {
    bool const tool = o.get("content_block").get("type").equals("tool_use");
    if (tool && data_only_) {  // the seed's tool reply: one start event carries the call
      emit_(core::StreamEvent{.type = core::StreamEventType::tool_use_done, .at = at});
      saw_delta_ = true;
    } else if (tool) {
      tool_inputs_[index];
    }
  } else if (type == "content_block_delta") {
    on_block_delta(o, index, at);
  } else if (type == "content_block_stop") {
    auto const it = tool_inputs_.find(index);
    if (it != tool_inputs_.end()) {
      bool const valid = is_valid_json(it->second.empty() ? "{}" : it->second);
      emit_(core::StreamEvent{
          .type = core::StreamEventType::tool_use_done, .at = at, .input_valid = valid});
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

void AnthropicReader::on_block_delta(FlatJson::Value o, std::int64_t index, core::Instant at) {
  auto const delta = o.get("delta");  // absent unless an object: get() looks into objects only
  auto const dtype = delta.get("type");
  auto const part = delta.get("partial_json");
  auto const text = delta.get("text");
  if (part.present() && tool_inputs_.contains(index)) {
    if (part.is_string()) tool_inputs_[index] += part.as_string();
  } else if (text.is_string() && (!dtype.present() || dtype.equals("text_delta"))) {
    saw_delta_ = true;
    emit_(core::StreamEvent{.type = core::StreamEventType::text_delta,
                            .at = at,
                            .non_empty = !text.as_string().empty(),
                            .tokens = estimate_delta_tokens(text.as_string())});
  }
}

}  // namespace loadtwin::wire
