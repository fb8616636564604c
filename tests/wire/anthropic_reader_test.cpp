#include "wire/anthropic_reader.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "wire/anthropic_wire.hpp"

namespace loadtwin::wire {

namespace {
struct Read {
  std::vector<core::StreamEvent> events;
  bool complete = false;
  std::optional<core::ErrorReason> error;
};

Read read_all(std::string const& wire) {
  Read r;
  AnthropicReader reader([&](core::StreamEvent const& e) { r.events.push_back(e); });
  reader.feed(wire, core::Instant{});
  reader.end_of_body(core::Instant{});
  r.complete = reader.complete();
  r.error = reader.error();
  return r;
}
}  // namespace

TEST(anthropic_reader_test, reads_the_mocks_own_stream_through_the_same_renderer) {
  // Write-then-read: the mock's renderer output, read back, gives every token and the end.
  auto const request = parse_messages_request(
      R"({"model":"m","max_tokens":5,"stream":true,"messages":[{"role":"user","content":"x"}]})");
  core::ModelConfig model;
  model.error_rate = 0;
  auto const script = core::script_response(core::RequestKind::simple_query, model, core::Rng(1));
  StreamRenderer const renderer(request, script, 5, "msg_1");
  std::string wire = renderer.opening();
  for (std::size_t i = 0; i < script.events.size(); ++i) wire += renderer.event(i);
  auto const r = read_all(wire);
  EXPECT_TRUE(r.complete);
  EXPECT_FALSE(r.error.has_value());
  std::size_t deltas = 0;
  for (auto const& e : r.events) deltas += e.type == core::StreamEventType::text_delta ? 1 : 0;
  EXPECT_EQ(deltas, 50U);
  EXPECT_EQ(r.events.back().type, core::StreamEventType::usage);
  EXPECT_EQ(r.events.back().output_tokens, std::optional<std::uint32_t>(50));
}

TEST(anthropic_reader_test, judges_broken_streams) {
  EXPECT_EQ(read_all(sse_frame("message_start", "{}") + sse_frame("error", "{}")).error,
            core::ErrorReason::stream_error_event);
  EXPECT_EQ(read_all(sse_frame("message_start", "{}")).error, core::ErrorReason::malformed_stream);
  EXPECT_EQ(read_all("data: not json\n\n").error, core::ErrorReason::malformed_stream);
  // Data-only dialect: complete when it ends cleanly after its deltas.
  auto const seed = read_all(
      "data: {\"type\":\"content_block_start\"}\n\n"
      "data: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"token \"}}\n\n");
  EXPECT_TRUE(seed.complete);
  ASSERT_EQ(seed.events.size(), 1U);
  EXPECT_EQ(seed.events[0].type, core::StreamEventType::text_delta);
  // An unknown event type is ignored, as the API's versioning policy asks.
  EXPECT_TRUE(read_all(sse_frame("brand_new", "{}") + sse_frame("message_stop", "{}")).complete);
}

TEST(anthropic_reader_test, append_event_writes_the_same_bytes_as_event) {
  // The mock's hot path writes text deltas in place: its frame must stay event()'s, byte for
  // byte, for every kind of event (text, tool block, end), appended after earlier bytes.
  auto const request = parse_messages_request(
      R"({"model":"m","max_tokens":5,"stream":true,"messages":[{"role":"user","content":"x"}]})");
  core::ModelConfig model;
  model.error_rate = 0;
  model.tokens_per_delta = core::ConstantDist{3};  // several words in one delta
  for (auto const kind : {core::RequestKind::simple_query, core::RequestKind::tool_call}) {
    auto const script = core::script_response(kind, model, core::Rng(7));
    StreamRenderer const renderer(request, script, 5, "msg_1");
    ASSERT_FALSE(script.events.empty());
    for (std::size_t i = 0; i < script.events.size(); ++i) {
      std::string appended = "earlier bytes";
      renderer.append_event(i, appended);
      EXPECT_EQ(appended, "earlier bytes" + renderer.event(i)) << "event " << i;
    }
  }
}

}  // namespace loadtwin::wire
