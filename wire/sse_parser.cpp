#include "wire/sse_parser.hpp"

namespace loadtwin::wire {

bool SseParser::feed(std::string_view bytes, std::function<void(SseEvent&&)> const& on_event) {
  if (failed_) return false;
  for (char c : bytes) {
    if (c == '\n' && last_was_cr_) {  // the \n of a \r\n: the line already ended at \r
      last_was_cr_ = false;
      continue;
    }
    last_was_cr_ = c == '\r';
    if (c == '\n' || c == '\r') {
      take_line(line_, on_event);
      line_.clear();
      continue;
    }
    if (line_.size() >= max_line_) {
      failed_ = true;
      return false;
    }
    line_.push_back(c);
  }
  return true;
}

void SseParser::take_line(std::string_view line, std::function<void(SseEvent&&)> const& on_event) {
  if (line.empty()) {
    if (!pending_.event.empty() || has_data_) on_event(std::move(pending_));
    pending_ = SseEvent{};
    has_data_ = false;
    return;
  }
  if (line.front() == ':') return;  // comment
  auto const colon = line.find(':');
  std::string_view const field = line.substr(0, colon);
  std::string_view value =
      colon == std::string_view::npos ? std::string_view{} : line.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (field == "event") {
    pending_.event = std::string(value);
  } else if (field == "data") {
    if (has_data_) pending_.data.push_back('\n');
    pending_.data.append(value);
    has_data_ = true;
  }
}

void SseParser::finish(std::function<void(SseEvent&&)> const& on_event) {
  if (failed_) return;
  if (!line_.empty()) take_line(line_, on_event);
  line_.clear();
  take_line({}, on_event);
}

}  // namespace loadtwin::wire
