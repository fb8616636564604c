// libFuzzer: the plan loader. The first line, if it contains '=', is a --set override; the
// rest is the plan's JSON. Any input must end in a plan or located errors, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/plan/plan_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string const text(reinterpret_cast<char const*>(data), size);
  auto const newline = text.find('\n');
  std::vector<std::string> overrides;
  std::string json = text;
  if (newline != std::string::npos && text.substr(0, newline).find('=') != std::string::npos) {
    overrides.push_back(text.substr(0, newline));
    json = text.substr(newline + 1);
  }
  auto const parsed = loadtwin::core::parse_plan(json, overrides);
  if (parsed.plan.has_value() == !parsed.errors.empty()) __builtin_trap();  // exactly one
  for (auto const& e : parsed.errors) {
    if (e.message.empty()) __builtin_trap();  // every error says what was expected
  }
  return 0;
}
