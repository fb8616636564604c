#pragma once
// The plan as plain data, after parsing and validation (core/plan_json.hpp builds it).
// Field names follow k6's options where k6 has the concept.
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/distribution.hpp"
#include "core/plan/expect.hpp"
#include "core/plan/goodput.hpp"
#include "core/plan/trace_file.hpp"
#include "core/request_kind.hpp"
#include "core/time.hpp"

namespace loadtwin::core {

// The server's timing model (SPEC "Timing model"); defaults are the seed mock's.
struct ModelConfig {
  Distribution first_token_delay = constant_duration(ms(100));
  Duration first_token_delay_per_1k_input_tokens{0};  // added per 1000 input tokens
  Distribution token_interval = constant_duration(ms(20));
  Distribution tokens_per_response = ConstantDist{50};
  Distribution tokens_per_delta = ConstantDist{1};  // output tokens in one content delta
  Distribution tool_call_delay = constant_duration(ms(500));
  double error_rate = 0.005;
  int error_status = 500;
  Distribution network_rtt = constant_duration(Duration{0});
  std::optional<std::uint32_t> max_concurrent;  // nullopt = unlimited
  std::uint32_t tool_input_chunks = 5;
  std::optional<std::uint32_t> max_queue;  // nullopt = unbounded queue
  int queue_full_status = 529;
  double slowdown_per_active_stream = 0;
  double stream_error_rate = 0;
};

enum class ExecutorKind {
  constant_vus,
  ramping_vus,
  constant_arrival_rate,
  ramping_arrival_rate,
  per_vu_iterations,
  shared_iterations,
  trace,  // a loadtwin executor: one request per trace row (SPEC "Trace replay")
};

// k6's executor names, one table for the parser and the reports.
struct ExecutorName {
  std::string_view name;
  ExecutorKind kind;
};
inline constexpr std::array<ExecutorName, 7> executor_names{{
    {"constant-vus", ExecutorKind::constant_vus},
    {"ramping-vus", ExecutorKind::ramping_vus},
    {"constant-arrival-rate", ExecutorKind::constant_arrival_rate},
    {"ramping-arrival-rate", ExecutorKind::ramping_arrival_rate},
    {"per-vu-iterations", ExecutorKind::per_vu_iterations},
    {"shared-iterations", ExecutorKind::shared_iterations},
    {"trace", ExecutorKind::trace},
}};

constexpr std::string_view to_string(ExecutorKind kind) {
  for (auto const& e : executor_names) {
    if (e.kind == kind) return e.name;
  }
  return "?";
}

// One ramp stage: reach `target` (VUs, or iterations per timeUnit) over `duration`.
struct Stage {
  Duration duration{0};
  std::int64_t target = 0;
};

// One body a scenario sends (SPEC "Requests"): the JSON object as written in the plan or a
// corpus line, and what a server estimates from it (sim plays the same size).
struct RequestBody {
  std::string json;                         // serialized object
  std::uint32_t input_tokens = 0;           // the SPEC estimate (core/plan/input_tokens.hpp)
  std::optional<std::uint32_t> max_tokens;  // max_tokens (or max_completion_tokens) if set
  bool has_tools = false;                   // a non-empty `tools` array
};

enum class CorpusPick : std::uint8_t { sequential, random };

// A scenario's `request`: what is sent instead of exec's built-in body.
struct RequestConfig {
  std::optional<std::string> body;  // request.body, serialized
  std::string corpus;               // request.corpus: JSONL file, relative to the plan
  CorpusPick pick = CorpusPick::sequential;
  std::vector<std::pair<std::string, std::string>> headers;
  // Loaded by load_plan_requests: the one body, or the corpus lines in order.
  std::shared_ptr<std::vector<RequestBody> const> bodies;
};

// One scenario. Only the fields of its executor are meaningful; the others keep defaults.
struct ScenarioConfig {
  std::string name;
  ExecutorKind executor = ExecutorKind::constant_vus;
  RequestKind exec = RequestKind::simple_query;
  Duration start_time{0};
  Duration graceful_stop = seconds(30);
  std::map<std::string, std::string> tags;
  std::optional<Distribution> think_time;
  Expect expect = default_expect(RequestKind::simple_query);  // exec's default unless given
  RequestConfig request;
  std::uint32_t vus = 1;        // constant-vus, per-vu-iterations, shared-iterations
  Duration duration{0};         // constant-vus, constant-arrival-rate
  std::uint32_t start_vus = 1;  // ramping-vus
  std::vector<Stage> stages;    // ramping-vus, ramping-arrival-rate
  Duration graceful_ramp_down = seconds(30);
  std::int64_t rate = 0;        // constant-arrival-rate
  std::int64_t start_rate = 0;  // ramping-arrival-rate
  Duration time_unit = seconds(1);
  std::uint32_t pre_allocated_vus = 0;
  std::uint32_t max_vus = 0;
  std::uint64_t iterations = 1;  // per-vu-iterations (per VU), shared-iterations (total)
  Duration max_duration = seconds(600);
  // trace: the file (relative to the plan), its format, the speed-up, and its rows once
  // loaded (core/plan/trace_file.hpp); `duration` is then the last row's scaled offset.
  std::string trace;
  std::string trace_format = "azure";
  double time_scale = 1.0;
  std::shared_ptr<TraceRows const> trace_rows;
};

// One threshold expression on a metric or submetric, k6's string or object form.
struct ThresholdConfig {
  std::string source;  // e.g. "p(95)<500"
  bool abort_on_fail = false;
  std::optional<Duration> delay_abort_eval;
};

// All thresholds under one key of options.thresholds ("metric" or "metric{tag:value}").
struct ThresholdSetConfig {
  std::string key;
  std::vector<ThresholdConfig> thresholds;
};

// target.tls (SPEC "Targets"); file paths are resolved against the plan's directory.
struct TlsConfig {
  std::string ca_file;
  bool insecure = false;
  std::string client_cert;
  std::string client_key;
};

// The plan's `target` section; flags override each field.
struct TargetConfig {
  std::string base_url;
  std::string dialect;      // "" = anthropic
  std::string api_key_env;  // "" = the dialect's default variable
  std::vector<std::pair<std::string, std::string>> headers;
  TlsConfig tls;
};

// Dollars per million tokens (budget.prices).
struct TokenPrices {
  double input_per_mtok = 0;
  double output_per_mtok = 0;
};

// The spend guard (SPEC "Budget"): every limit is optional.
struct BudgetConfig {
  std::optional<std::uint64_t> max_requests;
  std::optional<std::uint64_t> max_input_tokens;
  std::optional<std::uint64_t> max_output_tokens;
  std::optional<double> max_cost;  // needs prices
  std::optional<TokenPrices> prices;
  [[nodiscard]] bool any_limit() const {
    return max_requests || max_input_tokens || max_output_tokens || max_cost;
  }
};

struct Plan {
  ModelConfig model;
  std::vector<ScenarioConfig> scenarios;       // sorted by (startTime, name) like k6
  std::vector<ThresholdSetConfig> thresholds;  // in key order
  std::map<std::string, std::string> tags;     // options.tags: on every sample
  std::vector<std::string> summary_trend_stats{"avg", "min", "med", "max", "p(90)", "p(95)"};
  std::string summary_time_unit;       // "", "s", "ms" or "us"
  Duration timeout = seconds(60);      // per request, sim and live alike
  std::string sha256;                  // of the JSON document as run (core/plan/plan_hash.hpp)
  std::string document;                // that document, serialized (parts carry it for merge)
  std::optional<GoodputSlos> goodput;  // options.goodput: per-request SLOs (SPEC "Goodput")
  std::optional<TargetConfig> target;  // live only (SPEC "Targets, requests, dialects")
  std::optional<BudgetConfig> budget;  // SPEC "Budget"
};

}  // namespace loadtwin::core
