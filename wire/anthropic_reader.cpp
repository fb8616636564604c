#include "wire/anthropic_reader.hpp"

#include <boost/json.hpp>

#include "wire/token_estimate.hpp"

namespace loadtwin::wire {
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

void AnthropicReader::on_message_start(json::object const& o, core::Instant at) {
  auto const* message = o.if_contains("message");
  if (message == nullptr || !message->is_object()) return;
  if (auto tokens = usage_count(message->as_object(), "input_tokens")) {
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

void AnthropicReader::on_payload(std::string const& type, std::string const& data,
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

}  // namespace loadtwin::wire
