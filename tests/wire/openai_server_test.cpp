// The openai server side (request validation, chunks, whole reply, error bodies), its
// request writer, the registry, and the twin property: for the same script, the chunks
// give the same events at the same instants as the Messages renderer's.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <vector>

#include "wire/anthropic_reader.hpp"
#include "wire/anthropic_wire.hpp"
#include "wire/dialect.hpp"
#include "wire/openai_reader.hpp"
#include "wire/openai_renderer.hpp"
#include "wire/openai_wire.hpp"
#include "wire/token_estimate.hpp"

namespace loadtwin::wire {
namespace {

namespace json = boost::json;

std::string const user_message = R"("messages":[{"role":"user","content":"hi"}])";

json::object parse_object(std::string const& text) { return json::parse(text).as_object(); }

}  // namespace

TEST(openai_server_test, reads_valid_requests) {
  auto const r = parse_chat_request(
      R"({"model":"gpt-x","stream":true,"stream_options":{"include_usage":true},)"
      R"("max_completion_tokens":9,"max_tokens":5,"messages":[)"
      R"({"role":"system","content":"12345678"},)"
      R"({"role":"user","content":[{"type":"text","text":"abcd"},{"type":"image_url"}]}]})");
  ASSERT_TRUE(r.valid) << r.error;
  EXPECT_EQ(r.model, "gpt-x");
  EXPECT_TRUE(r.stream);
  EXPECT_TRUE(r.include_usage);
  EXPECT_EQ(r.max_tokens, 9U);  // max_completion_tokens wins
  EXPECT_EQ(r.input_tokens, 3U);
  EXPECT_EQ(r.kind, core::RequestKind::simple_query);
  auto const plain = parse_chat_request(R"({"model":"m",)" + user_message + "}");
  ASSERT_TRUE(plain.valid) << plain.error;
  EXPECT_FALSE(plain.stream);
  EXPECT_FALSE(plain.include_usage);
  EXPECT_FALSE(plain.max_tokens.has_value());  // optional in this API
  auto const tool =
      parse_chat_request(R"({"model":"m","tools":[{"type":"function","function":{"name":"f"}}],)" +
                         user_message + "}");
  EXPECT_EQ(tool.kind, core::RequestKind::tool_call);
  EXPECT_EQ(tool.tool_name, "f");
}

TEST(openai_server_test, rejects_what_the_api_rejects) {
  for (std::string const& body :
       {std::string("not json"), std::string("[1]"), R"({)" + user_message + "}",
        std::string(R"({"model":"m"})"), std::string(R"({"model":"m","messages":[]})"),
        std::string(R"({"model":"m","messages":"hi"})"),
        std::string(R"({"model":"m","messages":[{"content":"hi"}]})"),
        R"({"model":"m","max_tokens":0,)" + user_message + "}",
        R"({"model":"m","max_tokens":"5",)" + user_message + "}",
        R"({"model":"m","max_completion_tokens":-1,)" + user_message + "}",
        R"({"model":"m","stream":"yes",)" + user_message + "}",
        R"({"model":"m","stream_options":{"include_usage":true},)" + user_message + "}",
        R"({"model":"m","tools":{},)" + user_message + "}"}) {
    auto const r = parse_chat_request(body);
    EXPECT_FALSE(r.valid) << body;
    EXPECT_FALSE(r.error.empty()) << body;
  }
}

TEST(openai_server_test, builtin_bodies_are_streamed_and_estimate_like_sims) {
  for (auto kind : {core::RequestKind::simple_query, core::RequestKind::tool_call}) {
    auto const r = parse_chat_request(chat_request_body(kind, "m"));
    ASSERT_TRUE(r.valid) << r.error;
    EXPECT_EQ(r.kind, kind);
    EXPECT_TRUE(r.stream);
    EXPECT_TRUE(r.include_usage);
    EXPECT_EQ(r.max_tokens, core::builtin_max_tokens);
    EXPECT_EQ(r.input_tokens, core::builtin_input_tokens(kind));
  }
  EXPECT_EQ(parse_chat_request(chat_request_body(core::RequestKind::tool_call, "m")).tool_name,
            "get_weather");
  auto const invalid = chat_request_body(core::RequestKind::invalid_request, "m");
  EXPECT_FALSE(parse_chat_request(invalid).valid);
  EXPECT_EQ(estimate_input_tokens(parse_object(invalid)),
            core::builtin_input_tokens(core::RequestKind::invalid_request));
}

TEST(openai_server_test, a_function_tool_costs_what_its_messages_twin_costs) {
  auto const messages = parse_object(messages_request_body(core::RequestKind::tool_call, "m"));
  auto const chat = parse_object(chat_request_body(core::RequestKind::tool_call, "m"));
  EXPECT_EQ(estimate_input_tokens(chat), estimate_input_tokens(messages));
  // A tool that is not a function tool counts as serialized.
  auto const other = parse_object(R"({"tools":[{"type":"web_search"}]})");
  EXPECT_EQ(estimate_input_tokens(other), (json::serialize(other.at("tools")).size() + 3) / 4);
}

TEST(openai_server_test, synthetic_prompts_estimate_to_their_size) {
  for (auto kind : {core::RequestKind::simple_query, core::RequestKind::tool_call}) {
    for (std::uint32_t n : {60U, 61U, 1000U, 8191U}) {
      auto const parsed = parse_chat_request(synthetic_chat_body(kind, "m", n, 17));
      ASSERT_TRUE(parsed.valid) << parsed.error;
      EXPECT_EQ(parsed.input_tokens, n);
      EXPECT_EQ(parsed.max_tokens, 17U);
      EXPECT_EQ(parsed.kind, kind);
      EXPECT_TRUE(parsed.stream && parsed.include_usage);
    }
  }
}

TEST(openai_server_test, error_bodies_have_openais_shape) {
  auto const check = [](int status, json::value type, json::value code) {
    auto const body = parse_object(chat_error_body(status, "why"));
    auto const& error = body.at("error").as_object();
    EXPECT_EQ(error.at("message"), "why");
    EXPECT_EQ(error.at("type"), type) << status;
    EXPECT_TRUE(error.at("param").is_null());
    EXPECT_EQ(error.at("code"), code) << status;
  };
  check(400, "invalid_request_error", nullptr);
  check(401, "invalid_request_error", "invalid_api_key");
  check(429, "requests", "rate_limit_exceeded");
  check(500, "server_error", nullptr);
  check(529, "server_error", nullptr);
  auto const* server = find_server_dialect("/v1/chat/completions");
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->error_body(400, "why", "req_1"), chat_error_body(400, "why"));
}

