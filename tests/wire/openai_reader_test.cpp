// The openai reader: the mock's own chunks read back for every script shape, the fault
// matrix (cut, garbage, no [DONE], error chunk, no usage chunk), and "any byte split gives
// the same events".
#include "wire/openai_reader.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "wire/openai_renderer.hpp"
#include "wire/openai_wire.hpp"

namespace loadtwin::wire {
namespace {

using core::StreamEventType;

struct ChatRead {
  std::vector<core::StreamEvent> events;
  bool complete = false;
  std::optional<core::ErrorReason> error;

  [[nodiscard]] std::size_t count(StreamEventType type) const {
    std::size_t n = 0;
    for (auto const& e : events) n += e.type == type ? 1 : 0;
    return n;
  }
};

// Feeds `pieces` one after another (piece i at instant i), then the end of the body.
ChatRead read_chat_pieces(std::vector<std::string_view> const& pieces, bool end = true) {
  ChatRead r;
  ChatReader reader([&](core::StreamEvent const& e) { r.events.push_back(e); });
  core::Instant at{};
  for (auto piece : pieces) {
    reader.feed(piece, at);
    at += core::Duration{1};
  }
  if (end) reader.end_of_body(at);
  r.complete = reader.complete();
  r.error = reader.error();
  return r;
}

ChatRead read_chat(std::string_view wire) { return read_chat_pieces({wire}); }

std::string chunk_line(std::string_view json) { return "data: " + std::string(json) + "\n\n"; }
constexpr std::string_view done = "data: [DONE]\n\n";

ParsedRequest request_of(std::string const& body) {
  auto r = parse_chat_request(body);
  EXPECT_TRUE(r.valid) << r.error;
  return r;
}

// The renderer's bytes for `script`, opening included.
std::string render(ParsedRequest const& request, core::ResponseScript const& script,
                   std::uint32_t tool_chunks = 5) {
  ChatStreamRenderer const renderer(request, script, tool_chunks, "msg_00ab");
  std::string wire = renderer.opening();
  for (std::size_t i = 0; i < script.events.size(); ++i) wire += renderer.event(i);
  return wire;
}

core::ResponseScript text_script(std::uint32_t tokens, bool hit_max = false) {
  core::ResponseScript s;
  s.output_tokens = tokens;
  s.hit_max_tokens = hit_max;
  for (std::uint32_t i = 0; i < tokens; ++i) {
    s.events.push_back({core::Duration{i}, core::ScriptEventType::text_delta, 1});
  }
  s.events.push_back({core::Duration{tokens}, core::ScriptEventType::message_end});
  return s;
}

core::ResponseScript tool_script() {
  core::ResponseScript s;
  s.output_tokens = 5;
  s.events.push_back({core::Duration{3}, core::ScriptEventType::tool_use});
  s.events.push_back({core::Duration{3}, core::ScriptEventType::message_end});
  return s;
}

std::string const text_body =
    R"({"model":"m","stream":true,"stream_options":{"include_usage":true},)"
    R"("messages":[{"role":"user","content":"What is the weather in Paris?"}]})";

}  // namespace

TEST(openai_reader_test, reads_a_rendered_text_stream) {
  auto const r = read_chat(render(request_of(text_body), text_script(7)));
  EXPECT_TRUE(r.complete);
  EXPECT_FALSE(r.error.has_value());
  EXPECT_EQ(r.count(StreamEventType::text_delta), 7U);  // the role chunk's "" is no delta
  ASSERT_EQ(r.events.back().type, StreamEventType::usage);
  EXPECT_EQ(r.events.back().input_tokens, std::optional<std::uint32_t>(8));
  EXPECT_EQ(r.events.back().output_tokens, std::optional<std::uint32_t>(7));
  EXPECT_TRUE(r.events.front().non_empty);
}

TEST(openai_reader_test, reads_a_max_tokens_stop_as_a_complete_reply) {
  auto const wire = render(request_of(text_body), text_script(3, true));
  EXPECT_NE(wire.find(R"("finish_reason":"length")"), std::string::npos);
  auto const r = read_chat(wire);
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.count(StreamEventType::text_delta), 3U);
}

