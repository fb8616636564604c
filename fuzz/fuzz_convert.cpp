// libFuzzer: `convert` on any text (a k6 script or k6 inspect JSON). Any input must end in a
// plan or located errors, never a crash; a plan it returns, written out, loads as a plan.
#include <cstddef>
#include <cstdint>
#include <string>

#include "app/convert/options_to_plan.hpp"
#include "app/convert/read_options.hpp"
#include "core/plan/json_pretty.hpp"
#include "core/plan/plan_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  namespace convert = loadtwin::app::convert;
  std::string const text(reinterpret_cast<char const*>(data), size);
  auto const read = convert::read_options(text, {{"VUS", "7"}, {"URL", "http://x"}});
  if (read.options.has_value() == !read.errors.empty()) __builtin_trap();  // exactly one
  for (auto const& e : read.errors) {
    if (e.message.empty()) __builtin_trap();
    if (e.at && (e.at->line == 0 || e.at->column == 0 || e.at->excerpt.empty())) __builtin_trap();
  }
  if (!read.options) return 0;
  convert::ConvertSettings settings;
  settings.model = boost::json::object{{"first_token_delay", "100ms"}, {"network_rtt", "1ms"}};
  settings.exec_map = {{"default", "simple_query"}};
  settings.from_inspect = read.from_inspect;
  settings.sleeps = read.sleeps;
  auto const converted = convert::convert_options(*read.options, settings);
  if (converted.plan.has_value() == !converted.errors.empty()) __builtin_trap();
  if (!converted.plan) return 0;
  // What convert would write must load as `loadtwin sim` loads it.
  if (!loadtwin::core::parse_plan(loadtwin::core::render_json_pretty(*converted.plan)).plan) {
    __builtin_trap();
  }
  return 0;
}
