#pragma once
// Renders one request's script as OpenAI chat.completion.chunk SSE (REFERENCE §9), instant
// by instant, mapping script events to instants exactly as the Messages renderer does, so
// /v1/chat/completions and /v1/messages play the same timeline for the same draws.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/model/timing_model.hpp"
#include "wire/dialect.hpp"

namespace loadtwin::wire {

class ChatStreamRenderer final : public ReplyRenderer {
 public:
  // `message_id` is the mock's "msg_<hex>"; the completion is "chatcmpl-<hex>".
  ChatStreamRenderer(ParsedRequest const& request, core::ResponseScript const& script,
                     std::uint32_t tool_input_chunks, std::string_view message_id);
  // The first chunk: delta.role "assistant".
  [[nodiscard]] std::string opening() const override;
  // A content delta; the whole tool call (start, argument fragments, finish_reason
  // tool_calls, usage, [DONE]); the text end (finish_reason, usage, [DONE]); or an error
  // chunk then [DONE], as vLLM ends a stream that failed.
  [[nodiscard]] std::string event(std::size_t index) const override;
  // The chat.completion document, for `stream: false`.
  [[nodiscard]] std::string whole() const override;

 private:
  [[nodiscard]] std::string chunk(std::string_view choice_json) const;
  [[nodiscard]] std::string delta_chunk(std::string_view delta_json) const;
  [[nodiscard]] std::string finish(std::string_view reason) const;
  [[nodiscard]] std::string tool_call() const;
  [[nodiscard]] std::string usage_json() const;

  ParsedRequest request_;
  core::ResponseScript const& script_;
  std::uint32_t tool_input_chunks_;
  std::string suffix_;  // the id's hex: chatcmpl-<suffix>, call_<suffix>
  std::string prefix_;  // every chunk's members before `choices`
};

}  // namespace loadtwin::wire