TEST(openai_reader_test, reads_a_rendered_tool_call) {
  auto const body = chat_request_body(core::RequestKind::tool_call, "m");
  for (std::uint32_t chunks : {1U, 5U, 40U}) {
    auto const r = read_chat(render(request_of(body), tool_script(), chunks));
    EXPECT_TRUE(r.complete);
    ASSERT_EQ(r.count(StreamEventType::tool_use_done), 1U);
    EXPECT_EQ(r.events[0].type, StreamEventType::tool_use_done);
    EXPECT_TRUE(r.events[0].input_valid);
    EXPECT_EQ(r.count(StreamEventType::text_delta), 0U);
  }
}

TEST(openai_reader_test, a_rendered_stream_error_is_a_stream_error_event) {
  auto script = text_script(4);
  script.events.back().type = core::ScriptEventType::stream_error;
  auto const r = read_chat(render(request_of(text_body), script));
  EXPECT_EQ(r.error, core::ErrorReason::stream_error_event);
  EXPECT_EQ(r.count(StreamEventType::text_delta), 4U);
}

TEST(openai_reader_test, any_byte_split_gives_the_same_events) {
  auto const tool_body = chat_request_body(core::RequestKind::tool_call, "m");
  for (auto const& wire : {render(request_of(text_body), text_script(3)),
                           render(request_of(tool_body), tool_script())}) {
    auto const whole = read_chat(wire);
    for (std::size_t cut = 0; cut <= wire.size(); ++cut) {
      auto const split = read_chat_pieces(
          {std::string_view(wire).substr(0, cut), std::string_view(wire).substr(cut)});
      ASSERT_EQ(split.events.size(), whole.events.size()) << "cut at " << cut;
      for (std::size_t i = 0; i < whole.events.size(); ++i) {
        EXPECT_EQ(split.events[i].type, whole.events[i].type);
        EXPECT_EQ(split.events[i].tokens, whole.events[i].tokens);
        EXPECT_EQ(split.events[i].input_valid, whole.events[i].input_valid);
      }
      EXPECT_EQ(split.complete, whole.complete);
    }
  }
}

TEST(openai_reader_test, tool_call_fragments_split_anywhere_join_to_valid_json) {
  std::string const args = R"({"location": "Paris", "unit": "celsius"})";
  std::string const head =
      chunk_line(R"({"choices":[{"index":0,"delta":{"role":"assistant","content":null,)"
           R"("tool_calls":[{"index":0,"id":"call_1","type":"function",)"
           R"("function":{"name":"get_weather","arguments":""}}]}}]})");
  auto const fragment = [](std::string_view part) {
    return chunk_line(R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":)"
                R"({"arguments":")" +
                std::string(part) + R"("}}]}}]})");
  };
  std::string const tail = chunk_line(R"({"choices":[{"index":0,"delta":{},"finish_reason":)"
                                R"("tool_calls"}]})") +
                           std::string(done);
  std::string escaped;  // the arguments as a JSON string's contents
  for (char c : args) escaped += c == '"' ? std::string("\\\"") : std::string(1, c);
  for (std::size_t cut = 0; cut <= escaped.size(); ++cut) {
    if (cut > 0 && escaped[cut - 1] == '\\') continue;  // never split an escape
    auto const wire =
        head + fragment(escaped.substr(0, cut)) + fragment(escaped.substr(cut)) + tail;
    auto const r = read_chat(wire);
    ASSERT_TRUE(r.complete) << cut;
    ASSERT_EQ(r.count(StreamEventType::tool_use_done), 1U) << cut;
    EXPECT_TRUE(r.events[0].input_valid) << cut;
  }
}