TEST(openai_server_test, whole_reply_is_a_chat_completion) {
  core::ResponseScript script;
  script.output_tokens = 3;
  script.hit_max_tokens = true;
  auto const text = parse_chat_request(chat_request_body(core::RequestKind::simple_query, "m"));
  auto const doc = parse_object(ChatStreamRenderer(text, script, 5, "msg_0f").whole());
  EXPECT_EQ(doc.at("id"), "chatcmpl-0f");
  EXPECT_EQ(doc.at("object"), "chat.completion");
  auto const& choice = doc.at("choices").as_array().at(0).as_object();
  EXPECT_EQ(choice.at("finish_reason"), "length");
  EXPECT_EQ(choice.at("message").at("content"), "token token token ");
  EXPECT_EQ(doc.at("usage").at("completion_tokens"), 3);
  EXPECT_EQ(doc.at("usage").at("prompt_tokens"), 8);
  EXPECT_EQ(doc.at("usage").at("total_tokens"), 11);
  auto const tool = parse_chat_request(chat_request_body(core::RequestKind::tool_call, "m"));
  auto const tdoc = parse_object(ChatStreamRenderer(tool, script, 5, "msg_0f").whole());
  auto const& tchoice = tdoc.at("choices").as_array().at(0).as_object();
  EXPECT_EQ(tchoice.at("finish_reason"), "tool_calls");
  auto const& call = tchoice.at("message").at("tool_calls").as_array().at(0);
  EXPECT_EQ(call.at("function").at("name"), "get_weather");
  auto const args = json::parse(call.at("function").at("arguments").as_string());
  EXPECT_EQ(args.at("location"), "Paris");
}

TEST(openai_server_test, chunks_have_the_documented_shape) {
  auto const request = parse_chat_request(chat_request_body(core::RequestKind::tool_call, "m"));
  core::ResponseScript script;
  script.events.push_back({core::Duration{1}, core::ScriptEventType::tool_use});
  ChatStreamRenderer const renderer(request, script, 2, "msg_0f");
  auto const wire = renderer.opening() + renderer.event(0);
  std::vector<std::string> chunks;
  for (std::size_t at = 0; (at = wire.find("data: ", at)) != std::string::npos; at += 6) {
    chunks.push_back(wire.substr(at + 6, wire.find("\n\n", at) - at - 6));
  }
  // role, call start, 2 fragments, finish_reason, usage, [DONE]
  ASSERT_EQ(chunks.size(), 7U);
  auto const first = parse_object(chunks[0]);
  EXPECT_EQ(first.at("object"), "chat.completion.chunk");
  EXPECT_EQ(first.at("id"), "chatcmpl-0f");
  EXPECT_EQ(first.at("choices").at(0).at("delta").at("role"), "assistant");
  auto const start = parse_object(chunks[1]).at("choices").at(0).at("delta").at("tool_calls");
  EXPECT_EQ(start.at(0).at("id"), "call_0f");
  EXPECT_EQ(start.at(0).at("function").at("arguments"), "");
  EXPECT_EQ(parse_object(chunks[4]).at("choices").at(0).at("finish_reason"), "tool_calls");
  auto const usage = parse_object(chunks[5]);
  EXPECT_TRUE(usage.at("choices").as_array().empty());
  EXPECT_EQ(usage.at("usage").at("prompt_tokens"), 51);
  EXPECT_EQ(chunks[6], "[DONE]");
}

}  // namespace loadtwin::wire
