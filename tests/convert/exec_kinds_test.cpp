#include "app/convert/exec_kinds.hpp"

#include <gtest/gtest.h>

using loadtwin::app::convert::kind_for_function_name;
using loadtwin::app::convert::snake_case;
using loadtwin::core::RequestKind;

TEST(exec_kinds_test, snake_cases_camel_pascal_and_kebab_names) {
  EXPECT_EQ(snake_case("simpleQuery"), "simple_query");
  EXPECT_EQ(snake_case("SimpleQuery"), "simple_query");
  EXPECT_EQ(snake_case("simple_query"), "simple_query");
  EXPECT_EQ(snake_case("error-injection"), "error_injection");
  EXPECT_EQ(snake_case("HTTPQuery"), "http_query");
  EXPECT_EQ(snake_case("toolCall2"), "tool_call2");
}

TEST(exec_kinds_test, maps_the_seeds_names_and_nothing_else) {
  struct Case {
    char const* name;
    std::optional<RequestKind> kind;
  };
  Case const cases[] = {
      {"simpleQuery", RequestKind::simple_query},
      {"simple_query", RequestKind::simple_query},
      {"toolCall", RequestKind::tool_call},
      {"tool_call", RequestKind::tool_call},
      {"invalidRequest", RequestKind::invalid_request},
      {"invalid_request", RequestKind::invalid_request},
      {"errorInjection", RequestKind::invalid_request},
      {"error_injection", RequestKind::invalid_request},
      {"default", std::nullopt},  // k6's default function says nothing about the request
      {"browse", std::nullopt},
      {"simpleQueryV2", std::nullopt},
  };
  for (auto const& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(kind_for_function_name(c.name), c.kind);
  }
}
