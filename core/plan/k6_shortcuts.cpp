#include "core/plan/k6_shortcuts.hpp"

#include <array>

#include "core/time.hpp"

namespace loadtwin::core {
namespace {

constexpr std::array<std::string_view, 4> shortcut_keys{"vus", "duration", "iterations", "stages"};

bool is_set(boost::json::object const& options, std::string_view key) {
  auto const* v = options.if_contains(key);
  return v != nullptr && !v->is_null();
}

bool has_stages(boost::json::object const& options) {
  auto const* v = options.if_contains("stages");
  return v != nullptr && v->is_array() && !v->as_array().empty();
}

// A duration of exactly 0 ("0", "0s", 0): k6 refuses it as a shortcut.
bool is_zero_duration(boost::json::value const& v) {
  if (v.is_number()) return v.to_number<double>() == 0;
  if (!v.is_string()) return false;
  auto const parsed = parse_duration(v.as_string());
  return parsed && parsed->count() == 0;
}

}  // namespace

bool has_shortcuts(boost::json::object const& options) {
  for (auto key : shortcut_keys) {
    if (is_set(options, key)) return true;
  }
  return false;
}

void erase_shortcuts(boost::json::object& options) {
  for (auto key : shortcut_keys) options.stable_erase(key);
}

ShortcutScenario derive_default_scenario(boost::json::object const& options, std::string_view exec,
                                         std::string const& path) {
  ShortcutScenario out;
  bool const iterations = is_set(options, "iterations");
  bool const duration = is_set(options, "duration");
  bool const stages = has_stages(options);
  if (iterations && stages) {
    out.errors.push_back({path, "using `iterations` and `stages` simultaneously is not allowed"});
  }
  if (duration && stages) {
    out.errors.push_back({path, "using `duration` and `stages` simultaneously is not allowed"});
  }
  if (duration && !iterations && is_zero_duration(options.at("duration"))) {
    out.errors.push_back({path, "`duration` should be more than 0"});
  }
  if (!out.errors.empty()) return out;
  boost::json::value const vus = is_set(options, "vus") ? options.at("vus") : boost::json::value(1);
  boost::json::object s;
  if (iterations) {
    s = {{"executor", "shared-iterations"}, {"vus", vus}, {"iterations", options.at("iterations")}};
    if (duration) s["maxDuration"] = options.at("duration");
  } else if (duration) {
    s = {{"executor", "constant-vus"}, {"vus", vus}, {"duration", options.at("duration")}};
  } else if (stages) {
    s = {{"executor", "ramping-vus"}, {"startVUs", vus}, {"stages", options.at("stages")}};
  } else {
    s = {{"executor", "per-vu-iterations"}, {"vus", vus}, {"iterations", 1}};
  }
  s["exec"] = exec;
  out.scenario = std::move(s);
  return out;
}

}  // namespace loadtwin::core
