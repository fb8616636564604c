#include "wire/openai_renderer.hpp"

#include <boost/json.hpp>

#include "wire/anthropic_wire.hpp"  // the tool input the mock streams, and its fragments
#include "wire/token_estimate.hpp"

namespace loadtwin::wire {
namespace {

namespace json = boost::json;

constexpr std::string_view done = "data: [DONE]\n\n";

std::string sse_data(std::string_view json_text) {
  std::string out = "data: ";
  out.append(json_text);
  return out + "\n\n";
}

}  // namespace

ChatStreamRenderer::ChatStreamRenderer(ParsedRequest const& request,
                                       core::ResponseScript const& script,
                                       std::uint32_t tool_input_chunks, std::string_view message_id)
    : request_(request),
      script_(script),
      tool_input_chunks_(tool_input_chunks),
      suffix_(message_id.starts_with("msg_") ? message_id.substr(4) : message_id) {
  // `created` would need a clock; clients take it as an opaque integer.
  prefix_ = R"({"id":"chatcmpl-)" + suffix_ +
            R"(","object":"chat.completion.chunk","created":0,"model":)" +
            json::serialize(json::string(request_.model)) + ",";
}

std::string ChatStreamRenderer::chunk(std::string_view choice_json) const {
  std::string out = prefix_;
  out += R"("choices":[)";
  out += choice_json;
  out += request_.include_usage ? R"(],"usage":null})" : "]}";
  return sse_data(out);
}

std::string ChatStreamRenderer::delta_chunk(std::string_view delta_json) const {
  std::string choice = R"({"index":0,"delta":)";
  choice += delta_json;
  choice += R"(,"logprobs":null,"finish_reason":null})";
  return chunk(choice);
}

std::string ChatStreamRenderer::usage_json() const {
  json::object usage{
      {"prompt_tokens", request_.input_tokens},
      {"completion_tokens", script_.output_tokens},
      {"total_tokens", std::uint64_t{request_.input_tokens} + script_.output_tokens}};
  return json::serialize(usage);
}

// The chunk with finish_reason, the usage chunk when asked for, and [DONE].
std::string ChatStreamRenderer::finish(std::string_view reason) const {
  std::string out = chunk(R"({"index":0,"delta":{},"logprobs":null,"finish_reason":")" +
                          std::string(reason) + R"("})");
  if (request_.include_usage) {
    out += sse_data(prefix_ + R"("choices":[],"usage":)" + usage_json() + "}");
  }
  return out + std::string(done);
}

std::string ChatStreamRenderer::opening() const {
  if (request_.kind == core::RequestKind::tool_call) {
    return delta_chunk(R"({"role":"assistant","content":null})");
  }
  return delta_chunk(R"({"role":"assistant","content":""})");
}

std::string ChatStreamRenderer::tool_call() const {
  json::object start{{"index", 0},
                     {"id", "call_" + suffix_},
                     {"type", "function"},
                     {"function", json::object{{"name", request_.tool_name}, {"arguments", ""}}}};
  std::string out =
      delta_chunk(json::serialize(json::object{{"tool_calls", json::array{std::move(start)}}}));
  for (std::uint32_t i = 0; i < tool_input_chunks_; ++i) {
    json::object fragment{
        {"index", 0},
        {"function", json::object{{"arguments", tool_input_fragment(tool_input_chunks_, i)}}}};
    out += delta_chunk(
        json::serialize(json::object{{"tool_calls", json::array{std::move(fragment)}}}));
  }
  return out + finish("tool_calls");
}

std::string ChatStreamRenderer::event(std::size_t index) const {
  switch (script_.events[index].type) {
    case core::ScriptEventType::text_delta:
      return delta_chunk(R"({"content":")" + mock_token_text(script_.events[index].tokens) +
                         R"("})");
    case core::ScriptEventType::tool_use:
      return tool_call();
    case core::ScriptEventType::message_end:
      // A tool reply's end is part of its tool call (one instant), as in the Messages renderer.
      if (request_.kind == core::RequestKind::tool_call) return std::string{};
      return finish(script_.hit_max_tokens ? "length" : "stop");
    case core::ScriptEventType::stream_error:
      return sse_data(R"({"error":{"message":"Overloaded","type":"server_error","param":null,)"
                      R"("code":null}})") +
             std::string(done);
  }
  return {};
}

std::string ChatStreamRenderer::whole() const {
  bool const tool = request_.kind == core::RequestKind::tool_call;
  json::object message{{"role", "assistant"}, {"content", nullptr}, {"refusal", nullptr}};
  if (tool) {
    message["tool_calls"] = json::array{json::object{
        {"id", "call_" + suffix_},
        {"type", "function"},
        {"function", json::object{{"name", request_.tool_name}, {"arguments", tool_input_json}}}}};
  } else {
    message["content"] = mock_token_text(script_.output_tokens);
  }
  json::object choice{{"index", 0},
                      {"message", std::move(message)},
                      {"logprobs", nullptr},
                      {"finish_reason", tool                     ? "tool_calls"
                                        : script_.hit_max_tokens ? "length"
                                                                 : "stop"}};
  json::object completion{{"id", "chatcmpl-" + suffix_},
                          {"object", "chat.completion"},
                          {"created", 0},
                          {"model", request_.model},
                          {"choices", json::array{std::move(choice)}},
                          {"usage", json::parse(usage_json())}};
  return json::serialize(completion);
}

}  // namespace loadtwin::wire
