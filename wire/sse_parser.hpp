#pragma once
// Incremental Server-Sent Events parser, sans I/O: bytes in, events out, for any split of
// the byte stream. Framing as the official TypeScript SDK decodes it (REFERENCE §2.4):
// lines end at \r\n, \n or \r; a line starting with ':' is a comment; the field name ends at
// the first ':' and one leading space is dropped from the value; `event:` keeps the last
// value, `data:` lines join with '\n'; other fields are ignored; a blank line dispatches the
// event when it has an event name or data; finish() flushes a last unterminated event.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace loadtwin::wire {

struct SseEvent {
  std::string event;  // "" when the stream sent no `event:` line (data-only dialect)
  std::string data;
  friend bool operator==(SseEvent const&, SseEvent const&) = default;
};

class SseParser {
 public:
  // A line longer than `max_line` bytes is a malformed stream.
  explicit SseParser(std::size_t max_line = std::size_t{1} << 20) : max_line_(max_line) {}

  // Feeds bytes; calls `on_event` for each complete event. False once the stream is
  // malformed (a line over the limit); later calls then do nothing.
  bool feed(std::string_view bytes, std::function<void(SseEvent&&)> const& on_event);
  // End of stream: dispatches a pending event that lacked its blank line.
  void finish(std::function<void(SseEvent&&)> const& on_event);
  [[nodiscard]] bool failed() const { return failed_; }

 private:
  void take_line(std::string_view line, std::function<void(SseEvent&&)> const& on_event);

  std::size_t max_line_;
  std::string line_;
  bool last_was_cr_ = false;
  bool failed_ = false;
  bool has_data_ = false;
  SseEvent pending_;
};

}  // namespace loadtwin::wire
