// --start-at (app/start_at.hpp): RFC 3339 times in any zone and either letter case, +DURATION
// from now, and a clear refusal of a date that does not exist instead of rolling it over.
#include "app/start_at.hpp"

#include <gtest/gtest.h>

#include "core/report/report_json.hpp"

namespace loadtwin::app {
namespace {

constexpr std::int64_t second_ns = 1'000'000'000;
// 2026-12-01T10:00:00Z
constexpr std::int64_t dec_first_ten = 1'796'119'200 * second_ns;

std::optional<std::int64_t> parse(std::string const& text) {
  std::string error;
  auto const at = parse_start_at(text, 5 * second_ns, error);
  if (!at) {
    EXPECT_NE(error.find("valid RFC 3339"), std::string::npos) << error;
  }
  return at;
}

TEST(start_at_test, reads_rfc3339_in_any_zone_and_case_and_durations_from_now) {
  EXPECT_EQ(parse("2026-12-01T10:00:00Z"), dec_first_ten);
  EXPECT_EQ(parse("2026-12-01t10:00:00z"), dec_first_ten);
  EXPECT_EQ(parse("2026-12-01T11:30:00+01:30"), dec_first_ten);
  EXPECT_EQ(parse("2026-12-01T10:00:00.25Z"), dec_first_ten + second_ns / 4);
  EXPECT_EQ(parse("2028-02-29T00:00:00Z"), core::parse_rfc3339("2028-03-01T00:00:00Z").value() -
                                               86'400 * second_ns);  // a leap day
  EXPECT_EQ(parse("+2s"), 7 * second_ns);
}

TEST(start_at_test, refuses_dates_and_times_that_do_not_exist) {
  for (char const* text : {"2026-02-30T00:00:00Z", "2027-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
                           "2020-00-01T00:00:00Z", "2026-12-00T00:00:00Z", "2026-12-01T24:00:00Z",
                           "2026-12-01T10:60:00Z", "2026-12-01T10:00:61Z", "2026-12-01T10:00:00.Z",
                           "2026-12-01T10:00:00", "2026-12-01 10:00:00Z", "2026-1-01T10:00:00Z",
                           "2026-12-01T10:00:00Zjunk", "+soon"}) {
    EXPECT_FALSE(parse(text)) << text;
  }
}

TEST(start_at_test, a_barrier_in_the_past_is_named) {
  EXPECT_EQ(past_start_warning(10 * second_ns, 10 * second_ns), "");
  EXPECT_EQ(past_start_warning(10 * second_ns, 10 * second_ns + second_ns / 2), "");  // +0s
  auto const late = past_start_warning(dec_first_ten, dec_first_ten + 12 * second_ns);
  EXPECT_NE(late.find("2026-12-01T10:00:00Z is 12.0 s in the past"), std::string::npos) << late;
}

}  // namespace
}  // namespace loadtwin::app
