// One scenario object -> ScenarioConfig, with k6's per-executor options, defaults and
// validation rules (lib/executor/*.go Validate; REFERENCE §1.6).
#include <fmt/format.h>

#include <array>
#include <boost/json/value.hpp>

#include "core/plan/json_fields.hpp"
#include "core/plan/plan_json.hpp"
#include "core/plan/target_json.hpp"

namespace loadtwin::core {
namespace {

constexpr std::int64_t max_vus_bound = 10'000'000;
constexpr std::int64_t max_rate_bound = 1'000'000'000;

bool valid_scenario_name(std::string const& name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  return true;
}

std::vector<Stage> parse_stages(JsonFields const& f, std::int64_t max_target) {
  std::vector<Stage> stages;
  auto const* v = f.get("stages");
  if (v == nullptr) {
    f.error("stages", "missing field (at least one stage is required)");
    return stages;
  }
  if (!v->is_array() || v->as_array().empty()) {
    f.error("stages", "expected a non-empty array of {\"duration\": \"10s\", \"target\": N}");
    return stages;
  }
  for (std::size_t i = 0; i < v->as_array().size(); ++i) {
    JsonFields st(&v->as_array()[i], fmt::format("{}[{}]", f.path_of("stages"), i), f.errors());
    if (!st.is_object()) continue;
    st.reject_unknown({"duration", "target"});
    Stage stage;
    if (!st.has("duration")) st.error("duration", "missing field");
    if (!st.has("target")) st.error("target", "missing field");
    if (auto d = st.duration("duration")) stage.duration = *d;
    if (auto t = st.integer("target", 0, max_target)) stage.target = *t;
    stages.push_back(stage);
  }
  return stages;
}

// Every executor's own keys plus the keys every scenario may have.
void reject_scenario_keys(JsonFields const& f, std::initializer_list<std::string_view> own) {
  std::vector<std::string_view> allowed{"executor", "exec",       "startTime", "gracefulStop",
                                        "tags",     "think_time", "expect",    "request"};
  allowed.insert(allowed.end(), own.begin(), own.end());
  f.reject_unknown(allowed);
}

// One `status` item: an integer 100..599 or a class "1xx".."5xx".
bool parse_status_item(boost::json::value const& item, Expect& expect) {
  if (item.is_int64() && item.as_int64() >= 100 && item.as_int64() <= 599) {
    expect.codes.push_back(static_cast<int>(item.as_int64()));
    return true;
  }
  if (!item.is_string()) return false;
  std::string_view const text = item.as_string();
  if (text.size() != 3 || text[0] < '1' || text[0] > '5' || text.substr(1) != "xx") return false;
  expect.classes.push_back(text[0] - '0');
  return true;
}

// `expect`: {"status": [200, "4xx", ...], "content": "text"|"tool_use"|"any"}; each part
// defaults to exec's (SPEC `expect`).
Expect parse_expect(JsonFields const& scenario, RequestKind exec) {
  Expect expect = default_expect(exec);
  JsonFields const f = scenario.child("expect");
  if (!scenario.has("expect")) return expect;
  if (!f.is_object()) {
    scenario.error("expect", "expected an object like {\"status\": [200], \"content\": \"text\"}");
    return expect;
  }
  f.reject_unknown({"status", "content"});
  if (auto const* status = f.get("status")) {
    Expect parsed;
    bool ok = status->is_array() && !status->as_array().empty();
    for (std::size_t i = 0; ok && i < status->as_array().size(); ++i) {
      ok = parse_status_item(status->as_array()[i], parsed);
    }
    if (ok) {
      expect.codes = parsed.codes, expect.classes = parsed.classes;
    } else {
      f.error("status",
              "expected a non-empty array of statuses (100..599) or classes "
              "(\"2xx\", \"4xx\", ...), got " +
                  describe_json(*status));
    }
  }
  if (auto content = f.string("content")) {
    if (*content == "text")
      expect.content = ExpectedContent::text;
    else if (*content == "tool_use")
      expect.content = ExpectedContent::tool_use;
    else if (*content == "any")
      expect.content = ExpectedContent::any;
    else
      f.error("content", "expected text, tool_use or any, got \"" + *content + "\"");
  }
  return expect;
}

void require(JsonFields const& f, std::string_view key) {
  if (!f.has(key)) f.error(key, "missing field (required by this executor)");
}

void parse_constant_vus(JsonFields const& f, ScenarioConfig& s) {
  reject_scenario_keys(f, {"vus", "duration"});
  require(f, "duration");
  if (auto v = f.integer("vus", 1, max_vus_bound)) s.vus = static_cast<std::uint32_t>(*v);
  if (auto d = f.duration("duration", seconds(1))) s.duration = *d;
}

void parse_ramping_vus(JsonFields const& f, ScenarioConfig& s) {
  reject_scenario_keys(f, {"startVUs", "stages", "gracefulRampDown"});
  if (auto v = f.integer("startVUs", 0, max_vus_bound))
    s.start_vus = static_cast<std::uint32_t>(*v);
  if (auto d = f.duration("gracefulRampDown")) s.graceful_ramp_down = *d;
  s.stages = parse_stages(f, max_vus_bound);
  std::int64_t peak = s.start_vus;
  for (auto const& st : s.stages) peak = std::max(peak, st.target);
  if (!s.stages.empty() && peak == 0) {
    f.error("stages", "expected startVUs or at least one stage target above 0");
  }
}

void parse_arrival_pool(JsonFields const& f, ScenarioConfig& s) {
  require(f, "preAllocatedVUs");
  if (auto d = f.duration("timeUnit", Duration{1})) s.time_unit = *d;
  if (auto v = f.integer("preAllocatedVUs", 0, max_vus_bound)) {
    s.pre_allocated_vus = static_cast<std::uint32_t>(*v);
  }
  s.max_vus = s.pre_allocated_vus;
  if (auto v = f.integer("maxVUs", 0, max_vus_bound)) s.max_vus = static_cast<std::uint32_t>(*v);
  if (s.max_vus < s.pre_allocated_vus) f.error("maxVUs", "expected maxVUs >= preAllocatedVUs");
  if (s.max_vus == 0 && f.has("preAllocatedVUs")) {
    f.error("maxVUs", "expected at least one VU (preAllocatedVUs or maxVUs above 0)");
  }
}

void parse_constant_arrival_rate(JsonFields const& f, ScenarioConfig& s) {
  reject_scenario_keys(f, {"rate", "timeUnit", "duration", "preAllocatedVUs", "maxVUs"});
  require(f, "rate");
  require(f, "duration");
  if (auto r = f.integer("rate", 1, max_rate_bound)) s.rate = *r;
  if (auto d = f.duration("duration", seconds(1))) s.duration = *d;
  parse_arrival_pool(f, s);
}

void parse_ramping_arrival_rate(JsonFields const& f, ScenarioConfig& s) {
  reject_scenario_keys(f, {"startRate", "timeUnit", "stages", "preAllocatedVUs", "maxVUs"});
  if (auto r = f.integer("startRate", 0, max_rate_bound)) s.start_rate = *r;
  s.stages = parse_stages(f, max_rate_bound);
  parse_arrival_pool(f, s);
}

void parse_iterations(JsonFields const& f, ScenarioConfig& s, bool shared) {
  reject_scenario_keys(f, {"vus", "iterations", "maxDuration"});
  if (auto v = f.integer("vus", 1, max_vus_bound)) s.vus = static_cast<std::uint32_t>(*v);
  if (auto n = f.integer("iterations", 1, 1'000'000'000'000)) {
    s.iterations = static_cast<std::uint64_t>(*n);
  }
  if (auto d = f.duration("maxDuration", seconds(1))) s.max_duration = *d;
  if (shared && s.iterations < s.vus) {
    f.error("iterations",
            fmt::format("expected iterations >= vus ({}), got {}", s.vus, s.iterations));
  }
}

// trace: {"trace": FILE, "format": "azure"|"mooncake"|"loadtwin", "time_scale": 1.0,
// "maxVUs": N}; VUs are allocated as rows need them, up to maxVUs (default 1000).
void parse_trace_executor(JsonFields const& f, ScenarioConfig& s) {
  reject_scenario_keys(f, {"trace", "format", "time_scale", "maxVUs"});
  require(f, "trace");
  if (auto t = f.string("trace")) {
    if (t->empty()) f.error("trace", "expected a file name");
    s.trace = *t;
  }
  if (auto format = f.string("format")) {
    if (!is_trace_format(*format)) {
      f.error("format", "expected azure, mooncake or loadtwin, got \"" + *format + "\"");
    }
    s.trace_format = *format;
  }
  if (auto x = f.number("time_scale", 1e-6, 1e6)) s.time_scale = *x;
  s.max_vus = 1000;
  if (auto v = f.integer("maxVUs", 1, max_vus_bound)) s.max_vus = static_cast<std::uint32_t>(*v);
}

// The executor's own options (k6 lib/executor/*.go), after `executor` named it.
void parse_executor_options(JsonFields const& f, ScenarioConfig& s) {
  switch (s.executor) {
    case ExecutorKind::constant_vus:
      parse_constant_vus(f, s);
      break;
    case ExecutorKind::ramping_vus:
      parse_ramping_vus(f, s);
      break;
    case ExecutorKind::constant_arrival_rate:
      parse_constant_arrival_rate(f, s);
      break;
    case ExecutorKind::ramping_arrival_rate:
      parse_ramping_arrival_rate(f, s);
      break;
    case ExecutorKind::per_vu_iterations:
      parse_iterations(f, s, false);
      break;
    case ExecutorKind::shared_iterations:
      parse_iterations(f, s, true);
      break;
    case ExecutorKind::trace:
      parse_trace_executor(f, s);
      if (s.request.body || !s.request.corpus.empty()) {
        f.error("request", "a trace scenario sends its rows' sizes: no body or corpus");
      }
      break;
  }
}

}  // namespace

std::optional<ScenarioConfig> parse_scenario(std::string const& name,
                                             boost::json::value const& json,
                                             std::string const& path,
                                             std::vector<PlanError>& errors) {
  std::size_t const errors_before = errors.size();
  JsonFields f(&json, path, errors);
  if (!f.is_object()) return std::nullopt;
  ScenarioConfig s;
  s.name = name;
  if (!valid_scenario_name(name)) {
    errors.push_back({path, "scenario name must match ^[0-9a-zA-Z_-]+$"});
  }
  auto const executor = f.string("executor");
  if (!executor) require(f, "executor");
  auto const exec = f.string("exec");
  if (!f.has("exec")) {
    f.error("exec",
            "missing field: name the request kind (simple_query, tool_call or invalid_request)");
  } else if (exec) {
    if (auto kind = parse_request_kind(*exec)) {
      s.exec = *kind;
    } else {
      f.error("exec", "expected simple_query, tool_call or invalid_request, got \"" + *exec + "\"");
    }
  }
  if (auto d = f.duration("startTime")) s.start_time = *d;
  if (auto d = f.duration("gracefulStop")) s.graceful_stop = *d;
  if (auto tags = f.string_map("tags")) {
    for (auto& [k, v] : *tags) s.tags[k] = v;
  }
  if (auto d = f.delay("think_time")) s.think_time = *d;
  s.expect = parse_expect(f, s.exec);
  parse_request(f, s.request);
  bool matched = false;
  for (auto const& [text, kind] : executor_names) {
    if (executor && *executor == text) {
      s.executor = kind;
      matched = true;
    }
  }
  if (executor && !matched) {
    f.error("executor",
            "expected one of constant-vus, ramping-vus, constant-arrival-rate, "
            "ramping-arrival-rate, per-vu-iterations, shared-iterations, trace, got \"" +
                *executor + "\"");
  }
  if (matched) parse_executor_options(f, s);
  if (errors.size() != errors_before) return std::nullopt;
  return s;
}

}  // namespace loadtwin::core
