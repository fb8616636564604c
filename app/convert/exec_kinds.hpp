#pragma once
// Which built-in request kind a k6 exec function stands for, by its name: k6 scripts name
// them in camelCase, plans in snake_case. After snake-casing ("simpleQuery" ->
// "simple_query", "error-injection" -> "error_injection"):
//   simple_query                      -> simple_query
//   tool_call                         -> tool_call
//   invalid_request, error_injection  -> invalid_request  (the seed's error_injection
//                                        scenario sends invalid requests)
// Anything else has no kind by name: `--exec-map NAME=KIND` must give it.
#include <optional>
#include <string>
#include <string_view>

#include "core/request_kind.hpp"

namespace loadtwin::app::convert {

// "simpleQuery" -> "simple_query"; "HTTPQuery" -> "http_query"; '-' becomes '_'.
std::string snake_case(std::string_view name);

// The kind `function_name` stands for, or nullopt.
std::optional<core::RequestKind> kind_for_function_name(std::string_view function_name);

}  // namespace loadtwin::app::convert
