#include "core/plan/plan_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json/serialize.hpp>

#include "core/metrics/metric_names.hpp"
#include "core/metrics/tags.hpp"
#include "core/metrics/threshold_expr.hpp"
#include "core/plan/goodput_json.hpp"
#include "core/plan/json_fields.hpp"
#include "core/plan/json_text.hpp"
#include "core/plan/plan_hash.hpp"
#include "core/plan/plan_override.hpp"
#include "core/plan/target_json.hpp"

namespace loadtwin::core {
namespace {

// k6 options loadtwin knows but does not implement: named in the error, not "unknown".
constexpr std::array<std::string_view, 30> unsupported_k6_options{"batch",
                                                                  "batchPerHost",
                                                                  "blacklistIPs",
                                                                  "blockHostnames",
                                                                  "discardResponseBodies",
                                                                  "dns",
                                                                  "executionSegment",
                                                                  "executionSegmentSequence",
                                                                  "ext",
                                                                  "hosts",
                                                                  "httpDebug",
                                                                  "insecureSkipTLSVerify",

                                                                  "linger",
                                                                  "localIPs",
                                                                  "maxRedirects",
                                                                  "minIterationDuration",
                                                                  "noConnectionReuse",
                                                                  "noCookiesReset",
                                                                  "noVUConnectionReuse",
                                                                  "paused",
                                                                  "rps",
                                                                  "setupTimeout",
                                                                  "systemTags",
                                                                  "teardownTimeout",
                                                                  "throw",
                                                                  "tlsAuth",
                                                                  "tlsCipherSuites",
                                                                  "tlsVersion",
                                                                  "userAgent",
                                                                  "cloud"};

void parse_model(JsonFields const& m, ModelConfig& model) {
  m.reject_unknown({"first_token_delay", "first_token_delay_per_1k_input_tokens", "token_interval",
                    "tokens_per_response", "tokens_per_delta", "tool_call_delay", "error_rate",
                    "error_status", "network_rtt", "max_concurrent", "tool_input_chunks",
                    "max_queue", "queue_full_status", "slowdown_per_active_stream",
                    "stream_error_rate"});
  if (auto d = m.delay("first_token_delay")) model.first_token_delay = *d;
  if (auto d = m.duration("first_token_delay_per_1k_input_tokens")) {
    model.first_token_delay_per_1k_input_tokens = *d;
  }
  if (auto d = m.count("tokens_per_delta")) model.tokens_per_delta = *d;
  if (auto d = m.delay("token_interval")) model.token_interval = *d;
  if (auto d = m.count("tokens_per_response")) model.tokens_per_response = *d;
  if (auto d = m.delay("tool_call_delay")) model.tool_call_delay = *d;
  if (auto d = m.delay("network_rtt")) model.network_rtt = *d;
  if (auto x = m.number("error_rate", 0, 1)) model.error_rate = *x;
  if (auto x = m.number("stream_error_rate", 0, 1)) model.stream_error_rate = *x;
  if (auto x = m.number("slowdown_per_active_stream", 0, 1e6))
    model.slowdown_per_active_stream = *x;
  if (auto x = m.integer("error_status", 400, 599)) model.error_status = static_cast<int>(*x);
  if (auto x = m.integer("queue_full_status", 400, 599))
    model.queue_full_status = static_cast<int>(*x);
  if (auto x = m.integer("tool_input_chunks", 1, 10'000))
    model.tool_input_chunks = static_cast<std::uint32_t>(*x);
  auto const nullable = [&](std::string_view key, std::optional<std::uint32_t>& out) {
    auto const* v = m.get(key);
    if (v == nullptr || v->is_null()) return;
    if (auto x = m.integer(key, 1, 100'000'000)) out = static_cast<std::uint32_t>(*x);
  };
  nullable("max_concurrent", model.max_concurrent);
  nullable("max_queue", model.max_queue);
  if (model.max_queue && !model.max_concurrent) {
    m.error("max_queue", "needs max_concurrent (a queue only forms behind a concurrency limit)");
  }
}

void check_threshold_metric(MetricSelector const& sel, std::string const& path,
                            std::vector<PlanError>& errors, std::optional<MetricType>& type) {
  if (auto id = find_metric(sel.metric)) {
    type = info(*id).type;
  } else if (is_unsupported_k6_metric(sel.metric)) {
    errors.push_back({path, "threshold on metric '" + sel.metric +
                                "' which loadtwin does not have (k6 metric not supported)"});
  } else {
    errors.push_back({path, "threshold on unknown metric '" + sel.metric + "'"});
  }
}

std::optional<ThresholdConfig> parse_threshold_item(boost::json::value const& item,
                                                    std::string const& path,
                                                    std::vector<PlanError>& errors) {
  if (item.is_string()) return ThresholdConfig{std::string(item.as_string()), false, {}};
  JsonFields obj(&item, path, errors);
  if (!obj.is_object()) return std::nullopt;
  obj.reject_unknown({"threshold", "abortOnFail", "delayAbortEval"});
  ThresholdConfig config;
  auto source = obj.string("threshold");
  if (!source) {
    if (!obj.has("threshold")) obj.error("threshold", "missing field");
    return std::nullopt;
  }
  config.source = *source;
  config.abort_on_fail = obj.boolean("abortOnFail").value_or(false);
  config.delay_abort_eval = obj.duration("delayAbortEval");
  return config;
}

void parse_thresholds(JsonFields const& options, Plan& plan, std::vector<PlanError>& errors) {
  auto const* v = options.get("thresholds");
  if (v == nullptr) return;
  JsonFields th(v, options.path_of("thresholds"), errors);
  if (!th.is_object()) return;
  for (auto const& [key, list] : v->as_object()) {
    std::string const path = th.path_of(key);
    auto sel = parse_metric_selector(key);
    if (!sel.selector) {
      errors.push_back({path, sel.error});
      continue;
    }
    std::optional<MetricType> type;
    check_threshold_metric(*sel.selector, path, errors, type);
    if (!list.is_array()) {
      errors.push_back(
          {path, "expected an array of threshold expressions, got " + describe_json(list)});
      continue;
    }
    ThresholdSetConfig set{std::string(key), {}};
    for (std::size_t i = 0; i < list.as_array().size(); ++i) {
      std::string const item_path = fmt::format("{}[{}]", path, i);
      auto config = parse_threshold_item(list.as_array()[i], item_path, errors);
      if (!config) continue;
      auto parsed = parse_threshold_expr(config->source);
      if (!parsed.expr) {
        errors.push_back({item_path, fmt::format("'{}': {}", config->source, parsed.error)});
        continue;
      }
      if (type && !aggregation_allowed(*type, parsed.expr->aggregation)) {
        errors.push_back({item_path, fmt::format("'{}': aggregation '{}' is not valid for {} "
                                                 "metric '{}'",
                                                 config->source, parsed.expr->agg_text,
                                                 to_string(*type), sel.selector->metric)});
        continue;
      }
      set.thresholds.push_back(std::move(*config));
    }
    plan.thresholds.push_back(std::move(set));
  }
  std::sort(plan.thresholds.begin(), plan.thresholds.end(),
            [](auto const& a, auto const& b) { return a.key < b.key; });
}

void parse_summary_options(JsonFields const& options, Plan& plan, std::vector<PlanError>& errors) {
  if (auto const* stats = options.get("summaryTrendStats")) {
    std::string const path = options.path_of("summaryTrendStats");
    if (!stats->is_array() || stats->as_array().empty()) {
      errors.push_back({path, "expected a non-empty array like [\"avg\",\"p(95)\"]"});
    } else {
      plan.summary_trend_stats.clear();
      for (auto const& s : stats->as_array()) {
        auto const text = s.is_string() ? std::string(s.as_string()) : std::string();
        auto const parsed = parse_threshold_expr(text + "<0");
        bool const ok =
            text == "count" ||
            (parsed.expr && aggregation_allowed(MetricType::trend, parsed.expr->aggregation));
        if (!ok) {
          errors.push_back({path, "unknown trend stat " + describe_json(s) +
                                      " (expected avg, min, med, max, count or p(N))"});
        }
        plan.summary_trend_stats.push_back(text);
      }
    }
  }
  if (auto unit = options.string("summaryTimeUnit")) {
    if (*unit != "s" && *unit != "ms" && *unit != "us") {
      options.error("summaryTimeUnit", "expected \"s\", \"ms\" or \"us\"");
    }
    plan.summary_time_unit = *unit;
  }
}

// k6's execution shortcuts (execution_config_shortcuts.go) as one scenario named "default".
void apply_shortcuts(JsonFields const& options, Plan& plan, std::vector<PlanError>& errors) {
  bool const any = options.has("vus") || options.has("duration") || options.has("iterations") ||
                   options.has("stages");
  if (options.has("scenarios")) {
    if (any) {
      errors.push_back({options.path(),
                        "vus/duration/iterations/stages cannot be mixed with "
                        "scenarios (k6 rule); put them inside a scenario"});
    }
    return;
  }
  ScenarioConfig s;
  s.name = "default";
  auto const vus = options.integer("vus", 1, 10'000'000);
  if (auto const* stages = options.get("stages")) {
    boost::json::object obj{{"executor", "ramping-vus"}, {"exec", "simple_query"}};
    obj["stages"] = *stages;
    if (vus) obj["startVUs"] = *vus;
    auto parsed = parse_scenario("default", boost::json::value(obj), options.path(), errors);
    if (parsed) plan.scenarios.push_back(std::move(*parsed));
    return;
  }
  s.vus = static_cast<std::uint32_t>(vus.value_or(1));
  auto const duration = options.duration("duration");
  if (auto iterations = options.integer("iterations", 1, 1'000'000'000'000)) {
    s.executor = ExecutorKind::shared_iterations;
    s.iterations = static_cast<std::uint64_t>(*iterations);
    if (duration) s.max_duration = *duration;
  } else if (duration && duration->count() > 0) {
    s.executor = ExecutorKind::constant_vus;
    s.duration = *duration;
  } else {
    s.executor = ExecutorKind::per_vu_iterations;
    s.iterations = 1;
  }
  plan.scenarios.push_back(std::move(s));
}

void reject_unknown_options(JsonFields const& options, boost::json::value const* json,
                            std::vector<PlanError>& errors) {
  if (json == nullptr || !json->is_object()) return;
  constexpr std::array<std::string_view, 11> accepted{
      "scenarios",       "thresholds", "tags",   "summaryTrendStats",
      "summaryTimeUnit", "timeout",    "vus",    "duration",
      "iterations",      "stages",     "goodput"};
  for (auto const& [key, value] : json->as_object()) {
    if (std::find(accepted.begin(), accepted.end(), key) != accepted.end()) continue;
    bool const k6_option = std::find(unsupported_k6_options.begin(), unsupported_k6_options.end(),
                                     key) != unsupported_k6_options.end();
    errors.push_back(
        {options.path_of(key),
         k6_option ? "k6 option " + std::string(key) + " is not supported" : "unknown field"});
  }
}

void parse_scenarios(JsonFields const& options, Plan& plan, std::vector<PlanError>& errors) {
  auto const* v = options.get("scenarios");
  if (v == nullptr) return;
  JsonFields sc(v, options.path_of("scenarios"), errors);
  if (!sc.is_object()) return;
  if (v->as_object().empty()) errors.push_back({sc.path(), "expected at least one scenario"});
  for (auto const& [name, json] : v->as_object()) {
    auto scenario = parse_scenario(std::string(name), json, sc.path_of(name), errors);
    if (scenario) plan.scenarios.push_back(std::move(*scenario));
  }
}

void check_zero_time_loops(Plan const& plan, std::vector<PlanError>& errors) {
  for (auto const& s : plan.scenarios) {
    bool const loops =
        s.executor == ExecutorKind::constant_vus || s.executor == ExecutorKind::ramping_vus;
    if (loops && iterations_take_no_time(s, plan.model)) {
      errors.push_back({"options.scenarios." + s.name,
                        "every iteration of scenario '" + s.name +
                            "' takes zero virtual time "
                            "(answered at once, no think_time, no network_rtt), so its loop would "
                            "never end: add \"think_time\" or a network_rtt"});
    }
  }
}

}  // namespace

bool iterations_take_no_time(ScenarioConfig const& scenario, ModelConfig const& model) {
  bool const answered_at_once =
      scenario.exec == RequestKind::invalid_request || model.error_rate >= 1.0;
  bool const no_think = !scenario.think_time || max_value(*scenario.think_time) <= 0;
  return answered_at_once && no_think && max_value(model.network_rtt) <= 0;
}

PlanParse parse_plan(std::string_view json_text, std::vector<std::string> const& overrides,
                     PlanUse use) {
  auto parsed = parse_json_text(json_text);
  if (!parsed.value) {
    PlanParse result;
    result.errors.push_back(to_plan_error(*parsed.error, json_text));
    return result;
  }
  return parse_plan_value(std::move(*parsed.value), overrides, use);
}

PlanParse parse_plan_value(boost::json::value doc, std::vector<std::string> const& overrides,
                           PlanUse use) {
  PlanParse result;
  auto& errors = result.errors;
  for (auto const& assignment : overrides) {
    if (auto error = apply_override(doc, assignment)) errors.push_back(std::move(*error));
  }
  if (!errors.empty()) return result;
  Plan plan;
  plan.document = boost::json::serialize(doc);
  plan.sha256 = sha256_hex(plan.document);
  JsonFields root(&doc, "", errors);
  root.reject_unknown({"model", "options", "target", "budget"});
  parse_target(root, plan);
  parse_budget(root, plan);
  parse_model(JsonFields(root.get("model"), "model", errors), plan.model);
  JsonFields options(root.get("options"), "options", errors);
  reject_unknown_options(options, root.get("options"), errors);
  if (auto tags = options.string_map("tags")) {
    for (auto& [k, v] : *tags) plan.tags[k] = v;
  }
  if (auto t = options.duration("timeout", Duration{1})) plan.timeout = *t;
  parse_summary_options(options, plan, errors);
  parse_thresholds(options, plan, errors);
  parse_goodput(options, plan);
  check_goodput_thresholds(plan, errors);
  parse_scenarios(options, plan, errors);
  apply_shortcuts(options, plan, errors);
  std::sort(plan.scenarios.begin(), plan.scenarios.end(), [](auto const& a, auto const& b) {
    return std::tie(a.start_time, a.name) < std::tie(b.start_time, b.name);
  });
  if (use == PlanUse::run) check_zero_time_loops(plan, errors);
  if (errors.empty()) result.plan = std::move(plan);
  return result;
}

}  // namespace loadtwin::core
