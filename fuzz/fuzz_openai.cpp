// libFuzzer: the openai dialect's bytes-in side. The reader (any split gives the same events
// and verdict; never complete and broken at once), the request validator and the plan-body
// rewriter (a JSON object always comes out streamed, asking for usage).
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wire/openai_reader.hpp"
#include "wire/openai_wire.hpp"

namespace {

namespace wire = loadtwin::wire;
namespace core = loadtwin::core;

struct Seen {
  std::vector<std::uint64_t> events;  // type, tokens, validity packed
  std::optional<core::ErrorReason> error;
  bool complete = false;
  friend bool operator==(Seen const&, Seen const&) = default;
};

Seen read(std::string_view a, std::string_view b) {
  Seen seen;
  wire::ChatReader reader([&](core::StreamEvent const& e) {
    seen.events.push_back(static_cast<std::uint64_t>(e.type) | std::uint64_t{e.tokens} << 8 |
                          std::uint64_t{e.input_valid} << 48 | std::uint64_t{e.non_empty} << 49);
  });
  reader.feed(a, core::Instant{});
  reader.feed(b, core::Instant{});
  reader.end_of_body(core::Instant{});
  seen.error = reader.error();
  seen.complete = reader.complete();
  return seen;
}

void check_request_side(std::string const& text) {
  (void)wire::parse_chat_request(text);
  std::string const sent = wire::chat_body_for_streaming(text);
  boost::json::error_code ec;
  auto const in = boost::json::parse(text, ec);
  if (ec || !in.is_object()) {
    if (sent != text) __builtin_trap();  // not an object: sent unchanged
    return;
  }
  auto const out = boost::json::parse(sent).as_object();
  if (out.at("stream") != true) __builtin_trap();
  if (out.at("stream_options").at("include_usage") != true) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view const text(reinterpret_cast<char const*>(data) + 1, size - 1);
  std::size_t const cut = data[0] % (text.size() + 1);
  Seen const whole = read(text, {});
  if (whole != read(text.substr(0, cut), text.substr(cut))) __builtin_trap();
  if (whole.complete && whole.error) __builtin_trap();    // never both
  if (!whole.complete && !whole.error) __builtin_trap();  // the body ended: a verdict
  check_request_side(std::string(text));
  return 0;
}
