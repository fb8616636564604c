// The openai request writer (built-in bodies; a plan's body as written but for `stream` and
// `stream_options`) and the dialect registry.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "wire/dialect.hpp"
#include "wire/openai_wire.hpp"

namespace loadtwin::wire {
namespace {

namespace json = boost::json;

RequestText write(core::RequestKind kind, std::optional<std::string> body = std::nullopt) {
  auto const* client = find_client_dialect("openai");
  EXPECT_NE(client, nullptr);
  return client->write_request(kind, WriteOptions{"gpt-x", "sk-test", std::move(body)});
}

std::string header(RequestText const& r, std::string_view name) {
  for (auto const& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "(none)";
}

}  // namespace

TEST(openai_client_test, writes_a_streamed_chat_completion) {
  auto const r = write(core::RequestKind::simple_query);
  EXPECT_EQ(r.path, "/v1/chat/completions");
  EXPECT_EQ(header(r, "authorization"), "Bearer sk-test");
  EXPECT_EQ(header(r, "content-type"), "application/json");
  EXPECT_EQ(header(r, "x-api-key"), "(none)");
  auto const body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("model"), "gpt-x");
  EXPECT_EQ(body.at("stream"), true);
  EXPECT_EQ(body.at("stream_options").at("include_usage"), true);
  EXPECT_EQ(body.at("messages").at(0).at("role"), "user");
  EXPECT_FALSE(body.contains("tools"));
  auto const tool = json::parse(write(core::RequestKind::tool_call).body);
  EXPECT_EQ(tool.at("tools").at(0).at("type"), "function");
  EXPECT_EQ(tool.at("tools").at(0).at("function").at("name"), "get_weather");
  auto const invalid = write(core::RequestKind::invalid_request);
  EXPECT_FALSE(parse_chat_request(invalid.body).valid);  // the API answers it with 400
}

TEST(openai_client_test, a_plan_body_is_sent_as_written_but_for_stream_and_usage) {
  std::string const plan =
      R"({"model":"mine","temperature":0,"stream":false,"messages":[{"role":"user",)"
      R"("content":"hi"}],"stream_options":{"continuous_usage_stats":true,)"
      R"("include_usage":false},"seed":7})";
  auto const r = write(core::RequestKind::simple_query, plan);
  EXPECT_EQ(r.body, R"({"model":"mine","temperature":0,"stream":true,"messages":[{"role":"user",)"
                    R"("content":"hi"}],"stream_options":{"continuous_usage_stats":true,)"
                    R"("include_usage":true},"seed":7})");
  // No stream_options, or one that is not an object: {"include_usage": true}.
  EXPECT_EQ(write(core::RequestKind::simple_query, R"({"model":"m"})").body,
            R"({"model":"m","stream":true,"stream_options":{"include_usage":true}})");
  EXPECT_EQ(write(core::RequestKind::simple_query, R"({"model":"m","stream_options":null})").body,
            R"({"model":"m","stream_options":{"include_usage":true},"stream":true})");
  EXPECT_EQ(write(core::RequestKind::simple_query, R"({"stream_options":"x"})").body,
            R"({"stream_options":{"include_usage":true},"stream":true})");
}

TEST(openai_client_test, a_body_that_is_no_json_object_is_sent_unchanged) {
  for (std::string const bad : {"not json", "[1,2]", "", R"({"model":)"}) {
    EXPECT_EQ(write(core::RequestKind::simple_query, bad).body, bad);
    EXPECT_FALSE(parse_chat_request(bad).valid);  // the mock answers 400, as the API would
  }
}

TEST(openai_client_test, the_registry_knows_both_dialects) {
  ASSERT_NE(find_client_dialect("openai"), nullptr);
  EXPECT_EQ(find_client_dialect("openai")->name(), "openai");
  ASSERT_NE(find_server_dialect("/v1/chat/completions"), nullptr);
  EXPECT_EQ(find_server_dialect("/v1/chat/completions")->path(), "/v1/chat/completions");
  EXPECT_NE(find_server_dialect("/v1/messages"), find_server_dialect("/v1/chat/completions"));
  EXPECT_EQ(find_client_dialect("OpenAI"), nullptr);
  auto const names = dialect_names();
  EXPECT_EQ(names, (std::vector<std::string_view>{"anthropic", "openai"}));
}

}  // namespace loadtwin::wire
