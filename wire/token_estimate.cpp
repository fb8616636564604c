#include "wire/token_estimate.hpp"

#include <boost/json.hpp>

#include "core/plan/input_tokens.hpp"
#include "wire/anthropic_wire.hpp"
#include "wire/openai_wire.hpp"

namespace loadtwin::wire {
namespace {

namespace json = boost::json;

}  // namespace

std::uint32_t estimate_input_tokens(json::object const& body) {
  return core::estimate_input_tokens(body);
}

std::string mock_token_text(std::uint32_t tokens) {
  std::string text;
  append_mock_token_text(tokens, text);
  return text;
}

void append_mock_token_text(std::uint32_t tokens, std::string& out) {
  constexpr std::string_view word = "token ";
  out.reserve(out.size() + word.size() * tokens);
  for (std::uint32_t i = 0; i < tokens; ++i) out += word;
}

std::uint32_t estimate_delta_tokens(std::string_view text) {
  std::uint32_t words = 0;
  bool in_word = false;
  for (char c : text) {
    bool const space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words == 0 ? 1 : words;
}

namespace {

// `base` (a built-in body) with its first message's content sized so that the body
// estimates to `input_tokens`, and `max_tokens` when given.
std::string synthetic_body(std::string const& base, std::uint32_t input_tokens,
                           std::optional<std::uint32_t> max_tokens) {
  json::value doc = json::parse(base);
  auto& body = doc.as_object();
  std::size_t const tools = body.contains("tools") ? core::tools_input_bytes(body.at("tools")) : 0;
  std::size_t const want = static_cast<std::size_t>(input_tokens) * 4;
  std::size_t const text_bytes = want > tools + 4 ? want - tools : 4;
  std::string prompt;
  prompt.reserve(text_bytes);
  while (prompt.size() + 4 <= text_bytes) prompt += "tok ";
  prompt.append(text_bytes - prompt.size(), '.');
  body["messages"].as_array()[0].as_object()["content"] = prompt;
  if (max_tokens) body["max_tokens"] = *max_tokens;
  return json::serialize(doc);
}

}  // namespace

std::string synthetic_messages_body(core::RequestKind kind, std::string const& model,
                                    std::uint32_t input_tokens,
                                    std::optional<std::uint32_t> max_tokens) {
  return synthetic_body(messages_request_body(kind, model), input_tokens, max_tokens);
}

std::string synthetic_chat_body(core::RequestKind kind, std::string const& model,
                                std::uint32_t input_tokens,
                                std::optional<std::uint32_t> max_tokens) {
  return synthetic_body(chat_request_body(kind, model), input_tokens, max_tokens);
}

}  // namespace loadtwin::wire
