// libFuzzer: the SSE parser and the stream reader. The first byte picks a split point, so
// every input is also checked for "same events whatever the chunking".
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "wire/anthropic_reader.hpp"
#include "wire/sse_parser.hpp"

namespace {
std::vector<loadtwin::wire::SseEvent> parse(std::string_view a, std::string_view b) {
  std::vector<loadtwin::wire::SseEvent> out;
  loadtwin::wire::SseParser parser(4096);
  auto const sink = [&](loadtwin::wire::SseEvent&& e) { out.push_back(std::move(e)); };
  parser.feed(a, sink);
  parser.feed(b, sink);
  parser.finish(sink);
  return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view const text(reinterpret_cast<char const*>(data) + 1, size - 1);
  std::size_t const cut = data[0] % (text.size() + 1);
  if (parse(text, {}) != parse(text.substr(0, cut), text.substr(cut))) __builtin_trap();
  std::size_t events = 0;
  loadtwin::wire::AnthropicReader reader([&](loadtwin::core::StreamEvent const&) { ++events; });
  reader.feed(text.substr(0, cut), loadtwin::core::Instant{});
  reader.feed(text.substr(cut), loadtwin::core::at_offset(loadtwin::core::Duration{1}));
  reader.end_of_body(loadtwin::core::at_offset(loadtwin::core::Duration{2}));
  if (reader.complete() && reader.error()) __builtin_trap();  // never both
  return 0;
}
