// FlatJson against boost::json::parse on the same inputs: the same verdict on every input
// and, when both accept, the same values (repeated keys: the last wins in both).
#include "wire/flat_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

namespace loadtwin::wire {
namespace {

namespace json = boost::json;

// FlatJson's value rebuilt as a json::value (assigning a repeated key keeps the last).
json::value rebuild(FlatJson::Value v) {
  switch (v.kind()) {
    case FlatJson::Kind::absent:
    case FlatJson::Kind::null:
      return nullptr;
    case FlatJson::Kind::boolean:
      return v.as_bool();
    case FlatJson::Kind::int64:
      return v.as_int64();
    case FlatJson::Kind::uint64:
      return v.as_uint64();
    case FlatJson::Kind::real:
      return v.as_double();
    case FlatJson::Kind::string:
      return json::string(v.as_string());
    case FlatJson::Kind::array: {
      json::array out;
      v.for_each([&](FlatJson::Value e) { out.push_back(rebuild(e)); });
      return out;
    }
    case FlatJson::Kind::object:
      break;
  }
  json::object out;
  v.for_each_member([&](std::string_view key, FlatJson::Value m) { out[key] = rebuild(m); });
  return out;
}

void expect_same_as_boost(std::string const& text, FlatJson& doc) {
  json::error_code ec;
  json::value const expected = json::parse(text, ec);
  bool const ok = doc.parse(text);
  ASSERT_EQ(ok, !ec) << text;
  EXPECT_EQ(is_valid_json(text), !ec) << text;
  if (!ok) {
    EXPECT_FALSE(doc.root().present());
    return;
  }
  EXPECT_EQ(rebuild(doc.root()), expected) << text;
  EXPECT_EQ(rebuild(doc.root()).kind(), expected.kind()) << text;
}

std::vector<std::string> const samples = {
    R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"token "}})",
    R"({"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":12,"output_tokens":1}}})",
    R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":10}})",
    R"({"choices":[{"index":0,"delta":{"content":"hi","tool_calls":[{"index":1,"function":{"arguments":"{\"a\""}}]},"finish_reason":null}],"usage":null})",
    R"({"a":1,"a":"two","b":{"c":[1,2,{"d":true}],"c":false},"e":-0,"f":1.5e3,"g":18446744073709551615})",
    R"({"esc":"\u00e9\ud83d\ude00\n\t\"\\\/","k\u0041y":"v"})",
    R"([1,-9223372036854775808,9223372036854775808,1e400,0.1,"x",null,true,false,[],{}])",
    R"(  {"ws" : [ 1 , 2 ] }  )",
    "\"just a string\"",
    "42",
    "",
    "{",
    "{\"a\":1,}",
    "[1,2,]",
    "{\"a\":1} x",
    "{\"a\":1}{}",
    "/* c */ {}",
    "{\"bad\":\"\xff\"}",
    "{\"ctl\":\"a\x01\"}",
    "{'a':1}",
    "[01]",
    "NaN",
    "{\"a\":\"\\ud800\"}",
    std::string(33, '[') + std::string(33, ']'),
    std::string(32, '[') + std::string(32, ']'),
    "{\"long\":\"" + std::string(5000, 'x') + "\\n" + std::string(5000, 'y') + "\"}",
    "{\"" + std::string(3000, 'k') + "\\t\":1}",
};

}  // namespace

TEST(flat_json_test, same_verdict_and_values_as_boost_json_parse) {
  FlatJson doc;  // one document reused, as the readers do
  for (auto const& text : samples) expect_same_as_boost(text, doc);
}

TEST(flat_json_test, same_as_boost_for_every_byte_deleted_or_replaced) {
  FlatJson doc;
  std::string const replacements = "\"{}[],:\\0-e.xu \x80";
  for (std::size_t s = 0; s < 6; ++s) {
    std::string const& base = samples[s];
    for (std::size_t i = 0; i < base.size(); ++i) {
      std::string cut = base;
      cut.erase(i, 1);
      expect_same_as_boost(cut, doc);
      expect_same_as_boost(base.substr(0, i), doc);  // every prefix: cut streams
      for (char r : replacements) {
        std::string changed = base;
        changed[i] = r;
        expect_same_as_boost(changed, doc);
      }
    }
  }
}

TEST(flat_json_test, lookups_answer_as_a_json_value_would) {
  FlatJson doc;
  ASSERT_TRUE(doc.parse(R"({"a":{"b":1},"a":{"c":"x"},"n":null,"arr":[1,{"k":2}]})"));
  auto const root = doc.root();
  EXPECT_FALSE(root.get("a").get("b").present());  // the repeated key's last value only
  EXPECT_TRUE(root.get("a").get("c").equals("x"));
  EXPECT_TRUE(root.get("n").is_null());
  EXPECT_FALSE(root.get("missing").present());
  EXPECT_FALSE(root.get("n").get("x").present());  // looking into a non-object: absent
  EXPECT_FALSE(root.get("arr").get("k").present());
  int elements = 0;
  root.get("arr").for_each([&](FlatJson::Value) { ++elements; });
  EXPECT_EQ(elements, 2);
  root.get("a").for_each([&](FlatJson::Value) { ++elements; });  // not an array: nothing
  EXPECT_EQ(elements, 2);
  EXPECT_FALSE(doc.parse("{\"a\":"));
  EXPECT_FALSE(doc.root().present());
}

}  // namespace loadtwin::wire
