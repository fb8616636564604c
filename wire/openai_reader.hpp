#pragma once
// Interprets an OpenAI Chat Completions stream (REFERENCE §9) as core::StreamEvents, with
// the meanings the Messages reader gives its events:
//  - text_delta for each non-empty `choices[].delta.content` (the first is TTFT; the empty
//    content of the role chunk is no delta, as a text block's start is none);
//  - tool_use_done for each tool call once its choice has a `finish_reason` (`tool_calls`),
//    valid when the joined `function.arguments` fragments parse as JSON;
//  - usage from the usage chunk (`prompt_tokens`, `completion_tokens`);
//  - complete at `data: [DONE]`; a stream that ends before it, or a `data:` line that is not
//    a JSON object, is malformed_stream; an error object in the stream (`{"error": ..}`,
//    `"object": "error"`, as vLLM sends) is stream_error_event.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "core/stream_event.hpp"
#include "wire/dialect.hpp"
#include "wire/flat_json.hpp"
#include "wire/sse_parser.hpp"

namespace loadtwin::wire {

class ChatReader final : public ReplyReader {
 public:
  explicit ChatReader(Emit emit) : emit_(std::move(emit)) {}

  bool feed(std::string_view bytes, core::Instant at) override;
  void end_of_body(core::Instant at) override;
  [[nodiscard]] std::optional<core::ErrorReason> error() const override { return error_; }
  [[nodiscard]] bool complete() const { return complete_; }

 private:
  void on_event(SseEvent&& event, core::Instant at);
  void on_chunk(FlatJson::Value chunk, core::Instant at);
  void on_choice(FlatJson::Value choice, core::Instant at);
  void on_usage(FlatJson::Value chunk, core::Instant at);
  // Emits tool_use_done for the open tool calls of `choice` (every choice when nullopt).
  void finish_tool_calls(std::optional<std::int64_t> choice, core::Instant at);
  void fail(core::ErrorReason reason);

  Emit emit_;
  SseParser parser_;
  FlatJson json_;  // the current event's data
  bool complete_ = false;
  std::optional<core::ErrorReason> error_;
  // (choice index, tool call index) -> the joined `arguments` fragments
  std::map<std::pair<std::int64_t, std::int64_t>, std::string> tool_arguments_;
};

}  // namespace loadtwin::wire
