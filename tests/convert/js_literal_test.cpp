#include "app/convert/js_literal.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace {

using loadtwin::app::convert::EnvValues;
using loadtwin::app::convert::LiteralParse;

LiteralParse parse(std::string const& literal, EnvValues const& env = {}) {
  auto const lexed = loadtwin::app::convert::lex_js(literal);
  EXPECT_FALSE(lexed.error) << literal;
  std::size_t pos = 0;
  return loadtwin::app::convert::parse_js_literal(lexed.tokens, pos, "options", env);
}

struct Case {
  char const* literal;
  char const* expected_json;
};

}  // namespace

TEST(js_literal_test, every_literal_syntax_reads_as_the_expected_json) {
  Case const cases[] = {
      // unquoted keys, single and double quotes, a trailing comma
      {"{vus: 10, 'duration': \"30s\",}", R"({"vus":10,"duration":"30s"})"},
      // line and block comments anywhere between tokens
      {"{ // first\n vus: /* ten */ 10 /* end */ }", R"({"vus":10})"},
      // nested objects and arrays, trailing commas at each level
      {"{s: {a: {executor: 'constant-vus', stages: [{duration: '1s', target: 2,},],},},}",
       R"({"s":{"a":{"executor":"constant-vus","stages":[{"duration":"1s","target":2}]}}})"},
      // a template literal without substitutions is a string
      {"{t: `p(95)<500`}", R"({"t":"p(95)<500"})"},
      // numbers: integers stay integers; fractions, exponents, separators, hex, negative
      {"[1, 0.5, .25, 1e3, 1_000, 0x10, -3, -0.5]", "[1,0.5,0.25,1000,1000,16,-3,-0.5]"},
      // true, false, null; undefined reads as null
      {"{a: true, b: false, c: null, d: undefined}", R"({"a":true,"b":false,"c":null,"d":null})"},
      // string escapes, including unicode
      {R"({s: 'it\'s \u00e9 \x41\n'})", "{\"s\":\"it's \xC3\xA9 A\\n\"}"},
      // a quoted key that needs quotes (a submetric)
      {"{'first_token_latency{scenario:simple_query}': ['p(95)<500']}",
       R"({"first_token_latency{scenario:simple_query}":["p(95)<500"]})"},
      // numeric keys become their decimal text; later duplicates win (JS semantics)
      {"{1: 'a', vus: 1, vus: 2}", R"({"1":"a","vus":2})"},
      // __ENV with a fallback and no -e: the fallback, in its own type
      {"{vus: __ENV.VUS || 10, url: __ENV['URL'] ?? 'http://x'}", R"({"vus":10,"url":"http://x"})"},
      // a hole in an array reads as undefined
      {"[1,,2]", "[1,null,2]"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.literal);
    auto const result = parse(c.literal);
    ASSERT_TRUE(result.value) << (result.errors.empty() ? "" : result.errors[0].message);
    EXPECT_EQ(*result.value, boost::json::parse(c.expected_json))
        << boost::json::serialize(*result.value);
  }
}

TEST(js_literal_test, env_values_from_dash_e_take_the_type_of_their_fallback) {
  EnvValues const env{{"VUS", "20"}, {"URL", "http://staging"}, {"FLAG", "true"}, {"E", ""}};
  Case const cases[] = {
      {"__ENV.VUS || 10", "20"},        // number fallback: a number
      {"__ENV.VUS || '10'", "\"20\""},  // string fallback: a string
      {"__ENV.VUS", "\"20\""},          // no fallback: k6's string
      {"__ENV.URL || 'http://localhost'", "\"http://staging\""},
      {"__ENV.FLAG || false", "true"},  // boolean fallback
      {"__ENV.E || 'empty is unset for ||'", "\"empty is unset for ||\""},
      {"__ENV.E ?? 'kept'", "\"\""},              // ?? keeps an empty string
      {"__ENV.MISSING || __ENV.VUS || 1", "20"},  // chained fallbacks
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.literal);
    auto const result = parse(c.literal, env);
    ASSERT_TRUE(result.value) << (result.errors.empty() ? "" : result.errors[0].message);
    EXPECT_EQ(*result.value, boost::json::parse(c.expected_json));
  }
}

TEST(js_literal_test, computed_values_are_errors_naming_every_key) {
  auto const result = parse(
      "{vus: parseInt(__ENV.VUS), duration: DURATION, ...base, stages: STAGES.map(s => s), "
      "tags: `${env}`, rate: 10 * 2, ok: 1}");
  EXPECT_FALSE(result.value);
  struct Expected {
    char const* path;
    char const* what;
  };
  Expected const expected[] = {
      {"options.vus", "a function call 'parseInt(...)'"},
      {"options.duration", "the variable 'DURATION'"},
      {"options", "a spread '...base'"},
      {"options.stages", "an expression 'STAGES.map...'"},
      {"options.tags", "a template string with ${...}"},
      {"options.rate", "an expression with '*'"},
  };
  ASSERT_EQ(result.errors.size(), std::size(expected));
  for (std::size_t i = 0; i < result.errors.size(); ++i) {
    SCOPED_TRACE(expected[i].path);
    EXPECT_TRUE(result.errors[i].computed);
    EXPECT_EQ(result.errors[i].path, expected[i].path);
    EXPECT_NE(result.errors[i].message.find(expected[i].what), std::string::npos)
        << result.errors[i].message;
  }
}

TEST(js_literal_test, syntax_errors_stop_with_the_place_and_what_was_expected) {
  struct SyntaxCase {
    char const* literal;
    std::size_t offset;
    char const* message;
  };
  SyntaxCase const cases[] = {
      {"{vus 10}", 5, "expected ':' after the key 'vus'"},
      {"{vus: 10 duration: 1}", 9, "expected ',' or '}'"},
      {"{vus: 10", 8, "an object is not closed"},
      {"[1, 2", 5, "an array is not closed"},
      {"{vus: }", 6, "expected a value, found '}'"},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.literal);
    auto const result = parse(c.literal);
    EXPECT_FALSE(result.value);
    ASSERT_EQ(result.errors.size(), 1U);
    EXPECT_FALSE(result.errors[0].computed);
    EXPECT_EQ(result.errors[0].offset, c.offset);
    EXPECT_NE(result.errors[0].message.find(c.message), std::string::npos)
        << result.errors[0].message;
  }
}

TEST(js_literal_test, an_unset_env_without_fallback_or_a_bad_typed_value_is_an_error) {
  auto result = parse("{vus: __ENV.VUS}");
  ASSERT_EQ(result.errors.size(), 1U);
  EXPECT_NE(result.errors[0].message.find("pass -e VUS=VALUE"), std::string::npos);
  result = parse("{vus: __ENV.VUS || 10}", {{"VUS", "ten"}});
  ASSERT_EQ(result.errors.size(), 1U);
  EXPECT_NE(result.errors[0].message.find("-e VUS=ten: expected a number"), std::string::npos)
      << result.errors[0].message;
}
