#include "wire/openai_wire.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "wire/token_estimate.hpp"

namespace loadtwin::wire {
namespace {

namespace json = boost::json;

// Why a token limit member is invalid ("" when it is absent or fine).
std::string token_limit_error(json::object const& body, std::string_view name) {
  auto const* v = body.if_contains(name);
  if (v == nullptr || v->is_null()) return {};
  if (!v->is_int64() && !v->is_uint64()) {
    return fmt::format("Invalid type for '{}': expected an integer.", name);
  }
  if (v->is_int64() && v->as_int64() < 1) {
    return fmt::format(
        "Invalid '{}': integer below minimum value. Expected a value >= 1, but got {} instead.",
        name, v->as_int64());
  }
  return {};
}

std::string messages_error(json::value const* messages) {
  if (messages == nullptr) return "Missing required parameter: 'messages'.";
  if (!messages->is_array()) return "Invalid type for 'messages': expected an array.";
  if (messages->as_array().empty()) {
    return "Invalid 'messages': empty array. Expected an array with minimum length 1, but got "
           "an empty array instead.";
  }
  std::size_t i = 0;
  for (auto const& m : messages->as_array()) {
    auto const* role = m.is_object() ? m.as_object().if_contains("role") : nullptr;
    if (role == nullptr || !role->is_string()) {
      return fmt::format("Missing required parameter: 'messages[{}].role'.", i);
    }
    ++i;
  }
  return {};
}

// The first check the body fails, in the order the API reports them; "" when valid.
std::string request_error(json::object const& body) {
  auto const* model = body.if_contains("model");
  if (model == nullptr || !model->is_string()) return "you must provide a model parameter";
  if (auto e = messages_error(body.if_contains("messages")); !e.empty()) return e;
  for (std::string_view name : {"max_tokens", "max_completion_tokens"}) {
    if (auto e = token_limit_error(body, name); !e.empty()) return e;
  }
  auto const* stream = body.if_contains("stream");
  if (stream != nullptr && !stream->is_bool() && !stream->is_null()) {
    return "Invalid type for 'stream': expected a boolean.";
  }
  auto const* options = body.if_contains("stream_options");
  bool const streamed = stream != nullptr && stream->is_bool() && stream->as_bool();
  if (options != nullptr && !options->is_null() && !streamed) {
    return "The 'stream_options' parameter is only allowed when 'stream' is enabled.";
  }
  if (auto const* tools = body.if_contains("tools"); tools && !tools->is_array()) {
    return "Invalid type for 'tools': expected an array.";
  }
  return {};
}

std::optional<std::uint32_t> token_limit(json::object const& body) {
  for (std::string_view name : {"max_completion_tokens", "max_tokens"}) {
    auto const* v = body.if_contains(name);
    if (v == nullptr || v->is_null()) continue;
    auto const n = v->is_int64() ? static_cast<std::uint64_t>(v->as_int64()) : v->as_uint64();
    return n <= UINT32_MAX ? std::optional<std::uint32_t>(static_cast<std::uint32_t>(n))
                           : std::nullopt;
  }
  return std::nullopt;
}

std::string first_tool_name(json::array const& tools) {
  auto const* tool = tools.front().if_object();
  auto const* function = tool ? tool->if_contains("function") : nullptr;
  auto const* name =
      function && function->is_object() ? function->as_object().if_contains("name") : nullptr;
  return name && name->is_string() ? std::string(name->as_string()) : "tool";
}

}  // namespace

ParsedRequest parse_chat_request(std::string_view body) {
  ParsedRequest r;
  json::error_code ec;
  json::value doc = json::parse(body, ec);
  if (ec || !doc.is_object()) {
    r.error =
        "We could not parse the JSON body of your request. (The OpenAI API expects a JSON "
        "object.)";
    return r;
  }
  auto const& obj = doc.as_object();
  r.error = request_error(obj);
  if (!r.error.empty()) return r;
  r.valid = true;
  r.model = std::string(obj.at("model").as_string());
  if (auto const* stream = obj.if_contains("stream"); stream && stream->is_bool()) {
    r.stream = stream->as_bool();
  }
  if (auto const* options = obj.if_contains("stream_options"); options && options->is_object()) {
    auto const* usage = options->as_object().if_contains("include_usage");
    r.include_usage = usage && usage->is_bool() && usage->as_bool();
  }
  if (auto const* tools = obj.if_contains("tools"); tools && !tools->as_array().empty()) {
    r.kind = core::RequestKind::tool_call;
    r.tool_name = first_tool_name(tools->as_array());
  }
  r.max_tokens = token_limit(obj);
  r.input_tokens = estimate_input_tokens(obj);
  return r;
}

std::string chat_request_body(core::RequestKind kind, std::string const& model) {
  json::object body{
      {"model", model},
      {"messages",
       json::array{json::object{{"role", "user"}, {"content", "What is the weather in Paris?"}}}},
      {"max_tokens", kind == core::RequestKind::invalid_request ? 0 : 256},  // 0: 400 expected
      {"stream", true},
      {"stream_options", json::object{{"include_usage", true}}}};
  if (kind == core::RequestKind::tool_call) {
    // The same tool as the Messages body, so both estimate to core::builtin_input_tokens.
    json::object parameters{
        {"type", "object"},
        {"properties", json::object{{"location", json::object{{"type", "string"}}}}},
        {"required", json::array{"location"}}};
    body["tools"] = json::array{
        json::object{{"type", "function"},
                     {"function", json::object{{"name", "get_weather"},
                                               {"description", "Current weather for a location"},
                                               {"parameters", std::move(parameters)}}}}};
  }
  return json::serialize(body);
}

std::string chat_body_for_streaming(std::string const& body) {
  json::error_code ec;
  json::value doc = json::parse(body, ec);
  if (ec || !doc.is_object()) return body;
  auto& obj = doc.as_object();
  obj["stream"] = true;
  auto& options = obj["stream_options"];
  if (!options.is_object()) options = json::object{};
  options.as_object()["include_usage"] = true;
  return json::serialize(doc);
}

std::string chat_error_body(int status, std::string_view message) {
  std::string_view type = "invalid_request_error";
  json::value code = nullptr;
  if (status == 401) code = "invalid_api_key";
  if (status == 429) {
    type = "requests";
    code = "rate_limit_exceeded";
  }
  if (status >= 500) type = "server_error";
  json::object error{{"message", message}, {"type", type}, {"param", nullptr}, {"code", code}};
  return json::serialize(json::object{{"error", std::move(error)}});
}

}  // namespace loadtwin::wire
