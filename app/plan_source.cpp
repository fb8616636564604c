#include "app/plan_source.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/plan/json_text.hpp"
#include "core/plan/plan_json.hpp"
#include "core/plan/request_bodies.hpp"
#include "core/plan/trace_file.hpp"

namespace loadtwin::embedded {
extern char const baseline_json[];
extern std::size_t const baseline_json_size;
}  // namespace loadtwin::embedded

namespace loadtwin::app {
namespace {

// A k6 script given where a plan goes is the likeliest JSON syntax error of a k6 user.
std::string script_hint(std::string const& path) {
  for (char const* ext : {".js", ".mjs", ".cjs", ".ts"}) {
    if (path.ends_with(ext)) {
      return "hint: " + path + " looks like a k6 script, not a plan; write a plan from its " +
             "options with: loadtwin convert " + path + " -o plan.json\n";
    }
  }
  return "";
}

}  // namespace

std::string baseline_json() {
  return std::string(embedded::baseline_json, embedded::baseline_json_size);
}

LoadedPlan load_plan(std::string const& path, std::vector<std::string> const& overrides,
                     core::PlanUse use, DocumentEdit const& edit) {
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
  auto json = core::parse_json_text(text);
  if (!json.value) {
    out.error =
        core::format_plan_errors(out.display_name, {core::to_plan_error(*json.error, text)}) +
        script_hint(path);
    return out;
  }
  if (edit) {
    std::vector<core::PlanError> errors;
    edit(*json.value, errors);
    if (!errors.empty()) {
      out.error = core::format_plan_errors(out.display_name, errors);
      return out;
    }
  }
  auto parsed = core::parse_plan_value(std::move(*json.value), overrides, use);
  if (!parsed.plan) {
    out.error = core::format_plan_errors(out.display_name, parsed.errors);
    return out;
  }
  std::vector<core::PlanError> load_errors;
  std::string const plan_dir = std::filesystem::path(path).parent_path().string();
  core::load_plan_traces(*parsed.plan, plan_dir, load_errors);
  core::load_plan_requests(*parsed.plan, plan_dir, load_errors);
  if (!load_errors.empty()) {
    out.error = core::format_plan_errors(out.display_name, load_errors);
    return out;
  }
  out.plan = std::move(parsed.plan);
  return out;
}

}  // namespace loadtwin::app
