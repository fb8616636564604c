#pragma once
// OpenAI Chat Completions on the wire (REFERENCE §9): request bodies as the client writes
// them, request validation as the mock reads them, and error bodies. The stream itself is
// openai_renderer.hpp (server) and openai_reader.hpp (client).
#include <string>
#include <string_view>

#include "core/request_kind.hpp"
#include "wire/dialect.hpp"

namespace loadtwin::wire {

// A POST /v1/chat/completions body, validated like the real API: a JSON object with `model`
// (string) and `messages` (non-empty array); `max_tokens` / `max_completion_tokens`, when
// present, integers >= 1 (max_completion_tokens wins); `stream` a boolean; `stream_options`
// only with `stream: true`.
ParsedRequest parse_chat_request(std::string_view body);

// The body exec `kind` sends when the plan gives none; streamed, with usage asked for.
// invalid_request sends `max_tokens: 0`, which the API rejects with 400.
std::string chat_request_body(core::RequestKind kind, std::string const& model);

// A plan's own body as sent: `stream` forced true and `include_usage: true` merged into its
// `stream_options` (replacing one that is not an object); every other member as written.
// A body that is not a JSON object is sent unchanged (the server answers it with a 400).
std::string chat_body_for_streaming(std::string const& body);

// {"error":{"message":..,"type":..,"param":null,"code":..}}: 401 invalid_api_key, 429
// rate_limit_exceeded, 5xx server_error, other statuses invalid_request_error.
std::string chat_error_body(int status, std::string_view message);

}  // namespace loadtwin::wire
