#include "core/plan/goodput.hpp"

#include <gtest/gtest.h>

namespace loadtwin::core {
namespace {

TEST(goodput_test, meets_an_slo_at_or_below_it_and_misses_above) {
  GoodputSlos const slos{.first_token_latency = ms(500)};
  struct Case {
    std::optional<Duration> first_token;
    bool good;
  } const cases[] = {
      {ms(499), true},                 // below
      {ms(500), true},                 // at the SLO: met (<=)
      {ms(500) + Duration{1}, false},  // one ns above
      {std::nullopt, true},            // no text: the SLO does not apply
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.first_token ? c.first_token->count() : -1);
    RequestTimes times;
    times.first_token = c.first_token;
    EXPECT_EQ(meets_slos(slos, times), c.good);
  }
}

TEST(goodput_test, every_slo_that_applies_must_hold) {
  GoodputSlos const slos{.first_token_latency = ms(500),
                         .inter_token_latency = ms(50),
                         .inter_token_latency_max = ms(200),
                         .tool_invocation = seconds(2),
                         .http_req_duration = seconds(10)};
  RequestTimes ok{.first_token = ms(100),
                  .tool_invocation = std::nullopt,
                  .duration = seconds(1),
                  .gap_sum = ms(90),
                  .gap_max = ms(30),
                  .gaps = 3};
  EXPECT_TRUE(meets_slos(slos, ok));
  struct Case {
    char const* what;
    void (*spoil)(RequestTimes&);
  } const cases[] = {
      {"slow first token", [](RequestTimes& t) { t.first_token = ms(600); }},
      {"mean gap above", [](RequestTimes& t) { t.gap_sum = ms(160); }},  // 53.3 ms mean
      {"one long gap", [](RequestTimes& t) { t.gap_max = ms(201); }},
      {"slow tool", [](RequestTimes& t) { t.tool_invocation = ms(2001); }},
      {"slow reply", [](RequestTimes& t) { t.duration = seconds(11); }},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.what);
    RequestTimes t = ok;
    c.spoil(t);
    EXPECT_FALSE(meets_slos(slos, t));
  }
}

TEST(goodput_test, gap_slos_do_not_apply_without_two_text_deltas) {
  GoodputSlos const slos{.inter_token_latency = ms(1), .inter_token_latency_max = ms(1)};
  RequestTimes one_delta{.first_token = ms(100), .duration = ms(100)};
  EXPECT_TRUE(meets_slos(slos, one_delta));
}

}  // namespace
}  // namespace loadtwin::core
