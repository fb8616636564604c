#include "live/mock_server.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "wire/anthropic_wire.hpp"
#include "mock_client.hpp"

namespace loadtwin::live {
using namespace testing;
namespace json = boost::json;

namespace {

// A mock with fast constant timing on an ephemeral port: first token 5 ms, 10 tokens 1 ms
// apart, tool calls 5 ms, no injected errors unless a test asks.
MockConfig fast_config() {
  MockConfig c;
  c.port = 0;
  c.model.first_token_delay = core::constant_duration(core::ms(5));
  c.model.token_interval = core::constant_duration(core::ms(1));
  c.model.tokens_per_response = core::ConstantDist{10};
  c.model.tool_call_delay = core::constant_duration(core::ms(5));
  c.model.error_rate = 0;
  return c;
}

std::vector<std::string> names(std::vector<wire::SseEvent> const& events) {
  std::vector<std::string> out;
  for (auto const& e : events) out.push_back(e.event);
  return out;
}

}  // namespace

TEST(mock_server_test, streams_text_in_the_documented_order) {
  MockServer server(fast_config());
  Client client(server.start());
  auto const reply = client.send(http::verb::post, "/v1/messages", text_request);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.content_type, "text/event-stream");
  auto const events = sse_events(reply.body);
  std::vector<std::string> expected{"message_start", "content_block_start", "ping"};
  for (int i = 0; i < 10; ++i) expected.push_back("content_block_delta");
  for (auto const* n : {"content_block_stop", "message_delta", "message_stop"})
    expected.push_back(n);
  EXPECT_EQ(names(events), expected);
  for (auto const& e : events) {
    auto const data = json::parse(e.data);  // every payload is JSON with a matching type
    EXPECT_EQ(data.at("type").as_string(), e.event);
  }
  auto const start = json::parse(events[0].data);
  EXPECT_EQ(start.at("message").at("model").as_string(), "claude-test");
  EXPECT_EQ(json::parse(events[3].data).at("delta").at("type").as_string(), "text_delta");
  auto const end = json::parse(events[events.size() - 2].data);
  EXPECT_EQ(end.at("delta").at("stop_reason").as_string(), "end_turn");
  EXPECT_EQ(end.at("usage").at("output_tokens").as_int64(), 10);
}

TEST(mock_server_test, tool_call_streams_a_parseable_tool_use_block) {
  MockServer server(fast_config());
  Client client(server.start());
  auto const events = sse_events(client.send(http::verb::post, "/v1/messages", tool_request).body);
  ASSERT_GE(events.size(), 6U);
  EXPECT_EQ(events[0].event, "message_start");
  EXPECT_EQ(events[1].event, "ping");  // no text block in a tool reply
  auto const block = json::parse(events[2].data).at("content_block");
  EXPECT_EQ(block.at("type").as_string(), "tool_use");
  EXPECT_EQ(block.at("name").as_string(), "get_weather");  // the request's first tool
  std::string joined;
  std::size_t chunks = 0;
  for (auto const& e : events) {
    if (e.event != "content_block_delta") continue;
    auto const delta = json::parse(e.data).at("delta");
    EXPECT_EQ(delta.at("type").as_string(), "input_json_delta");
    joined += delta.at("partial_json").as_string();
    ++chunks;
  }
  EXPECT_EQ(chunks, 5U);  // tool_input_chunks default
  EXPECT_EQ(json::parse(joined).at("location").as_string(), "Paris");
  auto const end = json::parse(events[events.size() - 2].data);
  EXPECT_EQ(end.at("delta").at("stop_reason").as_string(), "tool_use");
  EXPECT_EQ(events.back().event, "message_stop");
}

TEST(mock_server_test, non_streaming_returns_the_whole_message) {
  MockServer server(fast_config());
  Client client(server.start());
  std::string body = text_request;
  body.replace(body.find("\"stream\":true"), 13, "\"stream\":false");
  auto const reply = client.send(http::verb::post, "/v1/messages", body);
  EXPECT_EQ(reply.status, 200);
  auto const message = json::parse(reply.body);
  EXPECT_EQ(message.at("type").as_string(), "message");
  EXPECT_EQ(message.at("stop_reason").as_string(), "end_turn");
  EXPECT_EQ(message.at("usage").at("output_tokens").as_int64(), 10);
  EXPECT_EQ(message.at("content").at(0).at("type").as_string(), "text");
}

TEST(mock_server_test, injected_errors_use_the_matching_anthropic_type) {
  struct Case {
    int status;
    char const* type;
  } const cases[] = {{500, "api_error"}, {529, "overloaded_error"}, {429, "rate_limit_error"}};
  for (auto const& c : cases) {
    SCOPED_TRACE(c.status);
    auto config = fast_config();
    config.model.error_rate = 1;
    config.model.error_status = c.status;
    MockServer server(config);
    Client client(server.start());
    auto const reply = client.send(http::verb::post, "/v1/messages", text_request);
    EXPECT_EQ(reply.status, c.status);
    auto const body = json::parse(reply.body);
    EXPECT_EQ(body.at("type").as_string(), "error");
    EXPECT_EQ(body.at("error").at("type").as_string(), c.type);
    EXPECT_TRUE(body.at("request_id").as_string().starts_with("req_"));
  }
}

