#pragma once
// Interprets one response's SSE events as core::StreamEvents (sans I/O, so tests feed it
// bytes directly). Two dialects:
//  - Anthropic: named events; the stream is complete at message_stop; `event: error` is a
//    stream error; a stream that ends before message_stop is malformed.
//  - data-only (the seed's Node mock): no `event:` lines, so the type comes from the JSON
//    `type` field, and a stream that ends cleanly after its deltas is complete.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/stream_event.hpp"
#include "wire/dialect.hpp"
#include "wire/flat_json.hpp"
#include "wire/sse_parser.hpp"

namespace loadtwin::wire {

class AnthropicReader final : public ReplyReader {
 public:
  explicit AnthropicReader(Emit emit) : emit_(std::move(emit)) {}

  bool feed(std::string_view bytes, core::Instant at) override;
  void end_of_body(core::Instant at) override;
  [[nodiscard]] std::optional<core::ErrorReason> error() const override { return error_; }
  [[nodiscard]] bool complete() const { return complete_; }

 private:
  void on_event(SseEvent&& event, core::Instant at);
  // `parsed`: json_ already holds `data` (the data-only dialect read its type from it).
  void on_payload(std::string_view type, std::string const& data, bool parsed, core::Instant at);
  void on_message_start(FlatJson::Value o, core::Instant at);
  void on_block_delta(FlatJson::Value o, std::int64_t index, core::Instant at);
  void fail(core::ErrorReason reason);

  Emit emit_;
  SseParser parser_;
  FlatJson json_;  // the current event's data
  bool dialect_known_ = false;
  bool data_only_ = false;
  bool saw_delta_ = false;
  bool complete_ = false;
  std::optional<core::ErrorReason> error_;
  std::map<std::int64_t, std::string> tool_inputs_;  // block index -> joined partial_json
};

}  // namespace loadtwin::wire
