#include "app/convert/options_to_plan.hpp"

#include <fmt/format.h>

#include "app/convert/option_policy.hpp"
#include "app/convert/scenarios_to_plan.hpp"
#include "core/metrics/metric_names.hpp"
#include "core/metrics/tags.hpp"
#include "core/plan/json_fields.hpp"
#include "core/plan/k6_shortcuts.hpp"
#include "core/plan/plan_json.hpp"

namespace loadtwin::app::convert {
namespace {

namespace json = boost::json;

// k6's JSON writes unset options as null: remove them (and nulls inside objects) first.
void strip_nulls(json::value& v) {
  if (v.is_array()) {
    for (auto& x : v.as_array()) strip_nulls(x);
    return;
  }
  if (!v.is_object()) return;
  auto& obj = v.as_object();
  for (auto it = obj.begin(); it != obj.end();) {
    if (it->value().is_null()) {
      it = obj.stable_erase(it);
    } else {
      strip_nulls(it->value());
      ++it;
    }
  }
}

// Keeps, drops (warning) or refuses (error) each top-level option.
json::object apply_policies(json::object const& in, Conversion& out) {
  json::object kept;
  for (auto const& [key, value] : in) {
    auto const policy = option_policy(key);
    if (!policy) {
      out.warnings.push_back(
          fmt::format("option '{}' dropped: not a k6 option (k6 ignores it "
                      "too)",
                      std::string_view(key)));
    } else if (policy->fate == OptionFate::keep) {
      kept[key] = value;
    } else if (policy->fate == OptionFate::drop) {
      out.warnings.push_back(
          fmt::format("option '{}' dropped: {}", std::string_view(key), policy->why));
    } else if (policy->fate == OptionFate::refuse) {
      out.errors.push_back(
          {core::join_path("options", key), fmt::format("refused: {}", policy->why)});
    }
  }
  return kept;
}

// Shortcuts without scenarios become k6's "default" scenario (exec function "default").
void shortcuts_to_scenario(json::object& options, ConvertSettings const& settings,
                           Conversion& out) {
  bool const shortcuts = core::has_shortcuts(options);
  if (options.contains("scenarios")) {
    if (shortcuts && !settings.from_inspect) {
      out.errors.push_back({"options",
                            "using vus/duration/iterations/stages and `scenarios` "
                            "simultaneously is not allowed (k6 refuses it too)"});
    }
    core::erase_shortcuts(options);  // k6 inspect printed them beside what they derived
    return;
  }
  if (!shortcuts) {
    out.warnings.push_back(
        "no scenarios and no vus/duration/iterations/stages: like k6, the "
        "plan runs one iteration on one VU");
  }
  auto derived = core::derive_default_scenario(options, "default", "options");
  for (auto& e : derived.errors) out.errors.push_back(std::move(e));
  if (!derived.scenario) return;
  core::erase_shortcuts(options);
  options["scenarios"] = json::object{{core::default_scenario_name, *derived.scenario}};
}

std::string refusal_reason(std::string const& metric) {
  if (metric == "checks") {
    return "checks are assertions in the script's code; a plan states what a good answer is "
           "with a scenario's `expect`";
  }
  if (core::is_unsupported_k6_metric(metric)) return "a k6 metric loadtwin does not measure";
  return "a custom metric the script computes; loadtwin records only its own metrics "
         "(SPEC \"Metrics\")";
}

// Thresholds stay as written, except on metrics loadtwin does not record: refused, since
// dropping them would change the verdict.
void check_thresholds(json::object const& options, Conversion& out) {
  auto const* thresholds = options.if_contains("thresholds");
  if (thresholds == nullptr || !thresholds->is_object()) return;
  for (auto const& [key, list] : thresholds->as_object()) {
    auto const selector = core::parse_metric_selector(key);
    if (!selector.selector) continue;  // the plan's validation reports the syntax
    auto const& metric = selector.selector->metric;
    if (core::find_metric(metric)) continue;
    out.errors.push_back({core::join_path("options.thresholds", key),
                          fmt::format("refused: a threshold on '{}', {}; dropping it would "
                                      "change the verdict",
                                      metric, refusal_reason(metric))});
  }
}

void validate_plan(json::value const& plan, Conversion& out) {
  auto parsed = core::parse_plan_value(plan);
  for (auto& e : parsed.errors) out.errors.push_back(std::move(e));
}

}  // namespace

Conversion convert_options(json::value const& k6_options, ConvertSettings const& settings) {
  Conversion out;
  if (!k6_options.is_object()) {
    out.errors.push_back({"options", "expected an object, got " + core::describe_json(k6_options)});
    return out;
  }
  json::value cleaned = k6_options;
  strip_nulls(cleaned);
  json::object options = apply_policies(cleaned.as_object(), out);
  numeric_durations_to_strings(options);
  shortcuts_to_scenario(options, settings, out);
  if (auto* scenarios = options.if_contains("scenarios"); scenarios && scenarios->is_object()) {
    convert_scenarios(scenarios->as_object(), settings, out);
  }
  check_thresholds(options, out);
  if (!out.errors.empty()) return out;
  json::value plan = json::object{{"model", settings.model}, {"options", std::move(options)}};
  validate_plan(plan, out);
  if (out.errors.empty()) out.plan = std::move(plan);
  return out;
}

}  // namespace loadtwin::app::convert