TEST(openai_reader_test, judges_broken_streams) {
  std::string const text = chunk_line(R"({"choices":[{"index":0,"delta":{"content":"hi "}}]})");
  // Cut mid-stream (the body ends early), and mid-line.
  EXPECT_EQ(read_chat(text).error, core::ErrorReason::malformed_stream);
  EXPECT_EQ(read_chat(text + "data: {\"cho").error, core::ErrorReason::malformed_stream);
  // Ended after finish_reason and usage but without [DONE].
  std::string const end = chunk_line(R"({"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})");
  EXPECT_EQ(read_chat(text + end).error, core::ErrorReason::malformed_stream);
  // Garbage.
  EXPECT_EQ(read_chat("data: not json\n\n" + std::string(done)).error,
            core::ErrorReason::malformed_stream);
  EXPECT_EQ(read_chat(chunk_line("[1,2]") + std::string(done)).error,
            core::ErrorReason::malformed_stream);
  EXPECT_EQ(read_chat(chunk_line(R"({"choices":7})") + std::string(done)).error,
            core::ErrorReason::malformed_stream);
  // vLLM's error chunk, in both of its shapes, then [DONE].
  EXPECT_EQ(
      read_chat(text + chunk_line(R"({"error":{"message":"x","code":500}})") + std::string(done)).error,
      core::ErrorReason::stream_error_event);
  EXPECT_EQ(read_chat(chunk_line(R"({"object":"error","message":"x","code":400})")).error,
            core::ErrorReason::stream_error_event);
  // Nothing at all.
  EXPECT_EQ(read_chat("").error, core::ErrorReason::malformed_stream);
}

TEST(openai_reader_test, a_stream_without_a_usage_chunk_still_succeeds) {
  auto const request =
      request_of(R"({"model":"m","stream":true,"messages":[{"role":"user","content":"x"}]})");
  auto const wire = render(request, text_script(2));
  EXPECT_EQ(wire.find("usage"), std::string::npos);  // not asked for: not sent
  auto const r = read_chat(wire);
  EXPECT_TRUE(r.complete);
  EXPECT_FALSE(r.error.has_value());
  EXPECT_EQ(r.count(StreamEventType::usage), 0U);
  EXPECT_EQ(r.count(StreamEventType::text_delta), 2U);
}

TEST(openai_reader_test, events_carry_the_instant_their_bytes_arrived) {
  std::string const first = chunk_line(R"({"choices":[{"delta":{"role":"assistant","content":""}}]})");
  std::string const second = chunk_line(R"({"choices":[{"delta":{"content":"a b"}}]})");
  auto const r = read_chat_pieces({first, second, done});
  ASSERT_EQ(r.events.size(), 1U);
  EXPECT_EQ(r.events[0].at, core::Instant{} + core::Duration{1});
  EXPECT_EQ(r.events[0].tokens, 2U);
  EXPECT_TRUE(r.complete);
}

TEST(openai_reader_test, nothing_is_read_after_done_or_an_error) {
  auto const after_done =
      read_chat(std::string(done) + chunk_line(R"({"choices":[{"delta":{"content":"x"}}]})"));
  EXPECT_TRUE(after_done.complete);
  EXPECT_TRUE(after_done.events.empty());
  ChatReader reader([](core::StreamEvent const&) {});
  EXPECT_FALSE(reader.feed(std::string(done), core::Instant{}));
}

TEST(openai_reader_test, invalid_tool_arguments_and_several_calls) {
  std::string const calls = chunk_line(R"({"choices":[{"index":0,"delta":{"tool_calls":[)"
                                 R"({"index":0,"function":{"name":"a","arguments":"{\"x\":"}},)"
                                 R"({"index":1,"function":{"name":"b","arguments":"{}"}}]}}]})");
  std::string const stop = chunk_line(R"({"choices":[{"index":0,"finish_reason":"tool_calls"}]})");
  auto const r = read_chat(calls + stop + std::string(done));
  ASSERT_EQ(r.count(StreamEventType::tool_use_done), 2U);
  EXPECT_FALSE(r.events[0].input_valid);  // "{\"x\":" never closed: tool_input_invalid
  EXPECT_TRUE(r.events[1].input_valid);
}

}  // namespace loadtwin::wire
