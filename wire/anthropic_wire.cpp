#include "wire/anthropic_wire.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "wire/token_estimate.hpp"

namespace loadtwin::wire {
namespace {

namespace json = boost::json;


std::string invalid(std::string message) { return message; }

}  // namespace

ParsedRequest parse_messages_request(std::string_view body) {
  ParsedRequest r;
  json::error_code ec;
  json::value doc = json::parse(body, ec);
  if (ec) {
    r.error =
        invalid("There was an issue with your request body: invalid JSON (" + ec.message() + ")");
    return r;
  }
  auto const* obj = doc.if_object();
  if (obj == nullptr) {
    r.error = "The request body must be a JSON object";
    return r;
  }
  auto const* model = obj->if_contains("model");
  auto const* max_tokens = obj->if_contains("max_tokens");
  auto const* messages = obj->if_contains("messages");
  if (model == nullptr || !model->is_string()) {
    r.error = "model: Field required";
  } else if (max_tokens == nullptr || !max_tokens->is_int64() || max_tokens->as_int64() < 1) {
    r.error = "max_tokens: Field required (an integer >= 1)";
  } else if (messages == nullptr || !messages->is_array() || messages->as_array().empty()) {
    r.error = "messages: Field required (a non-empty array)";
  }
  if (auto const* stream = obj->if_contains("stream"); stream != nullptr && !stream->is_bool()) {
    r.error = "stream: Input should be a valid boolean";
  }
  if (!r.error.empty()) return r;
  r.valid = true;
  r.model = std::string(model->as_string());
  if (auto const* stream = obj->if_contains("stream")) r.stream = stream->as_bool();
  if (auto const* tools = obj->if_contains("tools");
      tools && tools->is_array() && !tools->as_array().empty()) {
    r.kind = core::RequestKind::tool_call;
    auto const& first = tools->as_array().front();
    auto const* name = first.is_object() ? first.as_object().if_contains("name") : nullptr;
    r.tool_name = name && name->is_string() ? std::string(name->as_string()) : "tool";
  }
  if (max_tokens->as_int64() <= UINT32_MAX) {
    r.max_tokens = static_cast<std::uint32_t>(max_tokens->as_int64());
  }
  r.input_tokens = estimate_input_tokens(*obj);
  return r;
}

std::string messages_request_body(core::RequestKind kind, std::string const& model) {
  json::object body{
      {"model", model},
      {"stream", true},
      {"messages",
       json::array{json::object{{"role", "user"}, {"content", "What is the weather in Paris?"}}}}};
  if (kind != core::RequestKind::invalid_request) body["max_tokens"] = 256;  // else: 400 expected
  if (kind == core::RequestKind::tool_call) {
    body["tools"] = json::array{json::object{
        {"name", "get_weather"},
        {"description", "Current weather for a location"},
        {"input_schema",
         json::object{{"type", "object"},
                      {"properties", json::object{{"location", json::object{{"type", "string"}}}}},
                      {"required", json::array{"location"}}}}}};
  }
  return json::serialize(body);
}

std::string_view error_type_for(int status) {
  switch (status) {
    case 400:
      return "invalid_request_error";
    case 401:
      return "authentication_error";
    case 402:
      return "billing_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 409:
      return "conflict_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 500:
      return "api_error";
    case 504:
      return "timeout_error";
    case 529:
      return "overloaded_error";
    default:
      return status >= 500 ? "api_error" : "invalid_request_error";
  }
}

std::string error_body(int status, std::string_view message, std::string_view request_id) {
  json::object root{{"type", "error"},
                    {"error", json::object{{"type", error_type_for(status)}, {"message", message}}},
                    {"request_id", request_id}};
  return json::serialize(root);
}

std::string sse_frame(std::string_view event, std::string_view data) {
  return fmt::format("event: {}\ndata: {}\n\n", event, data);
}

std::string tool_input_fragment(std::uint32_t chunks, std::uint32_t index) {
  std::size_t const n = tool_input_json.size();
  std::size_t const begin = n * index / chunks, end = n * (index + 1) / chunks;
  return std::string(tool_input_json.substr(begin, end - begin));
}

StreamRenderer::StreamRenderer(ParsedRequest const& request, core::ResponseScript const& script,
                               std::uint32_t tool_input_chunks, std::string message_id)
    : request_(request),
      script_(script),
      tool_input_chunks_(tool_input_chunks),
      message_id_(std::move(message_id)) {}

std::string StreamRenderer::opening() const {
  json::object message{
      {"id", message_id_},
      {"type", "message"},
      {"role", "assistant"},
      {"model", request_.model},
      {"content", json::array{}},
      {"stop_reason", nullptr},
      {"stop_sequence", nullptr},
      {"usage", json::object{{"input_tokens", request_.input_tokens}, {"output_tokens", 1}}}};
  std::string out =
      sse_frame("message_start",
                json::serialize(json::object{{"type", "message_start"}, {"message", message}}));
  if (request_.kind == core::RequestKind::simple_query) {
    out += sse_frame(
        "content_block_start",
        R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})");
  }
  out += sse_frame("ping", R"({"type": "ping"})");
  return out;
}

