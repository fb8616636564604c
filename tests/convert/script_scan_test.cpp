#include "app/convert/script_scan.hpp"

#include <gtest/gtest.h>

namespace {

using loadtwin::app::convert::lex_js;
using loadtwin::app::convert::scan_script;

}  // namespace

TEST(script_scan_test, finds_the_exported_options_at_the_top_level_only) {
  std::string const source =
      "function f() { const options = {inner: 1}; }\n"
      "const options = {plain: 1};\n"
      "export let options = {exported: 1};\n";
  auto const lexed = lex_js(source);
  auto const scan = scan_script(lexed.tokens, source);
  ASSERT_TRUE(scan.options_value);
  EXPECT_EQ(lexed.tokens[*scan.options_value + 1].text, "exported");
}

TEST(script_scan_test, a_plain_declaration_counts_when_none_is_exported) {
  std::string const source = "var options = {plain: 1};\nexport { options };\n";
  auto const lexed = lex_js(source);
  auto const scan = scan_script(lexed.tokens, source);
  ASSERT_TRUE(scan.options_value);
  EXPECT_EQ(lexed.tokens[*scan.options_value + 1].text, "plain");
  std::string const none = "export default function () {}";
  auto const lexed_none = lex_js(none);
  EXPECT_FALSE(scan_script(lexed_none.tokens, none).options_value);
}

TEST(script_scan_test, records_the_first_sleep_of_each_function_form) {
  std::string const source =
      "export function a() { http.get(u); sleep(0.1); sleep(5); }\n"
      "export const b = () => { if (x) { sleep(1.5) } };\n"
      "const c = async function () { sleep(__ENV.PAUSE) };\n"
      "export default function () { sleep(2) }\n"
      "function d() { timers.sleep(3) }\n";  // a method named sleep is not k6's sleep
  auto const lexed = lex_js(source);
  auto const scan = scan_script(lexed.tokens, source);
  ASSERT_EQ(scan.sleeps.size(), 4U);
  EXPECT_EQ(scan.sleeps.at("a").seconds, 0.1);
  EXPECT_EQ(scan.sleeps.at("a").text, "sleep(0.1)");
  EXPECT_EQ(scan.sleeps.at("b").seconds, 1.5);
  EXPECT_FALSE(scan.sleeps.at("c").seconds);
  EXPECT_EQ(scan.sleeps.at("c").text, "sleep(__ENV.PAUSE)");
  EXPECT_EQ(scan.sleeps.at("default").seconds, 2.0);
  EXPECT_FALSE(scan.sleeps.contains("d"));
}
