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

}  // namespace

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
  if (auto const* tools = body.if_contains("tools")) bytes += json::serialize(*tools).size();
  return static_cast<std::uint32_t>((bytes + 3) / 4);
}

}  // namespace loadtwin::core
