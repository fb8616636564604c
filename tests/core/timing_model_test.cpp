// The model additions of calibration (SPEC "Calibration", "Trace replay"): the first token
// waits longer for longer prompts, max_tokens caps the reply (stop at max_tokens), a
// replayed row plays its exact length, and several tokens may share one delta -- all in
// core::script_response, which sim and the mock both play.
#include "core/model/timing_model.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace loadtwin::core {
namespace {

std::uint32_t delta_tokens(ResponseScript const& s) {
  std::uint32_t n = 0;
  for (auto const& e : s.events) n += e.type == ScriptEventType::text_delta ? e.tokens : 0;
  return n;
}

ModelConfig quiet_model() {
  ModelConfig m;
  m.error_rate = 0;
  return m;
}

}  // namespace

TEST(timing_model_test, first_token_delay_grows_per_1k_input_tokens) {
  ModelConfig m = quiet_model();
  m.first_token_delay_per_1k_input_tokens = ms(40);
  for (std::uint32_t input : {0U, 1U, 1000U, 2500U, 123456U}) {
    auto const s = script_response(RequestKind::simple_query, m, Rng(1), {input, {}, {}});
    EXPECT_EQ(s.events.front().offset, ms(100) + Duration{(40'000'000LL * input + 500) / 1000});
    EXPECT_EQ(s.input_tokens, input);
  }
}

TEST(timing_model_test, max_tokens_caps_the_reply_and_a_replayed_length_is_exact) {
  ModelConfig const m = quiet_model();  // 50 tokens a reply
  auto const capped = script_response(RequestKind::simple_query, m, Rng(1), {0, 20, {}});
  EXPECT_EQ(capped.output_tokens, 20U);
  EXPECT_TRUE(capped.hit_max_tokens);
  EXPECT_EQ(delta_tokens(capped), 20U);
  auto const roomy = script_response(RequestKind::simple_query, m, Rng(1), {0, 256, {}});
  EXPECT_EQ(roomy.output_tokens, 50U);
  EXPECT_FALSE(roomy.hit_max_tokens);
  auto const replayed = script_response(RequestKind::simple_query, m, Rng(1), {0, 300, 300});
  EXPECT_EQ(replayed.output_tokens, 300U);
  EXPECT_EQ(delta_tokens(replayed), 300U);
  EXPECT_TRUE(replayed.hit_max_tokens);
}

TEST(timing_model_test, several_tokens_share_a_delta_and_the_gaps_are_between_deltas) {
  ModelConfig m = quiet_model();
  m.tokens_per_delta = ConstantDist{3};
  auto const s = script_response(RequestKind::simple_query, m, Rng(1));
  ASSERT_EQ(s.events.size(), 17U + 1U);  // 16 deltas of 3 and one of 2, then the end
  EXPECT_EQ(s.events[15].tokens, 3U);
  EXPECT_EQ(s.events[16].tokens, 2U);
  EXPECT_EQ(s.events[16].offset, ms(100) + 16 * ms(20));
  EXPECT_EQ(delta_tokens(s), 50U);
  EXPECT_EQ(s.output_tokens, 50U);
}

TEST(timing_model_test, a_cut_stream_reports_the_tokens_it_delivered) {
  ModelConfig m = quiet_model();
  m.tokens_per_delta = ConstantDist{4};
  m.stream_error_rate = 1;
  for (std::uint64_t key = 0; key < 50; ++key) {
    auto const s = script_response(RequestKind::simple_query, m, Rng(key));
    ASSERT_EQ(s.events.back().type, ScriptEventType::stream_error);
    EXPECT_EQ(delta_tokens(s), s.output_tokens);
    EXPECT_FALSE(s.hit_max_tokens);
  }
}

TEST(timing_model_test, defaults_draw_what_they_drew_before) {
  // tokens_per_delta 1 and no per-1k cost consume no randomness: one delta per token, the
  // gaps drawn in the same order as before the additions.
  ModelConfig m = quiet_model();
  m.token_interval = UniformDist{1e6, 3e6};
  auto const s = script_response(RequestKind::simple_query, m, Rng(42));
  Rng rng(42);
  rng.uniform01();  // the error draw
  Duration at = sample_duration(m.first_token_delay, rng);
  sample_count(m.tokens_per_response, rng);
  for (std::size_t i = 0; i < 50; ++i) {
    if (i > 0) at += sample_duration(m.token_interval, rng);
    EXPECT_EQ(s.events[i].offset, at);
  }
}

}  // namespace loadtwin::core
