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
#include "wire/sse_parser.hpp"

namespace loadtwin::wire {

class StreamReader {
 public:
  using Emit = std::function<void(core::StreamEvent const&)>;
  explicit StreamReader(Emit emit) : emit_(std::move(emit)) {}

  // Bytes that arrived at `at`. Returns false once the stream is finished or broken.
  bool feed(std::string_view bytes, core::Instant at);
  // The connection delivered the whole body; returns the verdict.
  void end_of_body(core::Instant at);
  [[nodiscard]] bool complete() const { return complete_; }
  // Set when the stream is broken (malformed, an error event, ended early).
  [[nodiscard]] std::optional<core::ErrorReason> error() const { return error_; }

 private:
  void on_event(SseEvent&& event, core::Instant at);
  void on_payload(std::string const& type, std::string const& data, core::Instant at);
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

}  // namespace loadtwin::wire
