#include "core/plan/json_text.hpp"

#include <gtest/gtest.h>

#include "core/plan/plan_json.hpp"
#include "core/plan/plan_override.hpp"

namespace {

using loadtwin::core::parse_json_text;
using loadtwin::core::position_at;

}  // namespace

TEST(json_text_test, position_counts_lines_and_characters_from_one) {
  std::string const text = "ab\ncd\n\xC3\xA9x";  // é is two bytes, one column
  EXPECT_EQ(position_at(text, 0).line, 1U);
  EXPECT_EQ(position_at(text, 0).column, 1U);
  EXPECT_EQ(position_at(text, 4).line, 2U);
  EXPECT_EQ(position_at(text, 4).column, 2U);
  EXPECT_EQ(position_at(text, 8).line, 3U);
  EXPECT_EQ(position_at(text, 8).column, 2U);
  EXPECT_EQ(position_at(text, 999).column, 3U);  // past the end: the end
}

TEST(json_text_test, syntax_errors_report_line_column_and_what_was_found) {
  struct Case {
    char const* text;
    std::size_t line;
    std::size_t column;
    char const* message;
  };
  Case const cases[] = {
      {"{\n  \"a\": 1,,\n}", 2, 10, "syntax error at ','"},
      {"{\"a\": [1, 2", 1, 12, "unexpected end of input"},
      {"{\"a\": 1} x", 1, 10, "unexpected 'x' after the JSON value"},
      {"import http from 'k6/http';", 1, 1, "at 'i'"},
      {"{\n\t\"a\": tru }", 2, 7, "at 't'"},
      {"{\"a\": \"x\ny\"}", 1, 9, "a line break"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.text);
    auto const parsed = parse_json_text(c.text);
    ASSERT_FALSE(parsed.value);
    ASSERT_TRUE(parsed.error);
    EXPECT_EQ(parsed.error->at.line, c.line);
    EXPECT_EQ(parsed.error->at.column, c.column);
    EXPECT_NE(parsed.error->message.find(c.message), std::string::npos) << parsed.error->message;
  }
  EXPECT_TRUE(parse_json_text(" {\"ok\": [1, 2.5, null]} \n").value);
}

TEST(json_text_test, the_excerpt_puts_a_caret_under_the_column) {
  std::string const text = "{\n  \"vus\": 10,,\n}";
  auto const offset = text.find(",,") + 1;
  EXPECT_EQ(loadtwin::core::caret_excerpt(text, offset),
            "      \"vus\": 10,,\n"
            "                ^\n");
  // A long minified line is cut to a window that still holds the caret.
  std::string const long_line = std::string(500, ' ') + "]";
  auto const excerpt = loadtwin::core::caret_excerpt(long_line, 500);
  EXPECT_LT(excerpt.size(), 200U);
  EXPECT_NE(excerpt.find("]\n"), std::string::npos);
  EXPECT_EQ(excerpt.find(']') + 1, excerpt.rfind('^') - excerpt.find('\n'));
}

TEST(json_text_test, a_bad_plan_is_reported_as_file_line_column) {
  auto const parsed = loadtwin::core::parse_plan("{\n  \"model\": {\n    \"error_rate\": .5\n");
  ASSERT_EQ(parsed.errors.size(), 1U);
  auto const text = loadtwin::core::format_plan_errors("plan.json", parsed.errors);
  EXPECT_EQ(text.rfind("plan.json:3:19: invalid JSON: syntax error at '.'\n", 0), 0U) << text;
  EXPECT_NE(text.find("        \"error_rate\": .5\n"), std::string::npos) << text;
}

TEST(json_text_test, a_bad_set_value_is_reported_with_its_column) {
  boost::json::value doc = boost::json::object{};
  auto const error = loadtwin::core::apply_override(doc, "options.thresholds={\"errors\": [}");
  ASSERT_TRUE(error);
  ASSERT_TRUE(error->at);
  EXPECT_EQ(error->at->source, "--set options.thresholds");
  EXPECT_EQ(error->at->line, 1U);
  EXPECT_EQ(error->at->column, 13U);
  auto const text = loadtwin::core::format_plan_errors("plan.json", {*error});
  EXPECT_EQ(text.rfind("--set options.thresholds:1:13: invalid JSON:", 0), 0U) << text;
  // A value that does not look like JSON stays a plain string.
  EXPECT_FALSE(loadtwin::core::apply_override(doc, "options.tags.note=a{b"));
  EXPECT_EQ(doc.at("options").at("tags").at("note"), "a{b");
}
