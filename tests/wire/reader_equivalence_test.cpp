// The readers on FlatJson against the readers as they were on boost::json::parse
// (reference_readers.*): the same events, verdict and completion for the mock's own streams,
// hand-written edge cases, every byte of them deleted or replaced, and split anywhere.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "reference_readers.hpp"
#include "wire/anthropic_reader.hpp"
#include "wire/anthropic_wire.hpp"
#include "wire/openai_reader.hpp"
#include "wire/openai_renderer.hpp"
#include "wire/openai_wire.hpp"

namespace loadtwin::wire {
namespace {

struct Seen {
  std::vector<std::string> events;
  std::optional<core::ErrorReason> error;
  bool complete = false;
  friend bool operator==(Seen const&, Seen const&) = default;
};

std::string describe(core::StreamEvent const& e) {
  return std::to_string(static_cast<int>(e.type)) + "/" + std::to_string(e.tokens) + "/" +
         std::to_string(e.non_empty) + "/" + std::to_string(e.input_valid) + "/" +
         std::to_string(e.input_tokens.value_or(99999)) + "/" +
         std::to_string(e.output_tokens.value_or(99999)) + "@" +
         std::to_string(e.at.time_since_epoch().count());
}

template <class Reader>
Seen read(std::string_view wire, std::size_t cut) {
  Seen seen;
  Reader reader([&](core::StreamEvent const& e) { seen.events.push_back(describe(e)); });
  reader.feed(wire.substr(0, cut), core::Instant{});
  reader.feed(wire.substr(cut), core::at_offset(core::Duration{1}));
  reader.end_of_body(core::at_offset(core::Duration{2}));
  seen.error = reader.error();
  seen.complete = reader.complete();
  return seen;
}

template <class New, class Old>
void expect_same(std::string const& wire, std::size_t cut) {
  EXPECT_EQ(read<New>(wire, cut), read<Old>(wire, cut)) << "cut " << cut << " of:\n" << wire;
}

// Every byte deleted and replaced by characters that matter to SSE and JSON, split in two
// places; and the unchanged stream split at every byte.
template <class New, class Old>
void expect_same_under_mutation(std::string const& wire) {
  for (std::size_t cut = 0; cut <= wire.size(); ++cut) expect_same<New, Old>(wire, cut);
  std::string const replacements = "\"{}[]:,\n\r 0x";
  for (std::size_t i = 0; i < wire.size(); ++i) {
    std::string cut = wire;
    cut.erase(i, 1);
    expect_same<New, Old>(cut, i / 2);
    for (char r : replacements) {
      std::string changed = wire;
      changed[i] = r;
      expect_same<New, Old>(changed, changed.size() - i / 3);
    }
  }
}

core::ResponseScript script_of(core::RequestKind kind) {
  core::ModelConfig model;
  model.error_rate = 0;
  model.tokens_per_response = core::ConstantDist{3};
  return core::script_response(kind, model, core::Rng(7));
}

template <class Renderer>
std::string render(Renderer const& renderer, core::ResponseScript const& script) {
  std::string wire = renderer.opening();
  for (std::size_t i = 0; i < script.events.size(); ++i) wire += renderer.event(i);
  return wire;
}

}  // namespace

TEST(reader_equivalence_test, anthropic_mock_streams) {
  using New = AnthropicReader;
  using Old = reference::RefAnthropicReader;
  for (auto kind : {core::RequestKind::simple_query, core::RequestKind::tool_call}) {
    auto const request = parse_messages_request(messages_request_body(kind, "m"));
    auto const script = script_of(kind);
    expect_same_under_mutation<New, Old>(
        render(StreamRenderer(request, script, 3, "msg_1"), script));
  }
}

TEST(reader_equivalence_test, anthropic_edge_cases) {
  using New = AnthropicReader;
  using Old = reference::RefAnthropicReader;
  std::vector<std::string> const cases = {
      // data-only (the seed's mock): the type from the JSON
      "data: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"a b\"}}\n\n"
      "data: {\"type\":\"content_block_start\",\"content_block\":{\"type\":\"tool_use\"}}\n\n",
      "data: {\"type\":\"message_stop\"}\n\ndata: {\"type\":3}\n\n",
      // repeated keys, odd kinds, counts out of range
      "event: message_start\ndata: {\"message\":{\"usage\":{\"input_tokens\":-1}},"
      "\"message\":{\"usage\":{\"input_tokens\":4294967295}}}\n\n"
      "event: content_block_delta\ndata: {\"index\":\"0\",\"delta\":{\"type\":\"x\",\"text\":\"\"},"
      "\"delta\":{\"text\":\"\"}}\n\n"
      "event: message_delta\ndata: {\"usage\":{\"output_tokens\":4294967296}}\n\n"
      "event: message_delta\ndata: {\"usage\":{\"output_tokens\":7.0}}\n\n"
      "event: message_stop\ndata: not json\n\n",
      // a tool block by index, its input joined and judged
      "event: content_block_start\ndata: "
      "{\"index\":2,\"content_block\":{\"type\":\"tool_use\"}}\n\n"
      "event: content_block_delta\ndata: "
      "{\"index\":2,\"delta\":{\"partial_json\":\"{\\\"a\\\":\"}}\n\n"
      "event: content_block_delta\ndata: {\"index\":2,\"delta\":{\"partial_json\":7}}\n\n"
      "event: content_block_stop\ndata: {\"index\":2}\n\nevent: message_stop\ndata: {}\n\n",
      "event: error\ndata: {}\n\n",
      "event: content_block_delta\ndata: []\n\n",
  };
  for (auto const& wire : cases) expect_same_under_mutation<New, Old>(wire);
}

TEST(reader_equivalence_test, openai_mock_streams_and_edge_cases) {
  using New = ChatReader;
  using Old = reference::RefChatReader;
  for (auto kind : {core::RequestKind::simple_query, core::RequestKind::tool_call}) {
    auto const request = parse_chat_request(chat_request_body(kind, "m"));
    auto const script = script_of(kind);
    expect_same_under_mutation<New, Old>(
        render(ChatStreamRenderer(request, script, 3, "msg_00ab"), script));
  }
  std::vector<std::string> const cases = {
      "data: {\"choices\":[{\"index\":1,\"delta\":{\"tool_calls\":[7,{\"function\":{\"arguments\":"
      "\"{}\"}},{\"index\":4,\"function\":{\"arguments\":\"[\"}}]}},{\"delta\":{\"content\":\"x\"},"
      "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3}}\n\n"
      "data: {\"choices\":[{\"index\":1,\"finish_reason\":\"tool_calls\"}]}\n\ndata: [DONE]\n\n",
      "data: {\"choices\":{\"0\":{}}}\n\n",
      "data: {\"choices\":null,\"error\":0,\"error\":\"\"}\n\ndata: {\"error\":1.5}\n\n",
      "data: {\"object\":\"error\"}\n\n",
      "data: {\"error\":[]}\n\n",
      "data: {\"usage\":{\"completion_tokens\":-3,\"prompt_tokens\":1e2}}\n\ndata: [DONE]\n\n",
  };
  for (auto const& wire : cases) expect_same_under_mutation<New, Old>(wire);
}

}  // namespace loadtwin::wire