TEST(mock_server_test, rejects_invalid_requests_like_the_api) {
  auto config = fast_config();
  config.api_key = "secret";
  MockServer server(config);
  auto const port = server.start();
  std::vector<std::pair<std::string, std::string>> const key{{"x-api-key", "secret"}};
  struct Case {
    http::verb method;
    char const* target;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    int status;
    char const* type;
  } const cases[] = {
      {http::verb::post, "/v1/messages", "{not json", key, 400, "invalid_request_error"},
      {http::verb::post, "/v1/messages",
       R"({"model":"m","messages":[{"role":"user","content":"x"}]})", key, 400,
       "invalid_request_error"},  // no max_tokens
      {http::verb::post, "/v1/messages", R"({"model":"m","max_tokens":5,"messages":[]})", key, 400,
       "invalid_request_error"},
      {http::verb::post, "/v1/messages", R"([1,2])", key, 400, "invalid_request_error"},
      {http::verb::post, "/v1/messages", text_request, {}, 401, "authentication_error"},
      {http::verb::post,
       "/v1/messages",
       text_request,
       {{"x-api-key", "wrong"}},
       401,
       "authentication_error"},
      {http::verb::get, "/v1/messages", "", key, 405, "invalid_request_error"},
      {http::verb::get, "/v1/nothing", "", key, 404, "not_found_error"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(std::string(c.target) + " " + c.body);
    Client client(port);
    auto const reply = client.send(c.method, c.target, c.body, c.headers);
    EXPECT_EQ(reply.status, c.status);
    EXPECT_EQ(json::parse(reply.body).at("error").at("type").as_string(), c.type);
  }
}

TEST(mock_server_test, oversized_and_malformed_http_get_4xx_and_the_server_keeps_serving) {
  auto config = fast_config();
  config.body_limit = 1024;
  MockServer server(config);
  auto const port = server.start();
  {
    Client client(port);  // huge header: 431
    auto const reply = client.send(http::verb::post, "/v1/messages", text_request,
                                   {{"x-big", std::string(20'000, 'a')}});
    EXPECT_EQ(reply.status, 431);
  }
  {
    Client client(port);  // huge body: 413
    EXPECT_EQ(client.send(http::verb::post, "/v1/messages", std::string(4096, ' ')).status, 413);
  }
  {
    Client client(port);  // garbage instead of HTTP: 400
    auto const out = client.raw("this is not http\r\n\r\n");
    EXPECT_TRUE(out.starts_with("HTTP/1.1 400")) << out;
  }
  {
    Client client(port);  // truncated body, then the client vanishes
    client.raw_and_vanish(
        "POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"m");
  }
  Client client(port);
  EXPECT_EQ(client.send(http::verb::post, "/v1/messages", text_request).status, 200);
  EXPECT_EQ(client.send(http::verb::get, "/health").status, 200);
}

TEST(mock_server_test, keep_alive_reuses_one_connection) {
  MockServer server(fast_config());
  Client client(server.start());
  for (int i = 0; i < 3; ++i) {
    auto const reply =
        client.send(http::verb::post, "/v1/messages", i == 1 ? tool_request : text_request);
    EXPECT_EQ(reply.status, 200);
    EXPECT_TRUE(reply.keep_alive);
  }
  EXPECT_EQ(server.stats().connections_total.load(), 1U);
  EXPECT_EQ(server.stats().requests_total(), 3U);
}

TEST(mock_server_test, draw_key_header_reproduces_sims_draws) {
  // tokens_per_response drawn per request: with the key header, the mock's count equals the
  // count core::script_response draws for that key -- the same code sim runs.
  auto config = fast_config();
  config.seed = 11;
  config.model.tokens_per_response = core::UniformDist{2, 30};
  MockServer server(config);
  Client client(server.start());
  for (std::uint64_t iteration = 0; iteration < 5; ++iteration) {
    SCOPED_TRACE(iteration);
    std::string const key = "simple_query/3/" + std::to_string(iteration);
    auto const events = sse_events(
        client.send(http::verb::post, "/v1/messages", text_request, {{"loadtwin-draw-key", key}})
            .body);
    auto const end = json::parse(events[events.size() - 2].data);
    auto const expected = core::script_response(
        core::RequestKind::simple_query, config.model,
        core::rng_for(11, core::DrawKey{core::fnv1a64("simple_query"), 3, iteration},
                      core::DrawPurpose::response));
    EXPECT_EQ(end.at("usage").at("output_tokens").as_int64(), expected.output_tokens);
  }
}

TEST(mock_server_test, metrics_and_health_endpoints) {
  MockServer server(fast_config());
  Client client(server.start());
  client.send(http::verb::post, "/v1/messages", text_request);
  auto const metrics = client.send(http::verb::get, "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(
      metrics.body.find("loadtwin_mock_requests_total{status=\"200\",kind=\"simple_query\"} 1"),
      std::string::npos)
      << metrics.body;
  // One lateness sample per write: the opening, then 10 instants (the last token and the
  // message end share one).
  EXPECT_NE(metrics.body.find("loadtwin_mock_schedule_lateness_seconds_count 11"),
            std::string::npos)
      << metrics.body;
}

}  // namespace loadtwin::live
