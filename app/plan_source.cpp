#include "app/plan_source.hpp"

#include <fstream>
#include <sstream>

#include "core/plan/plan_json.hpp"

namespace loadtwin::embedded {
extern char const baseline_json[];
extern std::size_t const baseline_json_size;
}  // namespace loadtwin::embedded

namespace loadtwin::app {

std::string baseline_json() {
  return std::string(embedded::baseline_json, embedded::baseline_json_size);
}

LoadedPlan load_plan(std::string const& path, std::vector<std::string> const& overrides,
                     core::PlanUse use) {
  LoadedPlan out;
  std::string text;
  if (path.empty()) {
    out.display_name = "models/baseline.json (embedded)";
    text = baseline_json();
  } else {
    out.display_name = path;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      out.error = path + ": cannot read the plan file\n";
      return out;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  auto parsed = core::parse_plan(text, overrides, use);
  if (!parsed.plan) {
    out.error = core::format_plan_errors(out.display_name, parsed.errors);
    return out;
  }
  out.plan = std::move(parsed.plan);
  return out;
}

}  // namespace loadtwin::app
