#include "core/time.hpp"

#include <gtest/gtest.h>

namespace loadtwin::core {

TEST(time_test, parses_go_durations) {
  struct Case {
    char const* text;
    std::int64_t ns;
  } const cases[] = {
      {"0", 0},                   // bare zero is allowed, as in Go
      {"250ms", 250'000'000},     // milliseconds
      {"1m30s", 90'000'000'000},  // compound
      {"1.5s", 1'500'000'000},    // fraction
      {"2h", 7'200'000'000'000},  // hours
      {"10us", 10'000},           // micro, ASCII
      {"10\u00b5s", 10'000},      // micro sign
      {"7ns", 7},                 // nanoseconds
      {"1h2m3s4ms", 3'723'004'000'000},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.text);
    auto const d = parse_duration(c.text);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->count(), c.ns);
  }
}

TEST(time_test, rejects_malformed_and_negative_durations) {
  for (char const* text : {"", "10", "-1s", "1x", "s", "1.2.3s", "ms", " 1s", "1s "}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(parse_duration(text).has_value());
  }
}

TEST(time_test, formats_the_shortest_exact_spelling) {
  EXPECT_EQ(format_duration(seconds(90)), "1m30s");
  EXPECT_EQ(format_duration(ms(100)), "100ms");
  EXPECT_EQ(format_duration(Duration{1500}), "1500ns");
  EXPECT_EQ(format_duration(Duration{0}), "0s");
}

}  // namespace loadtwin::core
