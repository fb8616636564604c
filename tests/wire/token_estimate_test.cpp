// Token estimates on the wire agree with core's: the built-in bodies estimate to what sim
// charges (core::builtin_input_tokens), a synthetic prompt of N tokens estimates to N, and
// a delta's tokens are its words (the mock writes one word per token).
#include "wire/token_estimate.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "wire/anthropic_wire.hpp"

namespace loadtwin::wire {

TEST(token_estimate_test, builtin_bodies_estimate_to_cores_constants) {
  for (auto kind : {core::RequestKind::simple_query, core::RequestKind::tool_call,
                    core::RequestKind::invalid_request}) {
    SCOPED_TRACE(std::string(core::to_string(kind)));
    auto const body = boost::json::parse(messages_request_body(kind, "m")).as_object();
    EXPECT_EQ(estimate_input_tokens(body), core::builtin_input_tokens(kind));
  }
}

TEST(token_estimate_test, synthetic_prompts_estimate_to_their_size) {
  for (auto kind : {core::RequestKind::simple_query, core::RequestKind::tool_call}) {
    for (std::uint32_t n : {60U, 61U, 1000U, 8191U}) {
      auto const text = synthetic_messages_body(kind, "m", n, 17);
      auto const parsed = parse_messages_request(text);
      ASSERT_TRUE(parsed.valid) << parsed.error;
      EXPECT_EQ(parsed.input_tokens, n);
      EXPECT_EQ(parsed.max_tokens, 17U);
      EXPECT_EQ(parsed.kind, kind);
    }
  }
}

TEST(token_estimate_test, system_and_block_content_count) {
  auto const body = boost::json::parse(
                        R"({"system": "12345678", "messages": [{"role": "user", "content":
                            [{"type": "text", "text": "abcd"}, {"type": "image"}]}]})")
                        .as_object();
  EXPECT_EQ(estimate_input_tokens(body), 3U);
}

TEST(token_estimate_test, delta_tokens_are_words) {
  EXPECT_EQ(estimate_delta_tokens("token "), 1U);
  EXPECT_EQ(estimate_delta_tokens("token token token "), 3U);
  EXPECT_EQ(estimate_delta_tokens(""), 1U);
  EXPECT_EQ(estimate_delta_tokens(" a\nb\tc "), 3U);
}

}  // namespace loadtwin::wire
