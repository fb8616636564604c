#include "core/plan/input_tokens.hpp"

#include <boost/json.hpp>

namespace loadtwin::core {
namespace {

namespace json = boost::json;

std::size_t content_bytes(json::value const& content) {
  if (content.is_string()) return content.as_string().size();
  if (!content.is_array()) return 0;
  std::size_t bytes = 0;
  for (auto const& block : content.as_array()) {
    auto const* o = block.if_object();
    auto const* text = o ? o->if_contains("text") : nullptr;
    if (text && text->is_string()) bytes += text->as_string().size();
  }
  return bytes;
}

// An OpenAI function tool ({"type":"function","function":{name, description, parameters}})
// as its Messages API twin ({name, description, input_schema}); other tools as they are.
json::value as_messages_tool(json::value const& tool) {
  auto const* o = tool.if_object();
  auto const* function = o ? o->if_contains("function") : nullptr;
  if (function == nullptr || !function->is_object()) return tool;
  json::object twin;
  auto const& f = function->as_object();
  if (auto const* name = f.if_contains("name")) twin["name"] = *name;
  if (auto const* description = f.if_contains("description")) twin["description"] = *description;
  if (auto const* parameters = f.if_contains("parameters")) twin["input_schema"] = *parameters;
  return twin;
}

}  // namespace

std::size_t tools_input_bytes(json::value const& tools) {
  if (!tools.is_array()) return json::serialize(tools).size();
  json::array twins;
  for (auto const& tool : tools.as_array()) twins.push_back(as_messages_tool(tool));
  return json::serialize(twins).size();
}

std::uint32_t estimate_input_tokens(json::object const& body) {
  std::size_t bytes = 0;
  if (auto const* system = body.if_contains("system")) bytes += content_bytes(*system);
  if (auto const* messages = body.if_contains("messages"); messages && messages->is_array()) {
    for (auto const& m : messages->as_array()) {
      auto const* o = m.if_object();
      if (auto const* content = o ? o->if_contains("content") : nullptr) {
        bytes += content_bytes(*content);
      }
    }
  }
  if (auto const* tools = body.if_contains("tools")) bytes += tools_input_bytes(*tools);
  return static_cast<std::uint32_t>((bytes + 3) / 4);
}

}  // namespace loadtwin::core
