// The twin property across dialects: for the same drawn script, the openai chunks read back
// give the same deltas, tool calls, verdict and token counts at the same instants as the
// Messages renderer's events do -- so /v1/chat/completions plays /v1/messages's timeline.
#include <gtest/gtest.h>

#include <vector>

#include "core/model/timing_model.hpp"
#include "wire/anthropic_reader.hpp"
#include "wire/anthropic_wire.hpp"
#include "wire/openai_reader.hpp"
#include "wire/openai_renderer.hpp"
#include "wire/openai_wire.hpp"

namespace loadtwin::wire {
namespace {

// What a reader made of one reply: its timed events (usage folded into totals, since the
// Messages API reports input tokens at the start and Chat Completions at the end).
struct Played {
  std::vector<core::StreamEvent> events;
  std::optional<std::uint32_t> input_tokens;
  std::optional<std::uint32_t> output_tokens;
  std::optional<core::ErrorReason> error;
  bool complete = false;
};

template <class Reader>
Played play(ReplyRenderer const& renderer, core::ResponseScript const& script) {
  Played p;
  Reader reader([&](core::StreamEvent const& e) {
    if (e.type != core::StreamEventType::usage) {
      p.events.push_back(e);
      return;
    }
    if (e.input_tokens) p.input_tokens = e.input_tokens;
    if (e.output_tokens) p.output_tokens = e.output_tokens;
  });
  reader.feed(renderer.opening(), core::Instant{});
  for (std::size_t i = 0; i < script.events.size(); ++i) {
    reader.feed(renderer.event(i), core::at_offset(script.events[i].offset));
  }
  reader.end_of_body(core::at_offset(script.last_offset()));
  p.error = reader.error();
  p.complete = reader.complete();
  return p;
}

void expect_same(Played const& chat, Played const& messages) {
  EXPECT_EQ(chat.error, messages.error);
  EXPECT_EQ(chat.complete, messages.complete);
  // Chat Completions reports prompt tokens only in the usage chunk at the end: a cut stream
  // has none (the Messages API's message_start has them from the start).
  EXPECT_EQ(chat.input_tokens, messages.complete ? messages.input_tokens : std::nullopt);
  EXPECT_EQ(chat.output_tokens, messages.output_tokens);
  ASSERT_EQ(chat.events.size(), messages.events.size());
  for (std::size_t i = 0; i < chat.events.size(); ++i) {
    auto const &a = chat.events[i], &b = messages.events[i];
    EXPECT_EQ(a.type, b.type) << i;
    EXPECT_EQ(a.at, b.at) << i;
    EXPECT_EQ(a.tokens, b.tokens) << i;
    EXPECT_EQ(a.non_empty, b.non_empty) << i;
    EXPECT_EQ(a.input_valid, b.input_valid) << i;
  }
}

}  // namespace

TEST(openai_twin_test, chunks_play_the_messages_timeline_for_the_same_draws) {
  core::ModelConfig model;
  model.stream_error_rate = 0.3;
  std::size_t cut = 0, capped = 0;
  for (auto kind : {core::RequestKind::simple_query, core::RequestKind::tool_call}) {
    auto const chat = parse_chat_request(chat_request_body(kind, "m"));
    auto const messages = parse_messages_request(messages_request_body(kind, "m"));
    ASSERT_TRUE(chat.valid && messages.valid);
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
      SCOPED_TRACE(std::string(core::to_string(kind)) + " seed " + std::to_string(seed));
      core::RequestSize size{chat.input_tokens, seed % 3 == 0 ? 4U : 256U, std::nullopt};
      auto const script = core::script_response(kind, model, core::Rng(seed), size);
      if (script.status != 200) continue;
      cut += script.events.back().type == core::ScriptEventType::stream_error ? 1 : 0;
      capped += script.hit_max_tokens ? 1 : 0;
      ChatStreamRenderer const chat_renderer(chat, script, model.tool_input_chunks, "msg_1");
      StreamRenderer const messages_renderer(messages, script, model.tool_input_chunks, "msg_1");
      expect_same(play<ChatReader>(chat_renderer, script),
                  play<AnthropicReader>(messages_renderer, script));
    }
  }
  EXPECT_GT(cut, 0U);  // the cases the property is about all occurred
  EXPECT_GT(capped, 0U);
}

}  // namespace loadtwin::wire
