#pragma once
// The Dialect seam: everything that differs between the wire formats loadtwin speaks
// (SPEC "Targets, requests, dialects"). Sans I/O -- bytes and strings in, events and strings
// out -- so the live runner, the mock, the tests and the fuzzers share it, and a new dialect
// is an addition, not a rewrite.
//
//   client (live runner)                       server (mock)
//   ClientDialect::write_request ──request──▶  ServerDialect::read_request
//   ClientDialect::read_reply    ◀──reply────  ServerDialect::render_reply / error_body
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/timing_model.hpp"
#include "core/request_kind.hpp"
#include "core/stream_event.hpp"

namespace loadtwin::wire {

// What the runner puts into every request besides the body (headers it adds itself, like
// the draw key, are the transport's).
struct WriteOptions {
  std::string model = "claude-sonnet-4-5";
  std::string api_key;
  std::optional<std::string> body;  // the plan's own JSON body; nullopt: exec's built-in one
};

// One request as the client writes it: always POST.
struct RequestText {
  std::string path;  // below the base URL's path, e.g. "/v1/messages"
  core::HeaderList headers;
  std::string body;
};

// One request as the server reads it, validated like the real API.
struct ParsedRequest {
  bool valid = false;
  std::string error;  // why not valid: the invalid_request_error message
  core::RequestKind kind = core::RequestKind::simple_query;  // tool_call when it has tools
  bool stream = false;
  std::string model;
  std::string tool_name;  // the request's first tool
  std::uint32_t input_tokens = 0;
  std::optional<std::uint32_t> max_tokens;
  bool include_usage = false;  // openai: stream_options.include_usage (asks for a usage chunk)
};

using Emit = std::function<void(core::StreamEvent const&)>;

// Reads one 200 reply's body: bytes in, core::StreamEvents out (through Emit), then a
// verdict. Any split of the bytes gives the same events.
class ReplyReader {
 public:
  virtual ~ReplyReader() = default;
  // Bytes of the body that arrived at `at`. False once the reply is finished or broken.
  virtual bool feed(std::string_view bytes, core::Instant at) = 0;
  // The connection delivered the whole body at `at`: settles the verdict.
  virtual void end_of_body(core::Instant at) = 0;
  // Set when the reply is broken (malformed, an error event, ended early).
  [[nodiscard]] virtual std::optional<core::ErrorReason> error() const = 0;
};

class ClientDialect {
 public:
  virtual ~ClientDialect() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  // The request a scenario of `kind` sends.
  [[nodiscard]] virtual RequestText write_request(core::RequestKind kind,
                                                  WriteOptions const& options) const = 0;
  // A reader for a 200 reply whose content type is text/event-stream.
  [[nodiscard]] virtual std::unique_ptr<ReplyReader> read_reply(Emit emit) const = 0;
};

// Renders one reply of the mock, instant by instant, from the script the timing model drew.
class ReplyRenderer {
 public:
  virtual ~ReplyRenderer() = default;
  // Written at t0 with the headers (e.g. message_start, the text block's start, ping).
  [[nodiscard]] virtual std::string opening() const = 0;
  // The bytes of script event `index`; the last event's bytes end the stream.
  [[nodiscard]] virtual std::string event(std::size_t index) const = 0;
  // event(index) appended to `out` (the mock's hot path: a dialect may write in place).
  virtual void append_event(std::size_t index, std::string& out) const { out += event(index); }
  // The whole reply as one JSON document, for `stream: false`.
  [[nodiscard]] virtual std::string whole() const = 0;
};

// Ids the mock derives from the connection and request index (stable for a seed).
struct ReplyIds {
  std::string message_id;  // "msg_..."
  std::string request_id;  // "req_..."
};

class ServerDialect {
 public:
  virtual ~ServerDialect() = default;
  // The endpoint it serves, e.g. "/v1/messages".
  [[nodiscard]] virtual std::string_view path() const = 0;
  [[nodiscard]] virtual ParsedRequest read_request(std::string_view body) const = 0;
  [[nodiscard]] virtual std::unique_ptr<ReplyRenderer> render_reply(
      ParsedRequest const& request, core::ResponseScript const& script, std::uint32_t tool_chunks,
      ReplyIds const& ids) const = 0;
  // The error body of `status` in this dialect's shape.
  [[nodiscard]] virtual std::string error_body(int status, std::string_view message,
                                               std::string_view request_id) const = 0;
};

// The dialects loadtwin speaks, by name ("anthropic"); nullptr for an unknown name.
ClientDialect const* find_client_dialect(std::string_view name);
// The server side whose path() is `path`; nullptr when no dialect serves it.
ServerDialect const* find_server_dialect(std::string_view path);
// Names of every dialect, for messages and --help.
std::vector<std::string_view> dialect_names();

}  // namespace loadtwin::wire
