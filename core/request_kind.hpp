#pragma once
// The built-in request kinds a scenario's `exec` names (SPEC "Plan file").
#include <optional>
#include <string_view>

namespace loadtwin::core {

enum class RequestKind { simple_query, tool_call, invalid_request };

constexpr std::string_view to_string(RequestKind kind) {
  switch (kind) {
    case RequestKind::simple_query:
      return "simple_query";
    case RequestKind::tool_call:
      return "tool_call";
    case RequestKind::invalid_request:
      return "invalid_request";
  }
  return "?";
}

constexpr std::optional<RequestKind> parse_request_kind(std::string_view text) {
  for (auto kind :
       {RequestKind::simple_query, RequestKind::tool_call, RequestKind::invalid_request}) {
    if (to_string(kind) == text) return kind;
  }
  return std::nullopt;
}

}  // namespace loadtwin::core