std::string StreamRenderer::tool_block() const {
  json::object start{{"type", "content_block_start"},
                     {"index", 0},
                     {"content_block", json::object{{"type", "tool_use"},
                                                    {"id", "toolu_" + message_id_.substr(4)},
                                                    {"name", request_.tool_name},
                                                    {"input", json::object{}}}}};
  std::string out = sse_frame("content_block_start", json::serialize(start));
  for (std::uint32_t i = 0; i < tool_input_chunks_; ++i) {
    json::object delta{
        {"type", "content_block_delta"},
        {"index", 0},
        {"delta", json::object{{"type", "input_json_delta"},
                               {"partial_json", tool_input_fragment(tool_input_chunks_, i)}}}};
    out += sse_frame("content_block_delta", json::serialize(delta));
  }
  out += sse_frame("content_block_stop", R"({"type":"content_block_stop","index":0})");
  return out + message_end("tool_use");
}

std::string StreamRenderer::text_delta(std::uint32_t tokens) const {
  std::string const text = mock_token_text(tokens);
  return sse_frame(
      "content_block_delta",
      R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":")" + text +
          R"("}})");
}

std::string StreamRenderer::message_end(std::string_view stop_reason) const {
  std::string out;
  if (stop_reason != "tool_use") {
    out += sse_frame("content_block_stop", R"({"type":"content_block_stop","index":0})");
  }
  json::object delta{
      {"type", "message_delta"},
      {"delta", json::object{{"stop_reason", stop_reason}, {"stop_sequence", nullptr}}},
      {"usage", json::object{{"output_tokens", script_.output_tokens}}}};
  out += sse_frame("message_delta", json::serialize(delta));
  return out + sse_frame("message_stop", R"({"type":"message_stop"})");
}

std::string StreamRenderer::event(std::size_t index) const {
  switch (script_.events[index].type) {
    case core::ScriptEventType::text_delta:
      return text_delta(script_.events[index].tokens);
    case core::ScriptEventType::tool_use:
      return tool_block();
    case core::ScriptEventType::message_end:
      // A tool reply's end is part of its tool block (one instant).
      if (request_.kind == core::RequestKind::tool_call) return std::string{};
      return message_end(script_.hit_max_tokens ? "max_tokens" : "end_turn");
    case core::ScriptEventType::stream_error:
      return sse_frame(
          "error",
          R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})");
  }
  return {};
}

void StreamRenderer::append_event(std::size_t index, std::string& out) const {
  auto const& e = script_.events[index];
  if (e.type != core::ScriptEventType::text_delta) {
    out += event(index);
    return;
  }
  // text_delta()'s frame, piece by piece.
  out +=
      "event: content_block_delta\ndata: "
      R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":")";
  append_mock_token_text(e.tokens, out);
  out += "\"}}\n\n";
}

std::string StreamRenderer::whole() const {
  json::array content;
  if (request_.kind == core::RequestKind::tool_call) {
    content.push_back(json::object{{"type", "tool_use"},
                                   {"id", "toolu_" + message_id_.substr(4)},
                                   {"name", request_.tool_name},
                                   {"input", json::parse(tool_input_json)}});
  } else {
    std::string const text = mock_token_text(script_.output_tokens);
    content.push_back(json::object{{"type", "text"}, {"text", text}});
  }
  json::object message{
      {"id", message_id_},
      {"type", "message"},
      {"role", "assistant"},
      {"model", request_.model},
      {"content", std::move(content)},
      {"stop_reason", request_.kind == core::RequestKind::tool_call ? "tool_use"
                      : script_.hit_max_tokens                     ? "max_tokens"
                                                                   : "end_turn"},
      {"stop_sequence", nullptr},
      {"usage", json::object{{"input_tokens", request_.input_tokens},
                             {"output_tokens", script_.output_tokens}}}};
  return json::serialize(message);
}

}  // namespace loadtwin::wire
