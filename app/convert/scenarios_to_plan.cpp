#include "app/convert/scenarios_to_plan.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <set>

#include "app/convert/exec_kinds.hpp"
#include "core/plan/json_fields.hpp"
#include "core/time.hpp"

namespace loadtwin::app::convert {
namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 6> duration_keys{
    "duration", "startTime", "gracefulStop", "gracefulRampDown", "timeUnit", "maxDuration"};

// exec functions no kind was found for -> the scenarios that run them.
using Unmapped = std::map<std::string, std::vector<std::string>>;

// The flag value for a scenario: by the scenario's name first, then its exec function's.
std::optional<std::string> lookup(std::map<std::string, std::string> const& flag_map,
                                  std::string const& scenario, std::string const& function) {
  if (auto it = flag_map.find(scenario); it != flag_map.end()) return it->second;
  if (auto it = flag_map.find(function); it != flag_map.end()) return it->second;
  return std::nullopt;
}

std::string exec_function(json::object const& scenario) {
  auto const* exec = scenario.if_contains("exec");
  return exec != nullptr && exec->is_string() ? std::string(exec->as_string()) : "default";
}

void map_exec(json::object& scenario, std::string const& name, ConvertSettings const& settings,
              Unmapped& unmapped) {
  std::string const function = exec_function(scenario);
  if (auto kind = lookup(settings.exec_map, name, function)) {
    scenario["exec"] = *kind;  // an unknown KIND is reported by the plan's validation
  } else if (auto by_name = kind_for_function_name(function)) {
    scenario["exec"] = core::to_string(*by_name);
  } else {
    unmapped[function].push_back(name);
  }
}

void set_think_time(json::object& scenario, std::string const& name, std::string const& function,
                    ConvertSettings const& settings, Conversion& out) {
  if (auto think = lookup(settings.think_times, name, function)) {
    scenario["think_time"] = *think;
    return;
  }
  auto const sleep = settings.sleeps.find(function);
  if (sleep == settings.sleeps.end()) return;
  std::string const value =
      sleep->second.seconds
          ? core::format_duration(core::Duration{std::llround(*sleep->second.seconds * 1e9)})
          : "DURATION";
  out.warnings.push_back(fmt::format(
      "scenario '{}': its exec function {} calls {}, which convert cannot carry into a plan; "
      "to keep that pause between iterations add --think-time {}={}",
      name, function, sleep->second.text, function, value));
}

// Scenario fields with no place in a plan: dropped (env) or refused (browser options).
void drop_or_refuse_fields(json::object& scenario, std::string const& path, Conversion& out) {
  if (scenario.stable_erase("env") != 0) {
    out.warnings.push_back(path +
                           ".env dropped: it sets __ENV for the script, and a plan "
                           "has no script");
  }
  if (scenario.contains("options")) {
    out.errors.push_back({path + ".options",
                          "refused: scenario options configure k6's "
                          "browser module; a browser scenario cannot run "
                          "as API requests"});
  }
  auto const* executor = scenario.if_contains("executor");
  if (executor != nullptr && executor->is_string() &&
      executor->as_string() == "externally-controlled") {
    out.errors.push_back({path + ".executor",
                          "refused: externally-controlled VUs are changed at run time "
                          "through k6's REST API, which loadtwin does not have; dropping "
                          "the scenario would change the load"});
  }
}

void report_unmapped(Unmapped const& unmapped, Conversion& out) {
  if (unmapped.empty()) return;
  std::string list;
  for (auto const& [function, scenarios] : unmapped) {
    std::string names;
    for (auto const& s : scenarios) names += (names.empty() ? "'" : ", '") + s + "'";
    list += fmt::format("{}'{}' (scenario{} {})", list.empty() ? "" : ", ", function,
                        scenarios.size() > 1 ? "s" : "", names);
  }
  out.errors.push_back(
      {"options.scenarios",
       "no request kind for exec function " + list +
           ": name it with --exec-map NAME=KIND (NAME an exec function or a scenario; KIND "
           "simple_query, tool_call or invalid_request)"});
}

// Flag names that match no scenario and no exec function are typos: 104.
void check_flag_names(json::object const& scenarios, ConvertSettings const& settings,
                      Conversion& out) {
  std::set<std::string> known;
  for (auto const& [name, scenario] : scenarios) {
    known.insert(std::string(name));
    if (scenario.is_object()) known.insert(exec_function(scenario.as_object()));
  }
  std::string listed;
  for (auto const& k : known) listed += (listed.empty() ? "" : ", ") + k;
  auto const check = [&](std::map<std::string, std::string> const& flag_map, char const* flag) {
    for (auto const& [name, value] : flag_map) {
      if (known.contains(name)) continue;
      out.errors.push_back({flag, fmt::format("'{}' is neither a scenario nor an exec "
                                              "function of this script (known: {})",
                                              name, listed)});
    }
  };
  check(settings.exec_map, "--exec-map");
  check(settings.think_times, "--think-time");
}

}  // namespace

void numeric_durations_to_strings(json::object& object) {
  auto const convert = [](json::value& v) {
    if (!v.is_number()) return;
    double const ms = v.to_number<double>();
    if (ms >= 0 && std::isfinite(ms)) {
      v = core::format_duration(core::Duration{std::llround(ms * 1e6)});
    }
  };
  for (auto key : duration_keys) {
    if (auto* v = object.if_contains(key)) convert(*v);
  }
  if (auto* stages = object.if_contains("stages"); stages != nullptr && stages->is_array()) {
    for (auto& stage : stages->as_array()) {
      if (!stage.is_object()) continue;
      if (auto* d = stage.as_object().if_contains("duration")) convert(*d);
    }
  }
}

void convert_scenarios(json::object& scenarios, ConvertSettings const& settings, Conversion& out) {
  check_flag_names(scenarios, settings, out);
  Unmapped unmapped;
  for (auto& [key, value] : scenarios) {
    std::string const name(key);
    std::string const path = core::join_path("options.scenarios", name);
    if (!value.is_object()) continue;  // the plan's validation names the wrong type
    auto& scenario = value.as_object();
    std::string const function = exec_function(scenario);
    drop_or_refuse_fields(scenario, path, out);
    numeric_durations_to_strings(scenario);
    map_exec(scenario, name, settings, unmapped);
    set_think_time(scenario, name, function, settings, out);
  }
  report_unmapped(unmapped, out);
}

}  // namespace loadtwin::app::convert
