#include "app/convert/read_options.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace {

using loadtwin::app::convert::read_options;

std::string seed_script() {
  std::ifstream in(std::string(LOADTWIN_SOURCE_DIR) + "/tests/data/seed/baseline.k6.js");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Options or located errors, never both, never neither; every location inside the text.
void expect_well_formed(std::string const& text) {
  auto const read = read_options(text, {});
  ASSERT_NE(read.options.has_value(), !read.errors.empty());
  std::size_t const lines =
      1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  for (auto const& e : read.errors) {
    EXPECT_FALSE(e.message.empty());
    if (!e.at) continue;
    EXPECT_GE(e.at->line, 1U);
    EXPECT_LE(e.at->line, lines);
    EXPECT_GE(e.at->column, 1U);
    EXPECT_FALSE(e.at->excerpt.empty());
  }
}

}  // namespace

TEST(read_options_test, tells_inspect_json_from_a_script_by_its_first_character) {
  auto const json = read_options("  \n{\"vus\": 1}", {});
  ASSERT_TRUE(json.options);
  EXPECT_TRUE(json.from_inspect);
  auto const script = read_options("export const options = {vus: 1};", {});
  ASSERT_TRUE(script.options);
  EXPECT_FALSE(script.from_inspect);
  EXPECT_EQ(*json.options, *script.options);
}

TEST(read_options_test, bad_inspect_json_and_a_script_without_options_are_errors) {
  auto const json = read_options("{\"vus\": 1,\n}", {});
  ASSERT_EQ(json.errors.size(), 1U);
  ASSERT_TRUE(json.errors[0].at);
  EXPECT_EQ(json.errors[0].at->line, 2U);
  auto const none = read_options("export default function () {}", {});
  ASSERT_EQ(none.errors.size(), 1U);
  EXPECT_NE(none.errors[0].message.find("no `export const options"), std::string::npos);
  auto const unterminated = read_options("export const options = {a: 'x};\n", {});
  ASSERT_EQ(unterminated.errors.size(), 1U);
  EXPECT_EQ(unterminated.errors[0].message, "unterminated string");
  EXPECT_EQ(unterminated.errors[0].at->column, 28U);
}

TEST(read_options_test, every_prefix_and_byte_flip_of_the_seed_reads_without_crashing) {
  std::string const text = seed_script();
  ASSERT_GT(text.size(), 1000U);
  for (std::size_t cut = 0; cut <= text.size(); cut += 7) {
    SCOPED_TRACE(cut);
    expect_well_formed(text.substr(0, cut));
  }
  for (std::size_t at = 0; at < text.size(); at += 13) {
    for (char c : {'{', '}', '\'', '`', '/', '*', '\\', '\n', '\0'}) {
      std::string flipped = text;
      flipped[at] = c;
      expect_well_formed(flipped);
    }
  }
}
