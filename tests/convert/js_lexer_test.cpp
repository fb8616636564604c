#include "app/convert/js_lexer.hpp"

#include <gtest/gtest.h>

namespace {

using loadtwin::app::convert::lex_js;
using loadtwin::app::convert::TokenKind;

// The tokens' texts joined by spaces ("" for the end token is left out).
std::string texts(std::string const& source) {
  auto const lexed = lex_js(source);
  EXPECT_FALSE(lexed.error) << source << ": " << (lexed.error ? lexed.error->message : "");
  std::string out;
  for (auto const& t : lexed.tokens) {
    if (t.kind == TokenKind::end) break;
    out += (out.empty() ? "" : " ") + t.text;
  }
  return out;
}

}  // namespace

TEST(js_lexer_test, splits_code_into_tokens_skipping_comments) {
  struct Case {
    char const* source;
    char const* tokens;
  };
  Case const cases[] = {
      {"export const options = {vus: 10};", "export const options = { vus : 10 } ;"},
      {"a // comment { [\nb /* } ] */ c", "a b c"},
      {"x === y !== z => ...w", "x === y !== z => ... w"},  // longest punctuator first
      {"'a\\'b' \"c\\\"d\"", "a'b c\"d"},                   // escapes decoded
      {"#!/usr/bin/env k6\nfoo", "foo"},                    // a hashbang line
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.source);
    EXPECT_EQ(texts(c.source), c.tokens);
  }
}

TEST(js_lexer_test, tells_a_regular_expression_from_a_division) {
  // After '(' or '=' a slash starts a regex whose quotes and braces are not code.
  auto lexed = lex_js("s.split(/\\r?\\n'{/); x = /a\"/g; y = a / b / c;");
  ASSERT_FALSE(lexed.error) << lexed.error->message;
  int regexes = 0, divisions = 0;
  for (auto const& t : lexed.tokens) {
    regexes += t.kind == TokenKind::regex ? 1 : 0;
    divisions += t.kind == TokenKind::punct && t.text == "/" ? 1 : 0;
  }
  EXPECT_EQ(regexes, 2);
  EXPECT_EQ(divisions, 2);
}

TEST(js_lexer_test, a_template_is_one_token_even_with_nested_substitutions) {
  auto lexed = lex_js("f(`${BASE}/v1/${ {a: `in ${x}`}.a }`, `plain`)");
  ASSERT_FALSE(lexed.error) << lexed.error->message;
  ASSERT_EQ(lexed.tokens.size(), 7U);  // f ( `...` , `plain` ) end
  EXPECT_EQ(lexed.tokens[2].kind, TokenKind::template_string);
  EXPECT_TRUE(lexed.tokens[2].substitutions);
  EXPECT_EQ(lexed.tokens[4].text, "plain");
  EXPECT_FALSE(lexed.tokens[4].substitutions);
}

TEST(js_lexer_test, unterminated_strings_comments_and_templates_are_located_errors) {
  struct Case {
    char const* source;
    std::size_t offset;
    char const* message;
  };
  Case const cases[] = {
      {"a = 'abc\nd'", 4, "unterminated string"},
      {"a /* never closed", 2, "unterminated /* comment"},
      {"a = `abc", 4, "unterminated template literal"},
      {"x = /abc\n", 4, "unterminated regular expression"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.source);
    auto const lexed = lex_js(c.source);
    ASSERT_TRUE(lexed.error);
    EXPECT_EQ(lexed.error->offset, c.offset);
    EXPECT_EQ(lexed.error->message, c.message);
  }
}

TEST(js_lexer_test, tokens_know_where_they_are) {
  auto const lexed = lex_js("  vus: 'ten'");
  ASSERT_GE(lexed.tokens.size(), 3U);
  EXPECT_EQ(lexed.tokens[0].offset, 2U);
  EXPECT_EQ(lexed.tokens[2].offset, 7U);
  EXPECT_EQ(lexed.tokens[2].length, 5U);
}
