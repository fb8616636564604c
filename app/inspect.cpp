#include "app/inspect.hpp"

#include <map>

#include "core/run/budget_guard.hpp"
#include "core/run/request_record.hpp"
#include "sim/sim_run.hpp"
#include "wire/dialect.hpp"

namespace loadtwin::app {
namespace {

// Sums what each scenario's requests reported, as records arrive.
class UsageCounter final : public core::RecordObserver {
 public:
  UsageCounter() {
    for (auto kind : {core::RequestKind::simple_query, core::RequestKind::tool_call,
                      core::RequestKind::invalid_request}) {
      input_tokens_[kind] = request_input_tokens(kind);
    }
  }
  void on_record(core::RequestRecord const& r) override {
    auto& u = by_scenario[r.scenario];
    bool const finished =
        r.outcome == core::RecordOutcome::ok || r.outcome == core::RecordOutcome::error;
    if (finished && r.output_tokens) u.output_tokens += *r.output_tokens;
    if (r.status / 100 == 2) u.input_tokens += r.input_tokens.value_or(input_tokens_[r.exec]);
  }
  std::map<std::string, ExpectedUsage> by_scenario;

 private:
  std::map<core::RequestKind, std::uint32_t> input_tokens_;
};

void add(ExpectedUsage& into, ExpectedUsage const& part) {
  into.iterations += part.iterations;
  into.requests += part.requests;
  into.input_tokens += part.input_tokens;
  into.output_tokens += part.output_tokens;
}

}  // namespace

std::optional<TokenPrices> plan_prices(core::Plan const& plan) {
  return plan.budget ? plan.budget->prices : std::nullopt;
}

double cost_of(ExpectedUsage const& usage, TokenPrices const& prices) {
  return core::token_cost(prices, static_cast<double>(usage.input_tokens),
                          static_cast<double>(usage.output_tokens));
}

std::uint32_t request_input_tokens(core::RequestKind kind) {
  auto const* client = wire::find_client_dialect("anthropic");
  auto const request = client->write_request(kind, wire::WriteOptions{});
  auto const* server = wire::find_server_dialect(request.path);
  return server ? server->read_request(request.body).input_tokens : 0;
}

PlanInspection inspect_plan(core::Plan const& plan, std::uint64_t seed) {
  PlanInspection out;
  out.seed = seed;
  out.max_vus = core::plan_max_vus(plan);
  out.max_duration = core::plan_max_duration(plan);
  UsageCounter usage;
  sim::SimOptions options;
  options.seed = seed;
  auto const result =
      sim::run_sim(plan, options, [&](core::TestRun& run) { run.set_record_observer(&usage); });
  for (auto const& config : plan.scenarios) {
    ScenarioInspection s{core::outline_scenario(config), usage.by_scenario[config.name]};
    for (auto const& r : result.summary.scenarios) {
      if (r.name != config.name) continue;
      s.expected.iterations = r.counters.iterations_completed;
      s.expected.requests = r.counters.requests_sent;
    }
    add(out.total, s.expected);
    out.scenarios.push_back(std::move(s));
  }
  out.prices = plan_prices(plan);
  if (out.prices) out.cost = cost_of(out.total, *out.prices);
  return out;
}

}  // namespace loadtwin::app
