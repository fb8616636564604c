#include "core/plan/json_pretty.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

using loadtwin::core::plain_decimal;
using loadtwin::core::render_json_pretty;

TEST(json_pretty_test, numbers_are_plain_decimals_that_read_back_exactly) {
  struct Case {
    double x;
    char const* text;
  };
  Case const cases[] = {{0.005, "0.005"},    {600, "600"},
                        {1e-7, "0.0000001"}, {2.5e10, "25000000000"},
                        {-0.1, "-0.1"},      {0.1 + 0.2, "0.30000000000000004"}};
  for (auto const& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(plain_decimal(c.x), c.text);
    EXPECT_EQ(boost::json::parse(plain_decimal(c.x)).to_number<double>(), c.x);
  }
}

TEST(json_pretty_test, short_flat_containers_stay_on_one_line_and_the_text_reads_back) {
  auto const value = boost::json::parse(
      R"({"model": {"error_rate": 0.005, "max_concurrent": null}, "options": {"thresholds":
         {"errors": ["rate<0.01"]}, "scenarios": {}, "long": ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
         "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccccccccccccccccccccc"]}})");
  auto const text = render_json_pretty(value);
  EXPECT_EQ(text,
            "{\n"
            "  \"model\": {\"error_rate\": 0.005, \"max_concurrent\": null},\n"
            "  \"options\": {\n"
            "    \"thresholds\": {\"errors\": [\"rate<0.01\"]},\n"
            "    \"scenarios\": {},\n"
            "    \"long\": [\n"
            "      \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\n"
            "      \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\n"
            "      \"cccccccccccccccccccccccccccccccccccccc\"\n"
            "    ]\n"
            "  }\n"
            "}\n");
  EXPECT_EQ(boost::json::parse(text), value);
}
