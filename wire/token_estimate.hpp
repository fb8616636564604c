#pragma once
// Token estimates on the wire (SPEC "Requests", "Trace replay"): what a request's input
// costs, how many tokens a text delta carries, and a synthetic prompt of a given size.
// The mock and sim must agree on the input estimate (core::builtin_input_tokens).
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/request_kind.hpp"

namespace loadtwin::wire {

// UTF-8 bytes of the body's `system`, of every message's text content (a string or the
// `text` of its parts; OpenAI system messages are messages) and of the serialized `tools`,
// divided by 4 and rounded up. An OpenAI function tool counts as its Messages API twin
// {name, description, input_schema}: the same tool costs the same in either dialect.
std::uint32_t estimate_input_tokens(boost::json::object const& body);

// The text the mock writes for `tokens` output tokens: one word ("token ") per token.
std::string mock_token_text(std::uint32_t tokens);
// The same text appended to `out`.
void append_mock_token_text(std::uint32_t tokens, std::string& out);

// The tokens a text delta carries: its whitespace-separated words, at least 1 (the mock
// writes one word per token).
std::uint32_t estimate_delta_tokens(std::string_view text);

// A Messages body whose prompt estimates to `input_tokens` tokens, with `max_tokens`
// (a trace row replayed live); tools as exec `kind`'s built-in body has them.
std::string synthetic_messages_body(core::RequestKind kind, std::string const& model,
                                    std::uint32_t input_tokens,
                                    std::optional<std::uint32_t> max_tokens);

// The same for the openai dialect: a Chat Completions body (streamed, asking for usage).
std::string synthetic_chat_body(core::RequestKind kind, std::string const& model,
                                std::uint32_t input_tokens,
                                std::optional<std::uint32_t> max_tokens);

}  // namespace loadtwin::wire
