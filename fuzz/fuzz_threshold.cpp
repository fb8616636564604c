// libFuzzer: the threshold expression parser and the submetric selector parser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/metrics/tags.hpp"
#include "core/metrics/threshold_expr.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const text(reinterpret_cast<char const*>(data), size);
  auto const expr = loadtwin::core::parse_threshold_expr(text);
  if (expr.expr.has_value() == !expr.error.empty()) __builtin_trap();
  if (expr.expr && expr.expr->aggregation == loadtwin::core::Aggregation::percentile &&
      !(expr.expr->percentile >= 0 && expr.expr->percentile <= 100)) {
    __builtin_trap();
  }
  auto const selector = loadtwin::core::parse_metric_selector(text);
  if (selector.selector.has_value() == !selector.error.empty()) __builtin_trap();
  return 0;
}
