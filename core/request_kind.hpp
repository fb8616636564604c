#pragma once
// The built-in request kinds a scenario's `exec` names (SPEC "Plan file").
#include <cstdint>
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

// The input-token estimate of exec's built-in request body (SPEC "Requests": UTF-8 bytes of
// system, message texts and serialized tools, / 4, rounded up), so sim charges the same
// first_token_delay_per_1k_input_tokens as the mock; tests/wire checks it against the wire.
constexpr std::uint32_t builtin_input_tokens(RequestKind kind) {
  switch (kind) {
    case RequestKind::simple_query:
    case RequestKind::invalid_request:
      return 8;
    case RequestKind::tool_call:
      return 51;
  }
  return 0;
}

// The max_tokens of exec's built-in request body (invalid_request sends none).
inline constexpr std::uint32_t builtin_max_tokens = 256;

}  // namespace loadtwin::core
