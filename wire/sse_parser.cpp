#include "wire/sse_parser.hpp"

#include <algorithm>

namespace loadtwin::wire {
namespace {

bool is_line_end(char c) { return c == '\n' || c == '\r'; }

}  // namespace

// Whole lines are taken straight from `bytes`; only a line split across feeds is copied
// (into line_). The pending event's strings keep their capacity from event to event.
bool SseParser::feed(std::string_view bytes, std::function<void(SseEvent&&)> const& on_event) {
  if (failed_) return false;
  if (bytes.empty()) return true;
  std::size_t at = last_was_cr_ && bytes.front() == '\n' ? 1 : 0;  // the \n of a \r\n
  last_was_cr_ = false;
  while (at < bytes.size()) {
    auto const end =
        std::find_if(bytes.begin() + static_cast<std::ptrdiff_t>(at), bytes.end(), is_line_end);
    std::size_t const stop = static_cast<std::size_t>(end - bytes.begin());
    std::string_view const run = bytes.substr(at, stop - at);
    if (line_.size() + run.size() > max_line_) {
      failed_ = true;
      return false;
    }
    if (end == bytes.end()) {  // the line goes on in the next feed
      line_.append(run);
      return true;
    }
    if (line_.empty()) {
      take_line(run, on_event);
    } else {
      line_.append(run);
      take_line(line_, on_event);
      line_.clear();
    }
    at = stop + 1;
    if (*end == '\r') {
      if (at == bytes.size()) {
        last_was_cr_ = true;
      } else if (bytes[at] == '\n') {
        ++at;
      }
    }
  }
  return true;
}

void SseParser::take_line(std::string_view line, std::function<void(SseEvent&&)> const& on_event) {
  if (line.empty()) {
    if (!pending_.event.empty() || has_data_) on_event(std::move(pending_));
    pending_.event.clear();  // a moved-from string is valid but unspecified
    pending_.data.clear();
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
    pending_.event.assign(value);
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
