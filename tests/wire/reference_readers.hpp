#pragma once
// The readers as they were before FlatJson (boost::json::parse of every event): the oracle
// reader_equivalence_test compares the readers against. Test code only.
// Interprets one response's SSE events as core::StreamEvents (sans I/O, so tests feed it
// bytes directly). Two dialects:
//  - Anthropic: named events; the stream is complete at message_stop; `event: error` is a
//    stream error; a stream that ends before message_stop is malformed.
//  - data-only (the seed's Node mock): no `event:` lines, so the type comes from the JSON
//    `type` field, and a stream that ends cleanly after its deltas is complete.
#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/stream_event.hpp"
#include "wire/dialect.hpp"
#include "wire/sse_parser.hpp"

namespace loadtwin::wire::reference {
using namespace loadtwin::wire;

class RefAnthropicReader final : public ReplyReader {
 public:
  explicit RefAnthropicReader(Emit emit) : emit_(std::move(emit)) {}

  bool feed(std::string_view bytes, core::Instant at) override;
  void end_of_body(core::Instant at) override;
  [[nodiscard]] std::optional<core::ErrorReason> error() const override { return error_; }
  [[nodiscard]] bool complete() const { return complete_; }

 private:
  void on_event(SseEvent&& event, core::Instant at);
  void on_payload(std::string const& type, std::string const& data, core::Instant at);
  void on_message_start(boost::json::object const& o, core::Instant at);
  void fail(core::ErrorReason reason);

  Emit emit_;
  SseParser parser_;
  bool dialect_known_ = false;
  bool data_only_ = false;
  bool saw_delta_ = false;
  bool complete_ = false;
  std::optional<core::ErrorReason> error_;
  std::map<std::int64_t, std::string> tool_inputs_;  // block index -> joined partial_json
};

}  // namespace loadtwin::wire::reference

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
#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "core/stream_event.hpp"
#include "wire/dialect.hpp"
#include "wire/sse_parser.hpp"

namespace loadtwin::wire::reference {
using namespace loadtwin::wire;

class RefChatReader final : public ReplyReader {
 public:
  explicit RefChatReader(Emit emit) : emit_(std::move(emit)) {}

  bool feed(std::string_view bytes, core::Instant at) override;
  void end_of_body(core::Instant at) override;
  [[nodiscard]] std::optional<core::ErrorReason> error() const override { return error_; }
  [[nodiscard]] bool complete() const { return complete_; }

 private:
  void on_event(SseEvent&& event, core::Instant at);
  void on_chunk(boost::json::object const& chunk, core::Instant at);
  void on_choice(boost::json::object const& choice, core::Instant at);
  void on_usage(boost::json::object const& chunk, core::Instant at);
  // Emits tool_use_done for the open tool calls of `choice` (every choice when nullopt).
  void finish_tool_calls(std::optional<std::int64_t> choice, core::Instant at);
  void fail(core::ErrorReason reason);

  Emit emit_;
  SseParser parser_;
  bool complete_ = false;
  std::optional<core::ErrorReason> error_;
  // (choice index, tool call index) -> the joined `arguments` fragments
  std::map<std::pair<std::int64_t, std::int64_t>, std::string> tool_arguments_;
};

}  // namespace loadtwin::wire::reference
